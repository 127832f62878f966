// One jest run for the whole workspace: TypeScript through swc (legacy decorators, as TypeORM wants),
// one embedded PostgreSQL for the run (see packages/testing), a fresh database per test file.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // No decorator metadata, as under tsx and esbuild: every column states its type.
      transform: { legacyDecorator: true, decoratorMetadata: false },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // jose and graphile-worker are ESM-only: compile them to CommonJS like our own code.
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/(jose|graphile-worker)@[^/]+/node_modules/)?(jose|graphile-worker)/)',
  ],
  testMatch: ['<rootDir>/{services,gateway,packages}/*/test/**/*.test.ts', '<rootDir>/gateway/test/**/*.test.ts'],
  globalSetup: '<rootDir>/packages/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testing/src/global-teardown.ts',
  testTimeout: 30_000,
};

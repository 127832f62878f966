// The architecture's dependency rules, checked in CI (pnpm depcheck).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-service-imports-another-service',
      comment:
        'A service never imports another service: it uses keys in the graph, the other service’s GraphQL API, or durable events.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-shared-package-imports-a-service',
      comment:
        'Shared packages serve every service and so know none of them. Four exceptions: the launcher’s settlement benchmark (pnpm bench --only settlement) runs the finance service’s settlement in-process on a scratch database, and its indicator benchmark (pnpm bench --only indicators) the evaluation service’s classification and in-movement balance (see the next two rules); the national data set (pnpm national, packages/cli/src/national and its test) writes all four services’ databases with their own migrations, rules, settlement run, indicator import and personal data encryption; and backup and restore (pnpm backup, pnpm restore: packages/cli/src/backup/services.ts) rebuild each service’s tables with its own migrations and job queue schema.',
      severity: 'error',
      from: {
        path: '^packages/',
        pathNot: [
          '^packages/cli/src/bench-settlement\\.ts$',
          '^packages/cli/src/bench-indicators\\.ts$',
          '^packages/cli/src/national/',
          '^packages/cli/test/national\\.test\\.ts$',
          '^packages/cli/src/backup/services\\.ts$',
        ],
      },
      to: { path: '^services/' },
    },
    {
      name: 'settlement-benchmark-imports-finance-only',
      comment:
        'packages/cli/src/bench-settlement.ts may import the finance service (its entities, migrations, settlement and compensation rules) and no other service.',
      severity: 'error',
      from: { path: '^packages/cli/src/bench-settlement\\.ts$' },
      to: { path: '^services/', pathNot: '^services/finance/' },
    },
    {
      name: 'indicator-benchmark-imports-evaluation-only',
      comment:
        'packages/cli/src/bench-indicators.ts may import the evaluation service (its entities, migrations, indicator import, classification and balance) and no other service.',
      severity: 'error',
      from: { path: '^packages/cli/src/bench-indicators\\.ts$' },
      to: { path: '^services/', pathNot: '^services/evaluation/' },
    },
    {
      name: 'no-gateway-imports-a-service',
      comment:
        'The gateway knows the subgraphs only by their SDL files and URLs. (Its tests run the whole graph, end to end.)',
      severity: 'error',
      from: { path: '^gateway/src/' },
      to: { path: '^services/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds the rules as plain functions: no database, HTTP, GraphQL server or file system.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: {
        path: [
          '^services/[^/]+/src/(entities|store|resolvers|migrations|seed)/',
          '(^|/)node_modules/(typeorm|pg|express|@apollo/[^/]+|dataloader)/',
          '^packages/db/',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { pathNot: '^services/[^/]+/src/entities/' },
      to: { circular: true },
      comment: 'TypeORM entities refer to each other by design (lazy type functions); nothing else may.',
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '__generated__/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};

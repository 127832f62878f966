// Jest global setup: one embedded PostgreSQL for the whole run (unless TEST_DATABASE_URL names a server).
// Test files each create their own database on it. Started here, not in test files: the package is ESM-only.
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@second-chance/db';
import { type GlobalState, setGlobalState } from './global-state';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const directory = await mkdtemp(join(tmpdir(), 'second-chance-test-'));
  await chmod(directory, 0o755); // PostgreSQL runs as its own user when tests run as root
  const server = await startEmbeddedPostgres({
    dataDir: join(directory, 'pg'),
    port: await freePort(),
    durable: false,
  });
  process.env.TEST_DATABASE_URL = server.url('postgres');
  const state: GlobalState = { server, directory };
  setGlobalState(state);
}

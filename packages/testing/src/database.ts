// A fresh database per test file, on the run's PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '@second-chance/db';

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (pnpm test)');
  return url;
}

/** A fresh database on the run's server, or on `serverUrl` (a server of a test's own). */
export async function createTestDatabase(label: string, serverUrl = testServerUrl()): Promise<string> {
  const name = `test_${label.replace(/\W/g, '_').slice(0, 30)}_${randomBytes(5).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  await ensureDatabase(url);
  return url;
}

export { dropDatabase };

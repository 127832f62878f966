// A fresh database per test file, on the run's PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '@second-chance/db';

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (pnpm test)');
  return url;
}

export async function createTestDatabase(label: string): Promise<string> {
  const name = `test_${label.replace(/\W/g, '_').slice(0, 30)}_${randomBytes(5).toString('hex')}`;
  const url = withDatabase(testServerUrl(), name);
  await ensureDatabase(url);
  return url;
}

export { dropDatabase };

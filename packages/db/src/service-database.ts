// Which database a service uses: DATABASE_URL when given; otherwise (never in production) a database on
// the embedded PostgreSQL that `pnpm start` runs, started here if it is not running yet.
import { join } from 'node:path';
import pg from 'pg';
import { ensureDatabase } from './databases';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, type EmbeddedPostgres } from './embedded';
import { startEmbeddedPostgresProcess } from './embedded-process';
import { dataDirectory } from './paths';

export const DEFAULT_EMBEDDED_PORT = 54329;

export function serviceDatabaseName(service: string): string {
  return `second_chance_${service}`;
}

export function embeddedPort(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.EMBEDDED_POSTGRES_PORT ?? DEFAULT_EMBEDDED_PORT);
}

export async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface LocalServer {
  /** The URL of the server's `postgres` database. */
  url: string;
  /** Set when this process started the embedded server and must stop it. */
  embedded?: EmbeddedPostgres;
  description: string;
}

/** The embedded PostgreSQL of the data folder: joined when it already runs, started otherwise. */
export async function localServer(
  options: { port?: number; dataDir?: string; onLog?: (line: string) => void } = {},
): Promise<LocalServer> {
  const port = options.port ?? embeddedPort();
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  if (await serverAnswers(url)) return { url, description: `embedded PostgreSQL on port ${port} (already running)` };
  const dataDir = options.dataDir ?? join(dataDirectory(), 'postgres');
  const embedded = await startEmbeddedPostgresProcess({
    dataDir,
    port,
    durable: true,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return { url, embedded, description: `embedded PostgreSQL on port ${port}, data in ${dataDir}` };
}

export interface ServiceDatabase {
  url: string;
  /** Set when this process started the embedded server and must stop it. */
  embedded?: EmbeddedPostgres;
}

export async function openServiceDatabase(
  service: string,
  options: { env?: NodeJS.ProcessEnv; onLog?: (line: string) => void } = {},
): Promise<ServiceDatabase> {
  const env = options.env ?? process.env;
  if (env.DATABASE_URL) {
    if (env.NODE_ENV !== 'production') await ensureDatabase(env.DATABASE_URL);
    return { url: env.DATABASE_URL };
  }
  if (env.NODE_ENV === 'production') throw new Error('DATABASE_URL is required in production');
  const server = await localServer({ port: embeddedPort(env), ...(options.onLog ? { onLog: options.onLog } : {}) });
  const url = server.url.replace(/\/postgres$/, `/${serviceDatabaseName(service)}`);
  await ensureDatabase(url);
  return { url, ...(server.embedded ? { embedded: server.embedded } : {}) };
}

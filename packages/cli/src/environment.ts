// One PostgreSQL database per service for `pnpm start` and `pnpm bench`: embedded unless DATABASE_URL
// names a server.
import {
  type EmbeddedPostgres,
  ensureDatabase,
  localServer,
  serviceDatabaseName,
  withDatabase,
} from '@second-chance/db';
import { SUBGRAPHS } from '@second-chance/gateway';

export interface Databases {
  /** One URL per subgraph name. */
  urls: Record<string, string>;
  /** The embedded server, when this process started it. */
  embedded?: EmbeddedPostgres;
  description: string;
}

/**
 * Per service: `<NAME>_DATABASE_URL` if set; else a `second_chance_<name>` database on the server that
 * DATABASE_URL names; else the same on the embedded PostgreSQL.
 */
export async function prepareDatabases(options: { dataDir?: string; port?: number } = {}): Promise<Databases> {
  const server = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, description: 'the server DATABASE_URL names' }
    : await localServer(options);
  const urls: Record<string, string> = {};
  for (const subgraph of SUBGRAPHS) {
    const url =
      process.env[`${subgraph.name.toUpperCase()}_DATABASE_URL`] ??
      withDatabase(server.url, serviceDatabaseName(subgraph.name));
    await ensureDatabase(url);
    urls[subgraph.name] = url;
  }
  return {
    urls,
    description: server.description,
    ...('embedded' in server && server.embedded ? { embedded: server.embedded } : {}),
  };
}

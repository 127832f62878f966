// Which database `pnpm backup` and `pnpm restore` work on, as the other commands of the launcher find it:
// --database-url; else <SERVICE>_DATABASE_URL; else the database second_chance_<service> on the server DATABASE_URL
// names; else the same on the embedded PostgreSQL of `pnpm start` (joined if it runs, started otherwise).
import { resolve } from 'node:path';
import { localServer, redactUrl, serviceDatabaseName, withDatabase } from '@second-chance/db';

export interface ServiceDatabaseTarget {
  url: string;
  description: string;
  /** Stops the embedded PostgreSQL when this process started it. */
  stop(): Promise<void>;
}

export async function serviceDatabaseTarget(
  service: string,
  databaseUrl: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceDatabaseTarget> {
  const own = databaseUrl ?? env[`${service.toUpperCase()}_DATABASE_URL`];
  const none = () => Promise.resolve();
  if (own) return { url: own, description: redactUrl(own), stop: none };
  if (env.DATABASE_URL) {
    const url = withDatabase(env.DATABASE_URL, serviceDatabaseName(service));
    return { url, description: redactUrl(url), stop: none };
  }
  const server = await localServer();
  const url = withDatabase(server.url, serviceDatabaseName(service));
  return {
    url,
    description: `${serviceDatabaseName(service)} on the ${server.description}`,
    stop: () => server.embedded?.stop() ?? none(),
  };
}

/** A path as the person typed it, relative to where they ran pnpm. */
export function fromWhereRun(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

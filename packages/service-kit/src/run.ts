// The main of every subgraph process: configuration, database, migrations, demo data, serve, stop cleanly.
import { z } from 'zod';
import { dataDirectory, openServiceDatabase } from '@second-chance/db';
import { loadOrCreateDevSecrets } from '@second-chance/identity';
import { flag, isProduction, listOf, port, readEnv } from './config';
import { onShutdown } from './http';
import { createLogger } from './logger';
import {
  type ServiceLink,
  type ServiceLinks,
  type SubgraphModule,
  createSubgraphServer,
  openSubgraphDatabase,
} from './subgraph';

const envSchema = z.object({
  PORT: port.optional(),
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_SECRETS: listOf.optional(),
  /** `service:secret` pairs, comma-separated: who may call this service's API besides the gateway. */
  SERVICE_CLIENTS: listOf.default([]),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SEED_DEMO: flag.default(false),
});

/** `households:s1,households:s2` → `{ households: ['s1', 's2'] }`. */
export function parseServiceClients(pairs: readonly string[]): Record<string, string[]> {
  const clients: Record<string, string[]> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf(':');
    if (separator < 1) throw new Error('SERVICE_CLIENTS is a comma-separated list of service:secret');
    (clients[pair.slice(0, separator)] ??= []).push(pair.slice(separator + 1));
  }
  return clients;
}

/** The services a module calls, from `<NAME>_SERVICE_URL` and `<NAME>_SERVICE_SECRET`. */
export function serviceLinks(module: SubgraphModule, env: NodeJS.ProcessEnv = process.env): ServiceLinks {
  const links: Record<string, ServiceLink> = {};
  for (const target of module.calls ?? []) {
    const prefix = target.toUpperCase();
    const url = env[`${prefix}_SERVICE_URL`];
    const secret = env[`${prefix}_SERVICE_SECRET`];
    if (!url || !secret)
      throw new Error(`${module.name} calls ${target}: set ${prefix}_SERVICE_URL and ${prefix}_SERVICE_SECRET`);
    links[target] = { url, secret };
  }
  return links;
}

export async function runSubgraph(module: SubgraphModule): Promise<void> {
  const log = createLogger(module.name);
  try {
    const env = readEnv(envSchema);
    const secrets = env.GATEWAY_SECRETS?.length
      ? env.GATEWAY_SECRETS
      : isProduction()
        ? undefined
        : [loadOrCreateDevSecrets(dataDirectory(), [module.name])[module.name] as string];
    if (!secrets) throw new Error('GATEWAY_SECRETS is required in production');

    const database = await openServiceDatabase(module.name, { onLog: (line) => log.debug({ line }, 'postgres') });
    const { dataSource } = await openSubgraphDatabase(module, database.url, log, env.PG_POOL_SIZE);
    const links = serviceLinks(module);
    const runtime = { db: dataSource, databaseUrl: database.url, log, links };
    await module.background?.prepare(runtime);
    if (env.SEED_DEMO && module.seedDemo) await module.seedDemo(dataSource, log);

    const server = await createSubgraphServer(module, {
      dataSource,
      gatewaySecrets: secrets,
      serviceClients: parseServiceClients(env.SERVICE_CLIENTS),
      links,
      log,
    });
    const bound = await server.listen(env.PORT ?? module.defaultPort, env.HOST);
    const background = await module.background?.start(runtime);
    log.info({ port: bound }, `${module.name} subgraph ready`);
    onShutdown(log, async () => {
      await background?.stop();
      await server.stop();
      await database.embedded?.stop();
    });
  } catch (error) {
    log.fatal({ err: error }, `${module.name} subgraph could not start`);
    process.exit(1);
  }
}

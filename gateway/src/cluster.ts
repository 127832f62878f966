// The gateway on more than one core: GATEWAY_WORKERS processes share one port (Node's cluster module, the
// primary handing out connections in turn). Each worker is a whole gateway; they share nothing but the port,
// so rate limits and the token cache are per worker. The primary restarts a worker that dies, and on SIGTERM
// or SIGINT passes the signal on, waits for every worker to finish its requests and exits 0.
import cluster from 'node:cluster';
import type { Logger } from '@second-chance/service-kit';

/** Runs `start` in this process (one worker), or forks `workers` processes that each run it. */
export function runWorkers(workers: number, log: Logger, start: () => Promise<void>): void {
  if (workers <= 1 || !cluster.isPrimary) {
    void start();
    return;
  }
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i += 1) fork();
  log.info({ workers }, 'gateway workers started');
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'a gateway worker stopped: starting another');
    fork();
  });
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping the gateway workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (process.send) process.on('disconnect', () => stop('parent went away'));
}

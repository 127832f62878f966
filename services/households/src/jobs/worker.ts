// Runs the job queue: migrations of its own schema on start, a worker with the tasks and a crontab while
// the service runs, or a single pass over what is due (tests).
import { Logger, type TaskList, run, runMigrations, runOnce } from 'graphile-worker';
import pg from 'pg';
import type { BackgroundRuntime, BackgroundWork } from '@second-chance/service-kit';
import type { HouseholdsServices } from '../services';
import { expireOffers } from '../store/offers';
import { TASKS } from './queue';
import { createTaskList } from './tasks';

/** Offers are checked for their deadline every minute; retention periods once a day, at 02:30 UTC. */
const CRONTAB = [
  `* * * * * ${TASKS.expireOffers} ?max=1&jobKey=${TASKS.expireOffers}&jobKeyMode=replace`,
  `30 2 * * * ${TASKS.eraseHouseholdsPastRetention} ?max=3&jobKey=${TASKS.eraseHouseholdsPastRetention}&jobKeyMode=replace`,
].join('\n');

function poolFor(runtime: BackgroundRuntime, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: runtime.databaseUrl, max });
  // A connection the server drops is replaced by the pool; it must not take the process down.
  const lost = (error: Error) => runtime.log.warn({ err: error }, 'job queue connection lost');
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}

/** graphile-worker's log lines, in the service's JSON log. */
function workerLogger(runtime: BackgroundRuntime): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const details = { scope, ...meta };
    if (level === 'error') runtime.log.error(details, message);
    else if (level === 'warning') runtime.log.warn(details, message);
    else if (level === 'info') runtime.log.info(details, message);
    else runtime.log.debug(details, message);
  });
}

async function withPool<T>(runtime: BackgroundRuntime, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = poolFor(runtime, 4);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

export function householdsBackground(servicesFor: (runtime: BackgroundRuntime) => HouseholdsServices): BackgroundWork {
  const taskList = (runtime: BackgroundRuntime): TaskList =>
    createTaskList(runtime.db, servicesFor(runtime), runtime.log);
  return {
    prepare: (runtime) => withPool(runtime, (pgPool) => runMigrations({ pgPool, logger: workerLogger(runtime) })),
    start: async (runtime) => {
      const pgPool = poolFor(runtime, 5);
      const runner = await run({
        pgPool,
        logger: workerLogger(runtime),
        taskList: taskList(runtime),
        crontab: CRONTAB,
        concurrency: 4,
        noHandleSignals: true,
        pollInterval: 1000,
      });
      return {
        stop: async () => {
          await runner.stop();
          await pgPool.end();
        },
      };
    },
    runOnce: (runtime) =>
      withPool(runtime, async (pgPool) => {
        // The deadline sweep (cron does not run in a single pass), then every job due now.
        await expireOffers(runtime.db, servicesFor(runtime));
        await runOnce({ pgPool, taskList: taskList(runtime), noHandleSignals: true, logger: workerLogger(runtime) });
      }),
  };
}

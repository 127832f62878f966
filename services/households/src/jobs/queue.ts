// Jobs on the PostgreSQL job queue (graphile-worker), added in the same transaction as the change that
// needs them: if the change commits, the job will run (at least once); if it rolls back, there is no job.
import type { EntityManager } from 'typeorm';

export const TASKS = {
  deliverEvent: 'deliver_event',
  confirmReservation: 'confirm_reservation',
  releaseReservation: 'release_reservation',
  letVacancy: 'let_vacancy',
  expireOffers: 'expire_offers',
} as const;
export type TaskName = (typeof TASKS)[keyof typeof TASKS];

export interface EnqueueOptions {
  /** A job with the same key replaces a waiting one instead of running twice. */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export async function enqueue(
  manager: EntityManager,
  task: TaskName,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<void> {
  await manager.query(`SELECT graphile_worker.add_job($1, $2::json, job_key := $3, run_at := $4, max_attempts := $5)`, [
    task,
    JSON.stringify(payload),
    options.jobKey ?? null,
    options.runAt ?? null,
    options.maxAttempts ?? 25,
  ]);
}

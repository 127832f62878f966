// Jobs on the PostgreSQL job queue (graphile-worker), added in the same transaction as the change that
// needs them: if the change commits, the job will run (at least once); if it rolls back, there is no job.
import type { EntityManager } from 'typeorm';
import { traceCarrier } from '@second-chance/service-kit';

export const TASKS = {
  deliverEvent: 'deliver_event',
  confirmReservation: 'confirm_reservation',
  releaseReservation: 'release_reservation',
  letVacancy: 'let_vacancy',
  expireOffers: 'expire_offers',
  eraseHouseholdsPastRetention: 'erase_past_retention',
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
  // The trace of the request that queued the job (only while tracing), so that its work joins that trace.
  const trace = traceCarrier();
  // Through households_add_job: the service's database role may add jobs but not touch the queue's tables.
  await manager.query(`SELECT households_add_job($1, $2::json, $3, $4, $5)`, [
    task,
    JSON.stringify('traceparent' in trace ? { ...payload, trace } : payload),
    options.jobKey ?? null,
    options.runAt ?? null,
    options.maxAttempts ?? 25,
  ]);
}

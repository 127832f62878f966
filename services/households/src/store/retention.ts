// The retention job: households past their retention period (domain/retention) are erased through the same
// erasure as a caseworker's, one transaction each, by the actor `system:retention`, which the audit log shows.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { type Logger, PlatformError } from '@second-chance/service-kit';
import { TERMINAL_STATES } from '../domain/case-lifecycle';
import {
  DEFAULT_RETENTION,
  type RetentionSettings,
  type RetentionSummary,
  pastRetention,
  retentionCutoffs,
  retentionReason,
} from '../domain/retention';
import type { HouseholdsServices } from '../services';
import { erasePersonalData } from './erasure';

/** The platform itself, when a household's retention period has ended. */
export const RETENTION_ACTOR: Identity = {
  subject: 'system:retention',
  organisation: { type: 'PLATFORM', id: 'households' },
  roles: ['platform-admin'],
};

interface SummaryRow {
  id: string;
  registered_at: Date;
  restricted: boolean;
  cases: number;
  active_cases: number;
  last_case_activity: Date | null;
  active_applications: number;
  last_application: Date | null;
}

/** Each household's retention summary ($1: the terminal case states). */
const SUMMARIES = `
  SELECT h.id, h.created_at AS registered_at, h.restricted_at IS NOT NULL AS restricted,
         c.cases, c.active_cases, c.last_case_activity, a.active_applications, a.last_application
    FROM household h
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS cases,
             (count(*) FILTER (WHERE k.state <> ALL($1::varchar[])))::int AS active_cases,
             (SELECT max(e.occurred_at) FROM case_event e JOIN relocation_case k2 ON k2.id = e.case_id
               WHERE k2.household_id = h.id) AS last_case_activity
        FROM relocation_case k WHERE k.household_id = h.id) c
    CROSS JOIN LATERAL (
      SELECT (count(*) FILTER (WHERE p.status = 'ACTIVE'))::int AS active_applications,
             max(p.created_at) AS last_application
        FROM in_mover_application p WHERE p.household_id = h.id) a
   WHERE h.erased_at IS NULL`;

const summaryOf = (row: SummaryRow): RetentionSummary => ({
  registeredAt: row.registered_at,
  cases: row.cases,
  activeCases: row.active_cases,
  lastCaseActivity: row.last_case_activity,
  activeApplications: row.active_applications,
  lastApplication: row.last_application,
  restricted: row.restricted,
});

/** The household's retention summary now (null once it is erased or when there is none). */
export async function retentionSummaryOf(
  manager: DataSource | EntityManager,
  householdId: string,
): Promise<RetentionSummary | null> {
  const [row] = await manager.query<SummaryRow[]>(`${SUMMARIES} AND h.id = $2`, [TERMINAL_STATES, householdId]);
  return row ? summaryOf(row) : null;
}

/** Households whose retention period has ended by `now` (as the query sees it), in id order after `after`. */
export async function householdsPastRetention(
  db: DataSource,
  settings: RetentionSettings,
  now: Date,
  limit: number,
  after = '00000000-0000-0000-0000-000000000000',
): Promise<{ id: string; summary: RetentionSummary }[]> {
  const cutoffs = retentionCutoffs(settings, now);
  const rows = await db.query<SummaryRow[]>(
    `SELECT * FROM (${SUMMARIES}) s
      WHERE NOT s.restricted AND s.active_cases = 0 AND s.active_applications = 0
        AND ((s.cases > 0 AND GREATEST(s.last_case_activity, s.last_application) <= $2)
          OR (s.cases = 0 AND GREATEST(s.registered_at, s.last_application) <= $3))
        AND s.id > $4
      ORDER BY s.id LIMIT $5`,
    [TERMINAL_STATES, cutoffs.afterClose, cutoffs.withoutCase, after, limit],
  );
  return rows.map((row) => ({ id: row.id, summary: summaryOf(row) }));
}

const BATCH = 200;

/** Erases every household past its retention period; returns how many it erased. */
export async function eraseHouseholdsPastRetention(
  db: DataSource,
  services: HouseholdsServices,
  log: Logger,
  now = new Date(),
): Promise<number> {
  const settings = services.settings.retention ?? DEFAULT_RETENTION;
  let erased = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await householdsPastRetention(db, settings, now, BATCH, after);
    for (const { id, summary } of batch) {
      if (!pastRetention(summary, settings, now)) continue;
      try {
        await erasePersonalData(db, services, {
          householdId: id,
          reason: retentionReason(summary, settings),
          idempotencyKey: `retention:${id}`,
          actor: RETENTION_ACTOR,
          via: 'retention',
          operation: 'retention',
          authorize: () => undefined,
          trustedReason: true,
          // Checked again under the household's lock: a nomination may have come meanwhile.
          precondition: async (manager) => {
            const current = await retentionSummaryOf(manager, id);
            return current && pastRetention(current, settings, now) ? null : 'no longer past its retention period';
          },
        });
        erased += 1;
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        log.info({ householdId: id, reason: error.message }, 'household not erased by the retention job');
      }
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]?.id;
  }
  return erased;
}

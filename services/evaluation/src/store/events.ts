// The households service's case events (docs/events.md), as evaluation reads them: each case's way through the
// programme (the take-up funnel, the cohorts) and each move into an area (the in-movement balance). The case id
// is kept only as a hash, the household only as its pseudonym. Each event id is recorded in the same
// transaction as its effect, so a redelivery changes nothing; events may arrive in any order.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { InvalidEventError } from '@second-chance/service-kit';

const count = z.number().int().min(0).max(100);
const day = z.iso.date();
const code = z.string().regex(/^\d{3}$/);

export const caseEventSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.number().int().min(1),
  sequence: z.number().int().min(0),
  payload: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

/** What evaluation reads of a version-1 payload; fields added later in version 1 are optional. */
const payloadSchema = z.object({
  caseId: z.uuid(),
  householdPseudonym: z.string().min(1).max(100),
  toState: z.string().regex(/^[A-Z_]{1,20}$/),
  effectiveOn: day,
  sendingMunicipalityCode: code,
  receivingMunicipalityCode: code.nullable(),
  toAreaId: z.uuid().nullable().optional(),
  moveDate: day.nullable(),
  composition: z.object({
    adults: count,
    children: count,
    adultsOfWorkingAge: count.optional(),
    adultsOutsideLabourMarket: count,
    adultsWithOpenMunicipalCase: count,
    membersWithOpenMunicipalCase: count.optional(),
  }),
});
type Payload = z.infer<typeof payloadSchema>;

export type IntakeOutcome = 'APPLIED' | 'MOVE_RECORDED' | 'DUPLICATE' | 'IGNORED';

const CASE_EVENT = /^relocation-case\.[a-z-]+$/;

/** The key evaluation keeps a case by: the case id hashed, so nothing here leads back to the case. */
export function caseRef(caseId: string): string {
  return createHash('sha256').update(caseId).digest('hex');
}

/** The stage columns a state marks (with the day it was reached). */
const STAGE_COLUMN: Readonly<Record<string, string>> = {
  CONSENTED: 'consented_on',
  OFFERED: 'offered_on',
  ACCEPTED: 'accepted_on',
};

export async function receiveEvent(db: DataSource, event: CaseEvent): Promise<IntakeOutcome> {
  if (!CASE_EVENT.test(event.type)) return 'IGNORED';
  if (event.version !== 1) throw new InvalidEventError(`${event.type} version ${event.version} is not known here`);
  const parsed = payloadSchema.safeParse(event.payload);
  if (!parsed.success) {
    throw new InvalidEventError(`${event.type} payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const p = parsed.data;
  return db.transaction(async (em) => {
    const inserted: unknown[] = await em.query(
      `INSERT INTO received_event (event_id, type, sequence, outcome) VALUES ($1, $2, $3, 'APPLIED')
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.type, event.sequence],
    );
    if (inserted.length === 0) return 'DUPLICATE';
    const ref = caseRef(p.caseId);
    await applyToParticipation(em.query.bind(em), ref, event.sequence, p);
    if (p.toState === 'MOVED' && p.toAreaId) {
      const c = p.composition;
      await em.query(
        `INSERT INTO in_move (case_ref, area_id, moved_on, members, adults_of_working_age,
                              adults_outside_labour_market, members_with_open_case)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_ref) WHERE case_ref IS NOT NULL DO NOTHING`,
        [
          ref,
          p.toAreaId,
          p.moveDate ?? p.effectiveOn,
          c.adults + c.children,
          c.adultsOfWorkingAge ?? c.adults,
          c.adultsOutsideLabourMarket,
          c.membersWithOpenMunicipalCase ?? c.adultsWithOpenMunicipalCase,
        ],
      );
      await em.query(`UPDATE received_event SET outcome = 'MOVE_RECORDED' WHERE event_id = $1`, [event.id]);
      return 'MOVE_RECORDED';
    }
    return 'APPLIED';
  });
}

type Query = (sql: string, parameters: unknown[]) => Promise<unknown>;

/**
 * Upserts the case's participation. Stage days keep the earliest seen (an event can arrive late); the state and
 * the receiving side follow the event with the highest sequence.
 */
async function applyToParticipation(query: Query, ref: string, sequence: number, p: Payload): Promise<void> {
  const stage = STAGE_COLUMN[p.toState];
  const movedOn = p.toState === 'MOVED' ? (p.moveDate ?? p.effectiveOn) : null;
  await query(
    `INSERT INTO participation (case_ref, household_pseudonym, sending_municipality_code, receiving_municipality_code,
                                to_area_id, nominated_on, consented_on, offered_on, accepted_on, moved_on, state,
                                last_sequence)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (case_ref) DO UPDATE SET
       nominated_on = LEAST(participation.nominated_on, EXCLUDED.nominated_on),
       consented_on = LEAST(participation.consented_on, EXCLUDED.consented_on),
       offered_on = LEAST(participation.offered_on, EXCLUDED.offered_on),
       accepted_on = LEAST(participation.accepted_on, EXCLUDED.accepted_on),
       moved_on = COALESCE(participation.moved_on, EXCLUDED.moved_on),
       receiving_municipality_code = CASE WHEN EXCLUDED.last_sequence > participation.last_sequence
         THEN COALESCE(EXCLUDED.receiving_municipality_code, participation.receiving_municipality_code)
         ELSE COALESCE(participation.receiving_municipality_code, EXCLUDED.receiving_municipality_code) END,
       to_area_id = COALESCE(participation.to_area_id, EXCLUDED.to_area_id),
       state = CASE WHEN EXCLUDED.last_sequence > participation.last_sequence
         THEN EXCLUDED.state ELSE participation.state END,
       last_sequence = GREATEST(participation.last_sequence, EXCLUDED.last_sequence),
       updated_at = now()`,
    [
      ref,
      p.householdPseudonym,
      p.sendingMunicipalityCode,
      p.receivingMunicipalityCode,
      p.toAreaId ?? null,
      p.effectiveOn,
      stage === 'consented_on' ? p.effectiveOn : null,
      stage === 'offered_on' ? p.effectiveOn : null,
      stage === 'accepted_on' ? p.effectiveOn : null,
      movedOn,
      p.toState,
      sequence,
    ],
  );
}

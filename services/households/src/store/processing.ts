// The question every change of a household's data asks first, inside its transaction: may it be processed?
// The household's row is locked FOR KEY SHARE, so that a restriction or an erasure (which lock it FOR UPDATE)
// either comes before the change and is seen, or waits for it.
import type { DataSource, EntityManager } from 'typeorm';
import { conflict, isId, notFound } from '@second-chance/service-kit';
import { HouseholdEntity } from '../entities';
import { type ProcessingKind, type ProcessingState, processingRefusal } from '../domain/restriction';

export async function processingStateOf(
  manager: DataSource | EntityManager,
  householdId: string,
): Promise<ProcessingState | null> {
  if (!isId(householdId)) return null;
  const [row] = await manager.query<{ restricted_at: Date | null; erased_at: Date | null }[]>(
    'SELECT restricted_at, erased_at FROM household WHERE id = $1 FOR KEY SHARE',
    [householdId],
  );
  return row ? { restrictedAt: row.restricted_at, erasedAt: row.erased_at } : null;
}

/** CONFLICT when the household's data may not be processed so now (restricted, or erased). */
export async function requireProcessing(
  manager: DataSource | EntityManager,
  householdId: string,
  action: string,
  kind: ProcessingKind = 'FORWARD',
): Promise<void> {
  const state = await processingStateOf(manager, householdId);
  if (!state) throw notFound('household', householdId);
  const refusal = processingRefusal(state, action, kind);
  if (refusal) throw conflict(refusal);
}

/** The household's row, locked FOR UPDATE for a restriction or an erasure; NOT_FOUND when there is none. */
export async function lockHousehold(manager: EntityManager, householdId: string): Promise<HouseholdEntity> {
  const household = isId(householdId)
    ? await manager
        .getRepository(HouseholdEntity)
        .findOne({ where: { id: householdId }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!household) throw notFound('household', householdId);
  return household;
}

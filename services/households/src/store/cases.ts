// Changing a case's state: one guarded UPDATE (the state and version it was read with), one history event,
// and a domain event (docs/events.md), all in the caller's transaction.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { conflict, notFound, isId } from '@second-chance/service-kit';
import { type CaseAction, transition } from '../domain/case-lifecycle';
import { kindOfCaseAction } from '../domain/restriction';
import { CaseEventEntity, HouseholdEntity, RelocationCaseEntity } from '../entities';
import type { HouseholdsServices } from '../services';
import { publishCaseEvent } from './events';
import { requireProcessing } from './processing';

/** The platform itself, when a job changes a case (an offer's deadline passed). */
export const SYSTEM_ACTOR: Identity = {
  subject: 'system:households',
  organisation: { type: 'PLATFORM', id: 'households' },
  roles: ['platform-admin'],
};

export async function findCase(manager: EntityManager, id: string): Promise<RelocationCaseEntity> {
  const found = isId(id) ? await manager.getRepository(RelocationCaseEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('relocation case', id);
  return found;
}

export interface ChangeOptions {
  reason?: string | null;
  /** Other columns to set with the new state. */
  set?: Partial<
    Pick<
      RelocationCaseEntity,
      'receivingMunicipalityCode' | 'receivingOrganisationId' | 'toUnitId' | 'toAreaId' | 'moveDate' | 'movedOn'
    >
  >;
}

export async function changeState(
  manager: EntityManager,
  services: HouseholdsServices,
  kase: RelocationCaseEntity,
  action: CaseAction,
  actor: Identity,
  options: ChangeOptions = {},
): Promise<RelocationCaseEntity> {
  const result = transition(kase.state, action);
  if ('refused' in result) throw conflict(result.refused);
  await requireProcessing(
    manager,
    kase.householdId,
    action.toLowerCase().replaceAll('_', ' '),
    kindOfCaseAction(action),
  );
  const updated = await manager
    .createQueryBuilder()
    .update(RelocationCaseEntity)
    .set({ ...options.set, state: result.to, version: kase.version + 1 })
    .where('id = :id AND version = :version', { id: kase.id, version: kase.version })
    .execute();
  if (updated.affected !== 1) throw conflict('the case changed while you were changing it; look again');
  const after = await manager.getRepository(RelocationCaseEntity).findOneByOrFail({ id: kase.id });
  await manager.getRepository(CaseEventEntity).insert({
    caseId: kase.id,
    action,
    fromState: kase.state,
    toState: result.to,
    actor: actor.subject,
    actorOrganisationType: actor.organisation.type,
    actorOrganisationId: actor.organisation.id,
    reason: options.reason ?? null,
  });
  await publishCaseEvent(manager, services, after, kase.state, result.to);
  return after;
}

export async function openCase(
  manager: EntityManager,
  services: HouseholdsServices,
  householdId: string,
  sendingMunicipalityCode: string,
  fromUnitId: string | null,
  actor: Identity,
  reason: string,
): Promise<RelocationCaseEntity> {
  await requireProcessing(manager, householdId, 'a nomination');
  const cases = manager.getRepository(RelocationCaseEntity);
  const kase = cases.create({
    householdId,
    sendingMunicipalityCode,
    fromUnitId,
    state: 'NOMINATED',
    receivingMunicipalityCode: null,
    receivingOrganisationId: null,
    toUnitId: null,
    toAreaId: null,
    moveDate: null,
    movedOn: null,
  });
  await cases.insert(kase);
  await manager.getRepository(CaseEventEntity).insert({
    caseId: kase.id,
    action: 'NOMINATE',
    fromState: null,
    toState: 'NOMINATED',
    actor: actor.subject,
    actorOrganisationType: actor.organisation.type,
    actorOrganisationId: actor.organisation.id,
    reason,
  });
  await publishCaseEvent(manager, services, kase, null, 'NOMINATED');
  return kase;
}

/** The household has moved: the case is MOVED (finance and evaluation are told) and its home is the new one. */
export async function recordMove(
  db: DataSource,
  services: HouseholdsServices,
  actor: Identity,
  kase: RelocationCaseEntity,
  movedOn: string,
): Promise<RelocationCaseEntity> {
  return db.transaction(async (manager) => {
    const moved = await changeState(manager, services, kase, 'MOVE', actor, { set: { movedOn } });
    await manager.getRepository(HouseholdEntity).update(kase.householdId, {
      homeUnitId: moved.toUnitId,
      homeOrganisationId: moved.receivingOrganisationId,
      homeAddressCiphertext: null,
    });
    return moved;
  });
}

// Nominations open a case; the responsible municipality accepts (the case goes on once consent is in
// force) or rejects (the case is cancelled).
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { conflict, isId, notFound, unlessDuplicate } from '@second-chance/service-kit';
import type { NominationReason } from '../domain/nominations';
import { NominationEntity, type HouseholdEntity } from '../entities';
import type { HouseholdsServices } from '../services';
import { changeState, findCase, openCase } from './cases';
import { requireValidConsent } from './consent-rules';
import { confirmIfReady } from './consents';
import { requireProcessing } from './processing';

export async function nominate(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  household: HouseholdEntity,
  input: { reasonCategory: NominationReason; reasonText: string },
): Promise<NominationEntity> {
  await requireProcessing(db, household.id, 'a nomination');
  await requireValidConsent(db, household.id, 'RELOCATION', 'a nomination');
  return db.transaction(async (manager) => {
    const kase = await unlessDuplicate(
      () =>
        openCase(
          manager,
          services,
          household.id,
          household.responsibleMunicipalityCode,
          household.homeUnitId,
          identity,
          input.reasonCategory,
        ),
      'case_one_active_per_household',
      'the household already has a case in progress',
    );
    const nominations = manager.getRepository(NominationEntity);
    const nomination = nominations.create({
      householdId: household.id,
      caseId: kase.id,
      nominatedByOrganisationType: identity.organisation.type,
      nominatedByOrganisationId: identity.organisation.id,
      nominatedBy: identity.subject,
      reasonCategory: input.reasonCategory,
      reasonText: input.reasonText,
      status: 'PENDING',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    });
    await nominations.insert(nomination);
    return nomination;
  });
}

export async function findNomination(db: DataSource, id: string): Promise<NominationEntity> {
  const found = isId(id) ? await db.getRepository(NominationEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('nomination', id);
  return found;
}

export async function decide(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  nomination: NominationEntity,
  input: { decision: 'ACCEPT' | 'REJECT'; note?: string | null | undefined },
): Promise<NominationEntity> {
  return db.transaction(async (manager) => {
    await requireProcessing(
      manager,
      nomination.householdId,
      input.decision === 'ACCEPT' ? 'accepting a nomination' : 'rejecting a nomination',
      input.decision === 'ACCEPT' ? 'FORWARD' : 'STOPPING',
    );
    const decided = await manager
      .createQueryBuilder()
      .update(NominationEntity)
      .set({
        status: input.decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED',
        decidedBy: identity.subject,
        decidedAt: new Date(),
        decisionNote: input.note ?? null,
      })
      .where("id = :id AND status = 'PENDING'", { id: nomination.id })
      .execute();
    if (decided.affected !== 1) throw conflict('the nomination has already been decided');
    if (input.decision === 'ACCEPT') {
      await confirmIfReady(manager, services, nomination.householdId, identity);
    } else {
      const kase = await findCase(manager, nomination.caseId);
      await changeState(manager, services, kase, 'CANCEL', identity, { reason: input.note ?? 'nomination rejected' });
    }
    return manager.getRepository(NominationEntity).findOneByOrFail({ id: nomination.id });
  });
}

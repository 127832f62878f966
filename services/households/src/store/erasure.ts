// Erasure of a household's personal data (GDPR art. 17), in one transaction under the household's lock.
//
// Deleted: members (names, CPR numbers and their search hashes, birth dates), their facts and criminal-record
// facts, nominations (their reasons are free text), applications for municipal allocation and allocation
// proposals (needs, and reasons drawn from the facts), strategy activities (descriptions and outcomes).
// Overwritten: the household's home, address and needs; consents' withdrawal reasons; offers' notes and decline
// reasons; the reception strategy's summary; every free-text reason in the cases' history.
// Kept, holding no personal data: the household's id and municipality (the cases point to it), consents'
// purpose, basis and dates (that processing had a lawful basis), the cases with their states, dates, units and
// parties (finance's ledger and evaluation's figures refer to them by case id and pseudonym), offers and the
// strategy's parties (organisations and their staff), the audit log and the outbox of domain events.
//
// The pseudonym other services know the household by is HMAC(key, household id). The id is kept (in the cases,
// the audit log and the erasure record), so the pseudonym can still be computed from it; but nothing leads from
// the person to the id any more: no CPR number, CPR hash, name, birth date, address or home is left, so a
// person's CPR number finds nothing, and evaluation's records by pseudonym no longer lead back to anyone.
// Giving the case skeleton a new household id would not cut more: the outbox (append-only) ties each case id
// to the pseudonym it was sent with.
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { badUserInput, conflict, unlessDuplicate } from '@second-chance/service-kit';
import { erasureRefusal, reasonProblem } from '../domain/erasure';
import {
  AllocationProposalEntity,
  AuditEntryEntity,
  CaseEventEntity,
  ConsentEntity,
  CriminalRecordFactEntity,
  DomainEventEntity,
  type ErasedRecords,
  HouseholdEntity,
  InMoverApplicationEntity,
  MemberEntity,
  MemberFactEntity,
  NominationEntity,
  OfferEntity,
  PersonalDataErasureEntity,
  ReceptionStrategyEntity,
  RelocationCaseEntity,
  StrategyActivityEntity,
} from '../entities';
import type { HouseholdsServices } from '../services';
import { recordAction } from './audit';
import { lockHousehold } from './processing';

export interface ErasureRequest {
  householdId: string;
  reason: string;
  idempotencyKey: string;
  actor: Identity;
  via: string;
  operation: string;
  /** Who may: asked under the household's lock, before anything of it is read. */
  authorize(household: HouseholdEntity): void;
  /** The platform's own reason (the retention job's): not checked for personal data. */
  trustedReason?: boolean;
  /** A last check under the lock (the retention job's): a refusal, or null to go on. */
  precondition?(manager: EntityManager, household: HouseholdEntity): Promise<string | null>;
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** The personal text a reason must not contain (names, birth dates, the address), read under the lock. */
export function personalTextOf(
  services: HouseholdsServices,
  household: HouseholdEntity,
  members: readonly MemberEntity[],
) {
  return {
    names: members.map((m) => m.name),
    birthDates: members.map((m) => m.birthDate),
    addresses: household.homeAddressCiphertext ? [services.cipher.decrypt(household.homeAddressCiphertext)] : [],
  };
}

export async function erasePersonalData(
  db: DataSource,
  services: HouseholdsServices,
  request: ErasureRequest,
): Promise<PersonalDataErasureEntity> {
  return db.transaction(async (manager) => {
    const household = await lockHousehold(manager, request.householdId);
    request.authorize(household);

    const erasures = manager.getRepository(PersonalDataErasureEntity);
    const requestedByOrganisation = `${request.actor.organisation.type}:${request.actor.organisation.id}`;
    const earlier = await erasures.findOneBy({ requestedByOrganisation, idempotencyKey: request.idempotencyKey });
    if (earlier) {
      if (earlier.householdId !== household.id) {
        throw conflict('this idempotency key was used for the erasure of another household');
      }
      return earlier;
    }
    if (household.erasedAt) {
      throw conflict(`the household's personal data was erased on ${day(household.erasedAt)}`);
    }

    const cases = await manager.getRepository(RelocationCaseEntity).findBy({ householdId: household.id });
    const activeApplications = await manager
      .getRepository(InMoverApplicationEntity)
      .countBy({ householdId: household.id, status: 'ACTIVE' });
    const refusal =
      erasureRefusal({ caseStates: cases.map((c) => c.state), activeApplications }) ??
      (request.precondition ? await request.precondition(manager, household) : null);
    if (refusal) throw conflict(refusal);

    const members = await manager.getRepository(MemberEntity).findBy({ householdId: household.id });
    if (!request.trustedReason) {
      const problem = reasonProblem(request.reason, personalTextOf(services, household, members));
      if (problem) throw badUserInput(`reason: ${problem}`, [{ path: 'reason', message: problem }]);
    }

    const records = await eraseRecords(manager, household, members, cases);
    const erasure = erasures.create({
      householdId: household.id,
      requestedByOrganisation,
      idempotencyKey: request.idempotencyKey,
      erasedBy: request.actor.subject,
      reason: request.reason.trim(),
      records,
    });
    await unlessDuplicate(
      () => erasures.insert(erasure),
      'personal_data_erasure_idempotency',
      'this idempotency key was used for the erasure of another household',
    );
    await recordAction(manager, {
      actor: request.actor,
      via: request.via,
      operation: request.operation,
      householdId: household.id,
      action: 'ERASURE',
      fields: records.filter((r) => r.how !== 'KEPT' && r.count > 0).map((r) => r.kind),
      reason: erasure.reason,
    });
    return erasures.findOneByOrFail({ id: erasure.id });
  });
}

/** Deletes and overwrites; returns what it did to each kind of record. */
async function eraseRecords(
  manager: EntityManager,
  household: HouseholdEntity,
  members: readonly MemberEntity[],
  cases: readonly RelocationCaseEntity[],
): Promise<ErasedRecords[]> {
  const memberIds = members.map((m) => m.id);
  const caseIds = cases.map((c) => c.id);
  const strategies = caseIds.length
    ? await manager.getRepository(ReceptionStrategyEntity).findBy({ caseId: In(caseIds) })
    : [];
  const strategyIds = strategies.map((s) => s.id);

  // First the household itself: the case history's trigger lets a reason be blanked once it is erased.
  await manager.getRepository(HouseholdEntity).update(household.id, {
    homeUnitId: null,
    homeOrganisationId: null,
    homeAddressCiphertext: null,
    minRooms: null,
    needsStepFreeAccess: false,
    maxMonthlyRentOre: null,
    acceptableMunicipalityCodes: [],
    restrictedAt: null,
    restrictedBy: null,
    restrictionReason: null,
    erasedAt: new Date(),
  });

  const byMember = { memberId: In(memberIds) };
  const memberFacts = memberIds.length ? (await manager.getRepository(MemberFactEntity).delete(byMember)).affected : 0;
  const criminalRecordFacts = memberIds.length
    ? (await manager.getRepository(CriminalRecordFactEntity).delete(byMember)).affected
    : 0;
  const memberCount = (await manager.getRepository(MemberEntity).delete({ householdId: household.id })).affected;
  const nominations = (await manager.getRepository(NominationEntity).delete({ householdId: household.id })).affected;
  const proposals = (await manager.getRepository(AllocationProposalEntity).delete({ householdId: household.id }))
    .affected;
  const applications = (await manager.getRepository(InMoverApplicationEntity).delete({ householdId: household.id }))
    .affected;
  const activities = strategyIds.length
    ? (await manager.getRepository(StrategyActivityEntity).delete({ strategyId: In(strategyIds) })).affected
    : 0;
  if (strategyIds.length) {
    await manager.getRepository(ReceptionStrategyEntity).update({ id: In(strategyIds) }, { summary: null });
  }
  const consents = (
    await manager.getRepository(ConsentEntity).update({ householdId: household.id }, { withdrawalReason: null })
  ).affected;
  const offers = caseIds.length
    ? ((await manager.getRepository(OfferEntity).update({ caseId: In(caseIds) }, { note: null, declineReason: null }))
        .affected ?? 0)
    : 0;
  const caseEventReasons = caseIds.length
    ? ((
        await manager
          .createQueryBuilder()
          .update(CaseEventEntity)
          .set({ reason: null })
          .where('case_id IN (:...caseIds) AND reason IS NOT NULL', { caseIds })
          .execute()
      ).affected ?? 0)
    : 0;
  const auditEntries = await manager.getRepository(AuditEntryEntity).countBy({ householdId: household.id });
  const domainEvents = caseIds.length
    ? await manager.getRepository(DomainEventEntity).countBy({ aggregateId: In(caseIds) })
    : 0;

  return [
    { kind: 'household', count: 1, how: 'OVERWRITTEN' },
    { kind: 'members', count: memberCount ?? 0, how: 'DELETED' },
    { kind: 'memberFacts', count: memberFacts ?? 0, how: 'DELETED' },
    { kind: 'criminalRecordFacts', count: criminalRecordFacts ?? 0, how: 'DELETED' },
    { kind: 'consents', count: consents ?? 0, how: 'OVERWRITTEN' },
    { kind: 'nominations', count: nominations ?? 0, how: 'DELETED' },
    { kind: 'inMoverApplications', count: applications ?? 0, how: 'DELETED' },
    { kind: 'allocationProposals', count: proposals ?? 0, how: 'DELETED' },
    { kind: 'relocationCases', count: cases.length, how: 'KEPT' },
    { kind: 'caseEventReasons', count: caseEventReasons, how: 'OVERWRITTEN' },
    { kind: 'offers', count: offers, how: 'OVERWRITTEN' },
    { kind: 'receptionStrategies', count: strategyIds.length, how: 'OVERWRITTEN' },
    { kind: 'strategyActivities', count: activities ?? 0, how: 'DELETED' },
    { kind: 'auditEntries', count: auditEntries, how: 'KEPT' },
    { kind: 'domainEvents', count: domainEvents, how: 'KEPT' },
  ];
}

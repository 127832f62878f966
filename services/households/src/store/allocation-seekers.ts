// The seekers of an allocation round, as the allocation model sees them: searching relocation cases and active
// applications for municipal allocation, each with its needs and the few facts the law's letting rules ask about
// (ages, citizenship, releases, lease terminations, benefit periods). Criminal-record dates are decrypted here,
// for the round only, and every household read is written to the audit log.
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import type { CashBenefit, MemberFacts, Seeker } from '@second-chance/allocation';
import { hasValidConsent } from '../domain/consent';
import { ageOn } from '../domain/cpr';
import { CASH_BENEFITS, factsOn, isOutsideLabourMarket, type LabourMarketStatus } from '../domain/facts';
import {
  AuditEntryEntity,
  CaseEventEntity,
  ConsentEntity,
  CriminalRecordFactEntity,
  HouseholdEntity,
  InMoverApplicationEntity,
  MemberEntity,
  MemberFactEntity,
  RelocationCaseEntity,
} from '../entities';
import type { HouseholdsServices } from '../services';

export interface RoundSeeker extends Seeker {
  householdId: string;
  caseId: string | null;
  applicationId: string | null;
}

/**
 * Cases searching for a home and active applications, with the facts the rules need on `date`. Households whose
 * processing is restricted (GDPR art. 18) are left out, and nothing of theirs is read.
 */
export async function gatherSeekers(
  db: DataSource,
  services: HouseholdsServices,
  actor: Identity,
  date: string,
): Promise<RoundSeeker[]> {
  const restricted = (alias: string) =>
    `NOT EXISTS (SELECT 1 FROM household h WHERE h.id = ${alias}.household_id ` +
    `AND (h.restricted_at IS NOT NULL OR h.erased_at IS NOT NULL))`;
  const cases = await db
    .getRepository(RelocationCaseEntity)
    .createQueryBuilder('kase')
    .where("kase.state = 'SEARCHING'")
    .andWhere(restricted('kase'))
    .orderBy('kase.id', 'ASC')
    .getMany();
  const applications = await db
    .getRepository(InMoverApplicationEntity)
    .createQueryBuilder('application')
    .where("application.status = 'ACTIVE'")
    .andWhere(restricted('application'))
    .orderBy('application.id', 'ASC')
    .getMany();
  const householdIds = [...new Set([...cases.map((c) => c.householdId), ...applications.map((a) => a.householdId)])];
  if (householdIds.length === 0) return [];

  const [households, members, consents, searchStarts] = await Promise.all([
    db.getRepository(HouseholdEntity).findBy({ id: In(householdIds) }),
    db.getRepository(MemberEntity).findBy({ householdId: In(householdIds) }),
    db.getRepository(ConsentEntity).findBy({ householdId: In(householdIds) }),
    cases.length
      ? db
          .getRepository(CaseEventEntity)
          .createQueryBuilder('e')
          .select('e.case_id', 'caseId')
          .addSelect('max(e.occurred_at)', 'since')
          .where('e.case_id IN (:...ids)', { ids: cases.map((c) => c.id) })
          .andWhere("e.to_state = 'SEARCHING'")
          .groupBy('e.case_id')
          .getRawMany<{ caseId: string; since: Date }>()
      : Promise.resolve([]),
  ]);
  const living = members.filter((m) => !m.leftOn || m.leftOn > date);
  const memberIds = living.map((m) => m.id);
  const [facts, records] = memberIds.length
    ? await Promise.all([
        db.getRepository(MemberFactEntity).findBy({ memberId: In(memberIds) }),
        db.getRepository(CriminalRecordFactEntity).findBy({ memberId: In(memberIds) }),
      ])
    : [[], []];

  const factsOf = new Map<string, MemberFactEntity[]>();
  for (const fact of facts) factsOf.set(fact.memberId, [...(factsOf.get(fact.memberId) ?? []), fact]);
  const recordsOf = new Map<string, CriminalRecordFactEntity[]>();
  for (const record of records) recordsOf.set(record.memberId, [...(recordsOf.get(record.memberId) ?? []), record]);

  const memberFacts = (member: MemberEntity): MemberFacts => {
    const all = factsOf.get(member.id) ?? [];
    const now = factsOn(all, date);
    const status = now.find((f) => f.kind === 'LABOUR_MARKET_STATUS')?.value as LabourMarketStatus | undefined;
    const age = ageOn(member.birthDate, date);
    const releases = recordsOf.get(member.id) ?? [];
    const releasedOn = (kind: string) =>
      releases.filter((r) => r.kind === kind).map((r) => services.cipher.decrypt(r.releasedOnCiphertext));
    return {
      age,
      citizenship: (now.find((f) => f.kind === 'CITIZENSHIP')?.value as MemberFacts['citizenship'] | undefined) ?? null,
      student: status === 'IN_EDUCATION',
      prisonReleases: releasedOn('PRISON_RELEASE'),
      youthInstitutionReleases: releasedOn('YOUTH_INSTITUTION_RELEASE'),
      leaseTerminations: all.filter((f) => f.kind === 'LEASE_TERMINATED_GROSS_MISCONDUCT').map((f) => f.startedOn),
      benefits: all
        .filter((f) => f.kind === 'LABOUR_MARKET_STATUS' && CASH_BENEFITS.includes(f.value as LabourMarketStatus))
        .map((f) => ({ benefit: f.value as CashBenefit, period: { startedOn: f.startedOn, endedOn: f.endedOn } })),
      outsideWorkOrEducation: age >= 18 && age <= 64 && status !== undefined && isOutsideLabourMarket(status),
      openMunicipalCase: now.some((f) => f.kind === 'OPEN_MUNICIPAL_CASE'),
    };
  };

  const householdById = new Map(households.map((h) => [h.id, h]));
  const membersOf = (householdId: string) => living.filter((m) => m.householdId === householdId).map(memberFacts);
  const consentsOf = (householdId: string) => consents.filter((c) => c.householdId === householdId);
  const since = new Map(searchStarts.map((s) => [s.caseId, new Date(s.since).toISOString().slice(0, 10)]));

  const seekers: RoundSeeker[] = [];
  for (const kase of cases) {
    const household = householdById.get(kase.householdId);
    if (!household) continue;
    seekers.push({
      id: `case:${kase.id}`,
      kind: 'CASE',
      householdId: household.id,
      caseId: kase.id,
      applicationId: null,
      municipalityCode: kase.sendingMunicipalityCode,
      members: membersOf(household.id),
      needs: {
        minRooms: household.minRooms ?? 1,
        stepFreeAccess: household.needsStepFreeAccess,
        maxMonthlyRentOre: household.maxMonthlyRentOre ?? Number.MAX_SAFE_INTEGER,
        acceptableMunicipalityCodes: household.acceptableMunicipalityCodes,
      },
      consentValid: hasValidConsent(consentsOf(household.id), 'RELOCATION', date),
      waitingSince: since.get(kase.id) ?? date,
      preferredMunicipalityCodes: [],
      anchorMunicipalityCodes: [],
    });
  }
  for (const application of applications) {
    const household = householdById.get(application.householdId);
    if (!household) continue;
    seekers.push({
      id: `application:${application.id}`,
      kind: 'APPLICATION',
      householdId: household.id,
      caseId: null,
      applicationId: application.id,
      municipalityCode: application.municipalityCode,
      members: membersOf(household.id),
      needs: {
        minRooms: application.minRooms,
        stepFreeAccess: application.needsStepFreeAccess,
        maxMonthlyRentOre: application.maxMonthlyRentOre,
        acceptableMunicipalityCodes: application.acceptableMunicipalityCodes,
      },
      consentValid: hasValidConsent(consentsOf(household.id), 'MUNICIPAL_ALLOCATION', date),
      waitingSince: application.requestedOn,
      preferredMunicipalityCodes: [],
      anchorMunicipalityCodes: [],
    });
  }

  // Every household whose facts the round read, in the audit log (one entry each).
  await db.getRepository(AuditEntryEntity).insert(
    householdIds.map((householdId) => ({
      actor: actor.subject,
      actorOrganisationType: actor.organisation.type,
      actorOrganisationId: actor.organisation.id,
      actorRoles: actor.roles.join(','),
      via: 'allocation-round',
      householdId,
      fields: ['members.facts', 'members.criminalRecordFacts', 'needs', 'consents'],
      operation: 'runAllocationRound',
    })),
  );
  return seekers;
}

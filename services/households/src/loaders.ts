// One set of DataLoaders per request: every reference and every nested list is one batched query.
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { groupedLoader, isId, keyedLoader } from '@second-chance/service-kit';
import type { HouseholdRelations } from './domain/access';
import type { OfferStatus } from './domain/offers';
import {
  CaseEventEntity,
  ConsentEntity,
  CriminalRecordFactEntity,
  HouseholdEntity,
  InMoverApplicationEntity,
  MemberEntity,
  MemberFactEntity,
  NominationEntity,
  OfferEntity,
  ReceptionStrategyEntity,
  RelocationCaseEntity,
  StrategyActivityEntity,
  StrategyPartyEntity,
  AllocationRoundEntity,
} from './entities';

const ids = (keys: readonly string[]) => keys.filter(isId);

export function createLoaders(db: DataSource) {
  const households = keyedLoader(
    (keys: readonly string[]) => db.getRepository(HouseholdEntity).findBy({ id: In(ids(keys)) }),
    (h) => h.id,
  );
  return {
    household: households,
    case: keyedLoader(
      (keys: readonly string[]) => db.getRepository(RelocationCaseEntity).findBy({ id: In(ids(keys)) }),
      (c) => c.id,
    ),
    allocationRound: keyedLoader(
      (keys: readonly string[]) => db.getRepository(AllocationRoundEntity).findBy({ id: In(ids(keys)) }),
      (r) => r.id,
    ),
    offer: keyedLoader(
      (keys: readonly string[]) => db.getRepository(OfferEntity).findBy({ id: In(ids(keys)) }),
      (o) => o.id,
    ),
    membersByHousehold: groupedLoader(
      (keys: readonly string[]) =>
        db
          .getRepository(MemberEntity)
          .find({ where: { householdId: In(ids(keys)) }, order: { birthDate: 'ASC', id: 'ASC' } }),
      (m) => m.householdId,
    ),
    factsByMember: groupedLoader(
      (keys: readonly string[]) =>
        db.getRepository(MemberFactEntity).find({ where: { memberId: In(ids(keys)) }, order: { startedOn: 'ASC' } }),
      (f) => f.memberId,
    ),
    criminalRecordFactsByMember: groupedLoader(
      (keys: readonly string[]) => db.getRepository(CriminalRecordFactEntity).findBy({ memberId: In(ids(keys)) }),
      (f) => f.memberId,
    ),
    consentsByHousehold: groupedLoader(
      (keys: readonly string[]) =>
        db.getRepository(ConsentEntity).find({ where: { householdId: In(ids(keys)) }, order: { givenOn: 'ASC' } }),
      (c) => c.householdId,
    ),
    nominationsByHousehold: groupedLoader(
      (keys: readonly string[]) =>
        db
          .getRepository(NominationEntity)
          .find({ where: { householdId: In(ids(keys)) }, order: { createdAt: 'DESC' } }),
      (n) => n.householdId,
    ),
    casesByHousehold: groupedLoader(
      (keys: readonly string[]) =>
        db
          .getRepository(RelocationCaseEntity)
          .find({ where: { householdId: In(ids(keys)) }, order: { createdAt: 'DESC' } }),
      (c) => c.householdId,
    ),
    applicationsByHousehold: groupedLoader(
      (keys: readonly string[]) =>
        db
          .getRepository(InMoverApplicationEntity)
          .find({ where: { householdId: In(ids(keys)) }, order: { requestedOn: 'DESC' } }),
      (a) => a.householdId,
    ),
    historyByCase: groupedLoader(
      (keys: readonly string[]) =>
        db.getRepository(CaseEventEntity).find({ where: { caseId: In(ids(keys)) }, order: { occurredAt: 'ASC' } }),
      (e) => e.caseId,
    ),
    offersByCase: groupedLoader(
      (keys: readonly string[]) =>
        db.getRepository(OfferEntity).find({ where: { caseId: In(ids(keys)) }, order: { createdAt: 'ASC' } }),
      (o) => o.caseId,
    ),
    offersByVacancy: groupedLoader(
      (keys: readonly string[]) =>
        db.getRepository(OfferEntity).find({ where: { vacancyId: In(ids(keys)) }, order: { createdAt: 'ASC' } }),
      (o) => o.vacancyId,
    ),
    strategyByCase: keyedLoader(
      (keys: readonly string[]) => db.getRepository(ReceptionStrategyEntity).findBy({ caseId: In(ids(keys)) }),
      (s) => s.caseId,
    ),
    strategy: keyedLoader(
      (keys: readonly string[]) => db.getRepository(ReceptionStrategyEntity).findBy({ id: In(ids(keys)) }),
      (s) => s.id,
    ),
    partiesByStrategy: groupedLoader(
      (keys: readonly string[]) =>
        db.getRepository(StrategyPartyEntity).find({ where: { strategyId: In(ids(keys)) }, order: { party: 'ASC' } }),
      (p) => p.strategyId,
    ),
    activitiesByStrategy: groupedLoader(
      (keys: readonly string[]) =>
        db
          .getRepository(StrategyActivityEntity)
          .find({ where: { strategyId: In(ids(keys)) }, order: { dueOn: 'ASC', id: 'ASC' } }),
      (a) => a.strategyId,
    ),
    /** What decides who may see a household: its municipality, its offers, who nominated it. */
    householdRelations: new DataLoader<string, HouseholdRelations | null>(async (keys) => {
      const valid = ids(keys);
      const [found, offers, nominations] = await Promise.all([
        households.loadMany(valid),
        db.query<
          { household_id: string; municipality_code: string; housing_organisation_id: string; status: OfferStatus }[]
        >(
          `SELECT c.household_id, o.municipality_code, o.housing_organisation_id, o.status
             FROM offer o JOIN relocation_case c ON c.id = o.case_id WHERE c.household_id = ANY($1)`,
          [valid],
        ),
        db.query<{ household_id: string; organisation_id: string }[]>(
          `SELECT DISTINCT household_id, nominated_by_organisation_id AS organisation_id FROM nomination
            WHERE household_id = ANY($1) AND nominated_by_organisation_type = 'HOUSING_ORGANISATION'`,
          [valid],
        ),
      ]);
      const byId = new Map<string, HouseholdRelations>();
      for (const household of found) {
        if (!household || household instanceof Error) continue;
        byId.set(household.id, {
          responsibleMunicipalityCode: household.responsibleMunicipalityCode,
          restricted: household.restrictedAt !== null,
          offers: offers
            .filter((o) => o.household_id === household.id)
            .map((o) => ({
              municipalityCode: o.municipality_code,
              housingOrganisationId: o.housing_organisation_id,
              status: o.status,
            })),
          nominatingOrganisationIds: nominations
            .filter((n) => n.household_id === household.id)
            .map((n) => n.organisation_id),
        });
      }
      return keys.map((key) => byId.get(key) ?? null);
    }),
  };
}

export type HouseholdsLoaders = ReturnType<typeof createLoaders>;

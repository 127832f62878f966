// A small, clearly synthetic demo data set for `pnpm start`: two households of København (every name says
// "Demo", no CPR numbers), with consents; one case searching for a home, one nominated. Fixed ids, so that
// the README's example operations work.
import type { DataSource } from 'typeorm';
import type { Logger } from '@second-chance/service-kit';
import {
  CaseEventEntity,
  ConsentEntity,
  HouseholdEntity,
  MemberEntity,
  MemberFactEntity,
  NominationEntity,
  RelocationCaseEntity,
} from '../entities';

export const demoId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

/** The first demo housing organisation and one of its units (the housing subgraph's demo data). */
const HOUSING_DEMO_ORGANISATION = '00000000-0000-4000-8000-000000000001';
const HOUSING_DEMO_UNIT = '00000000-0000-4000-8000-000000001000';

export async function seedDemo(db: DataSource, log: Logger): Promise<void> {
  if (await db.getRepository(HouseholdEntity).existsBy({ id: demoId(1) })) {
    log.info('demo data already present');
    return;
  }
  await db.transaction(async (manager) => {
    await manager.insert(HouseholdEntity, [
      {
        id: demoId(1),
        responsibleMunicipalityCode: '101',
        homeUnitId: HOUSING_DEMO_UNIT,
        homeOrganisationId: HOUSING_DEMO_ORGANISATION,
        homeAddressCiphertext: null,
        minRooms: 2,
        needsStepFreeAccess: false,
        maxMonthlyRentOre: 900_000,
        acceptableMunicipalityCodes: [],
        registeredBy: 'demo-seed',
      },
      {
        id: demoId(2),
        responsibleMunicipalityCode: '101',
        homeUnitId: null,
        homeOrganisationId: null,
        homeAddressCiphertext: null,
        minRooms: 3,
        needsStepFreeAccess: true,
        maxMonthlyRentOre: 1_100_000,
        acceptableMunicipalityCodes: ['751', '746'],
        registeredBy: 'demo-seed',
      },
    ]);
    await manager.insert(MemberEntity, [
      {
        id: demoId(11),
        householdId: demoId(1),
        name: 'Demo Forælder',
        birthDate: '1986-04-02',
        cprCiphertext: null,
        cprHash: null,
        leftOn: null,
      },
      {
        id: demoId(12),
        householdId: demoId(1),
        name: 'Demo Barn',
        birthDate: '2014-09-20',
        cprCiphertext: null,
        cprHash: null,
        leftOn: null,
      },
      {
        id: demoId(21),
        householdId: demoId(2),
        name: 'Demo Voksen A',
        birthDate: '1979-01-15',
        cprCiphertext: null,
        cprHash: null,
        leftOn: null,
      },
      {
        id: demoId(22),
        householdId: demoId(2),
        name: 'Demo Voksen B',
        birthDate: '1981-11-30',
        cprCiphertext: null,
        cprHash: null,
        leftOn: null,
      },
      {
        id: demoId(23),
        householdId: demoId(2),
        name: 'Demo Barn',
        birthDate: '2019-03-03',
        cprCiphertext: null,
        cprHash: null,
        leftOn: null,
      },
    ]);
    await manager.insert(MemberFactEntity, [
      {
        memberId: demoId(11),
        kind: 'LABOUR_MARKET_STATUS',
        value: 'KONTANTHJAELP',
        startedOn: '2024-02-01',
        endedOn: null,
        recordedBy: 'demo-seed',
      },
      {
        memberId: demoId(21),
        kind: 'LABOUR_MARKET_STATUS',
        value: 'EMPLOYED',
        startedOn: '2015-08-01',
        endedOn: null,
        recordedBy: 'demo-seed',
      },
      {
        memberId: demoId(22),
        kind: 'LABOUR_MARKET_STATUS',
        value: 'SICKNESS_BENEFIT',
        startedOn: '2026-05-01',
        endedOn: null,
        recordedBy: 'demo-seed',
      },
    ]);
    await manager.insert(
      ConsentEntity,
      [demoId(1), demoId(2)].map((householdId) => ({
        householdId,
        purpose: 'RELOCATION' as const,
        lawfulBasis: 'CONSENT' as const,
        givenOn: '2026-10-01',
        withdrawnOn: null,
        withdrawalReason: null,
        recordedBy: 'demo-seed',
      })),
    );
    // Household 1: nominated by its housing organisation, accepted, searching. Household 2: nominated.
    await manager.insert(RelocationCaseEntity, [
      {
        id: demoId(101),
        householdId: demoId(1),
        state: 'SEARCHING',
        sendingMunicipalityCode: '101',
        fromUnitId: HOUSING_DEMO_UNIT,
        version: 1,
      },
      {
        id: demoId(102),
        householdId: demoId(2),
        state: 'NOMINATED',
        sendingMunicipalityCode: '101',
        fromUnitId: null,
        version: 1,
      },
    ]);
    await manager.insert(NominationEntity, [
      {
        id: demoId(201),
        householdId: demoId(1),
        caseId: demoId(101),
        nominatedByOrganisationType: 'HOUSING_ORGANISATION',
        nominatedByOrganisationId: HOUSING_DEMO_ORGANISATION,
        nominatedBy: 'demo-seed',
        reasonCategory: 'HARMFUL_NETWORK',
        reasonText: 'Demo: a fresh start away from a network that holds the family back.',
        status: 'ACCEPTED',
        decidedBy: 'demo-seed',
        decidedAt: new Date(),
        decisionNote: null,
      },
      {
        id: demoId(202),
        householdId: demoId(2),
        caseId: demoId(102),
        nominatedByOrganisationType: 'MUNICIPALITY',
        nominatedByOrganisationId: '101',
        nominatedBy: 'demo-seed',
        reasonCategory: 'HOUSING_NEEDS',
        reasonText: 'Demo: the home is too small and has stairs.',
        status: 'PENDING',
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      },
    ]);
    const event = (
      caseId: string,
      action: 'NOMINATE' | 'CONFIRM_CONSENT' | 'START_SEARCH',
      fromState: null | 'NOMINATED' | 'CONSENTED',
      toState: 'NOMINATED' | 'CONSENTED' | 'SEARCHING',
    ) => ({
      caseId,
      action,
      fromState,
      toState,
      actor: 'demo-seed',
      actorOrganisationType: 'MUNICIPALITY',
      actorOrganisationId: '101',
      reason: 'demo data',
    });
    await manager.insert(CaseEventEntity, [
      event(demoId(101), 'NOMINATE', null, 'NOMINATED'),
      event(demoId(101), 'CONFIRM_CONSENT', 'NOMINATED', 'CONSENTED'),
      event(demoId(101), 'START_SEARCH', 'CONSENTED', 'SEARCHING'),
      event(demoId(102), 'NOMINATE', null, 'NOMINATED'),
    ]);
  });
  log.info({ households: 2 }, 'demo data seeded');
}

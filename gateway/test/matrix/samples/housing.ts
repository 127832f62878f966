// The housing subgraph's operations, pointed at A's housing organisation and its stock.
import { randomUUID } from 'node:crypto';
import { addDays } from '@second-chance/service-kit';
import { nextCvr } from '../../../../services/housing/test/fixtures';
import { TODAY, type World } from '../world';
import { type Samples, items, perAllowedCall, shows } from './types';

export function housingSamples(world: World): Samples {
  const { A, housing } = world;
  const ofA = (data: unknown, ...path: string[]) => items(data, ...path).some((node) => node.id !== undefined);

  // Each operation has records of its own: one operation's leak must not hide another's.
  const reservedToRelease = perAllowedCall(() => world.reservedVacancy());
  const reservedToLet = perAllowedCall(() => world.reservedVacancy());
  const openVacancy = perAllowedCall(async () => (await world.freshVacancy()).vacancyId);
  // Municipal allocation in 101: A's caseworkers (and the owner) may reserve it, 751's may not.
  const allocationVacancy = perAllowedCall(
    async () => (await world.freshVacancy('A101', 'MUNICIPAL_ALLOCATION')).vacancyId,
  );
  const unitWithoutVacancy = perAllowedCall(() => world.freshUnit());
  const nextPolicyDay = (() => {
    let days = 30;
    return () => addDays(TODAY, (days += 1));
  })();

  return {
    'Query.municipalities': { query: `{ municipalities { code } }` },
    'Query.municipality': {
      query: `query ($code: ID!) { municipality(code: $code) { code name } }`,
      variables: () => ({ code: A.municipality }),
    },
    'Query.housingOrganisations': {
      query: `query ($m: ID) { housingOrganisations(filter: { municipalityCode: $m }, first: 100) { nodes { id } } }`,
      variables: () => ({ m: A.municipality }),
      holdsA: (data) => items(data, 'housingOrganisations').some((o) => o.id === A.housing),
    },
    'Query.housingOrganisation': {
      query: `query ($id: ID!) { housingOrganisation(id: $id) { id name } }`,
      variables: () => ({ id: A.housing }),
    },
    'Query.housingAreas': {
      query: `query ($org: ID) { housingAreas(filter: { administratorId: $org }, first: 10) { nodes { id } } }`,
      variables: () => ({ org: A.housing }),
    },
    'Query.housingArea': {
      query: `query ($id: ID!) { housingArea(id: $id) { id name } }`,
      variables: () => ({ id: housing.area101 }),
    },
    'Query.departments': {
      query: `query ($org: ID) { departments(filter: { organisationId: $org }, first: 10) { nodes { id } } }`,
      variables: () => ({ org: A.housing }),
    },
    'Query.department': {
      query: `query ($id: ID!) { department(id: $id) { id name } }`,
      variables: () => ({ id: housing.spareDepartment }),
    },
    'Query.units': {
      query: `query ($org: ID) { units(filter: { organisationId: $org }, first: 10) { nodes { id } } }`,
      variables: () => ({ org: A.housing }),
      holdsA: (data) => ofA(data, 'units'),
    },
    'Query.unit': {
      query: `query ($id: ID!) { unit(id: $id) { id rooms } }`,
      variables: () => ({ id: housing.showcaseUnit }),
    },
    'Query.vacancies': {
      query: `query ($org: ID) { vacancies(filter: { organisationId: $org, statuses: [OPEN, RESERVED, LET] }, first: 10) {
        nodes { id } } }`,
      variables: () => ({ org: A.housing }),
      holdsA: (data) => ofA(data, 'vacancies'),
    },
    'Query.vacancy': {
      query: `query ($id: ID!) { vacancy(id: $id) { id status } }`,
      variables: () => ({ id: housing.showcaseVacancy }),
    },

    'Mutation.registerHousingOrganisation': {
      query: `mutation ($input: RegisterHousingOrganisationInput!) { registerHousingOrganisation(input: $input) { id } }`,
      variables: () => ({
        input: {
          name: `Matrix Boligselskab ${randomUUID().slice(0, 8)}`,
          cvrNumber: nextCvr(),
          municipalityCode: '101',
        },
      }),
    },
    'Mutation.registerHousingArea': {
      query: `mutation ($input: RegisterHousingAreaInput!) { registerHousingArea(input: $input) { id } }`,
      variables: () => ({
        input: {
          name: `Matrixparken ${randomUUID().slice(0, 8)}`,
          municipalityCode: A.municipality,
          residentCount: 1100,
        },
      }),
    },
    'Mutation.updateHousingArea': {
      query: `mutation ($id: ID!) { updateHousingArea(id: $id, input: { residentCount: 1250 }) { id } }`,
      variables: () => ({ id: housing.spareArea }),
    },
    'Mutation.registerDepartment': {
      query: `mutation ($input: RegisterDepartmentInput!) { registerDepartment(input: $input) { id } }`,
      variables: () => ({
        input: { areaId: housing.area101, number: randomUUID().slice(0, 8), name: 'Matrixafdelingen' },
      }),
    },
    'Mutation.updateDepartment': {
      query: `mutation ($id: ID!) { updateDepartment(id: $id, input: { name: "Omdøbt afdeling" }) { id } }`,
      variables: () => ({ id: housing.spareDepartment }),
    },
    'Mutation.registerUnits': {
      query: `mutation ($id: ID!, $units: [UnitInput!]!) { registerUnits(departmentId: $id, units: $units) { id } }`,
      variables: () => ({
        id: housing.spareDepartment,
        units: [
          {
            street: 'Matrixvej',
            houseNumber: String(1 + Math.floor(Math.random() * 9999)),
            postalCode: '2300',
            city: 'København S',
            rooms: 2,
            floorAreaM2: 55,
            monthlyRentOre: 550_000,
            kind: 'FAMILY',
            stepFreeAccess: false,
            elevator: false,
          },
        ],
      }),
    },
    'Mutation.updateUnit': {
      query: `mutation ($id: ID!) { updateUnit(id: $id, input: { floorAreaM2: 61 }) { id } }`,
      variables: () => ({ id: housing.spareUnit }),
    },
    'Mutation.publishVacancy': {
      query: `mutation ($input: PublishVacancyInput!) { publishVacancy(input: $input) { id } }`,
      variables: async (call) => ({
        input: { unitId: await unitWithoutVacancy(call), availableFrom: addDays(TODAY, 30), channel: 'WAITING_LIST' },
      }),
    },
    'Mutation.withdrawVacancy': {
      query: `mutation ($id: ID!) { withdrawVacancy(id: $id, reason: "Renovering") { id status } }`,
      variables: async (call) => ({ id: await openVacancy(call) }),
    },
    'Mutation.reserveVacancy': {
      query: `mutation ($input: ReserveVacancyInput!) { reserveVacancy(input: $input) { id } }`,
      variables: async (call) => ({
        input: { vacancyId: await allocationVacancy(call), idempotencyKey: randomUUID() },
      }),
    },
    'Mutation.releaseReservation': {
      query: `mutation ($id: ID!) { releaseReservation(vacancyId: $id) { id status } }`,
      variables: async (call) => ({ id: await reservedToRelease(call) }),
    },
    'Mutation.letVacancy': {
      query: `mutation ($id: ID!) { letVacancy(id: $id) { id status } }`,
      variables: async (call) => ({ id: await reservedToLet(call) }),
    },
    'Mutation.setLettingPolicy': {
      query: `mutation ($id: ID!, $input: LettingPolicyInput!) { setLettingPolicy(areaId: $id, input: $input) { id } }`,
      variables: () => ({
        id: housing.spareArea,
        input: {
          validFrom: nextPolicyDay(),
          flexibleLettingCriteria: ['EMPLOYMENT'],
          combinedLetting: false,
          municipalAllocationShareBp: 2500,
        },
      }),
    },
    'Mutation.recordOfficialAreaStatus': {
      query: `mutation ($input: OfficialAreaStatusInput!) { recordOfficialAreaStatus(input: $input) { status } }`,
      variables: () => ({ input: { areaId: housing.spareArea, year: 2024, status: 'PREVENTION_AREA' } }),
      holdsA: shows('recordOfficialAreaStatus'),
    },
  };
}

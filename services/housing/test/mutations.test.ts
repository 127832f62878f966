// Changing the housing stock through the gateway: who may, what is valid, and that a refused or invalid
// change writes nothing.
import type { DataSource } from 'typeorm';
import { type TestPlatform, errorCode, expectError, expectNoErrors, startTestPlatform } from '@second-chance/testing';
import { housingSubgraph } from '../src';
import { area, department, organisation, nextCvr, people, units } from './fixtures';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform([housingSubgraph]);
});
afterAll(() => platform.close());

const db = (): DataSource => platform.subgraph('housing').dataSource;

/** Row counts of every housing table: a refused call must leave them all as they were. */
async function tableCounts(): Promise<Record<string, number>> {
  const rows: { table: string; count: string }[] = await db().query(
    `SELECT 'organisation' AS table, count(*) FROM housing_organisation UNION ALL
     SELECT 'area', count(*) FROM housing_area UNION ALL
     SELECT 'department', count(*) FROM department UNION ALL
     SELECT 'unit', count(*) FROM unit UNION ALL
     SELECT 'vacancy', count(*) FROM vacancy UNION ALL
     SELECT 'reservation', count(*) FROM reservation UNION ALL
     SELECT 'policy', count(*) FROM letting_policy UNION ALL
     SELECT 'status', count(*) FROM official_area_status`,
  );
  return Object.fromEntries(rows.map((r) => [r.table, Number(r.count)]));
}

async function expectRefusedWithoutWriting(
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
  code: string,
) {
  const before = await tableCounts();
  const result = await platform.query(token, query, variables);
  expect(errorCode(result.body)).toBe(code);
  expect(await tableCounts()).toEqual(before);
  return result;
}

const UNIT = {
  street: 'Nyvej',
  houseNumber: '3',
  floor: '2',
  door: 'tv',
  postalCode: '2300',
  city: 'København S',
  rooms: 3,
  floorAreaM2: 78,
  monthlyRentOre: 725_000,
  kind: 'FAMILY',
  stepFreeAccess: false,
  elevator: true,
};

const REGISTER_ORGANISATION = `mutation ($input: RegisterHousingOrganisationInput!) {
  registerHousingOrganisation(input: $input) { id name cvrNumber municipality { name } } }`;
const REGISTER_AREA = `mutation ($input: RegisterHousingAreaInput!) {
  registerHousingArea(input: $input) { id name municipality { code } administrator { id } residentCount } }`;
const REGISTER_DEPARTMENT = `mutation ($input: RegisterDepartmentInput!) {
  registerDepartment(input: $input) { id number organisation { id } area { id } } }`;
const REGISTER_UNITS = `mutation ($departmentId: ID!, $units: [UnitInput!]!) {
  registerUnits(departmentId: $departmentId, units: $units) { id rooms monthlyRentOre address { text floor door } } }`;
const PUBLISH = `mutation ($input: PublishVacancyInput!) { publishVacancy(input: $input) { id status channel availableFrom } }`;

describe('onboarding and registering stock', () => {
  it('lets a platform administrator onboard an organisation, and its letting officer register its stock', async () => {
    const admin = await platform.token(people.admin);
    const cvrNumber = nextCvr();
    const organisationData = expectNoErrors(
      await platform.query<{ registerHousingOrganisation: { id: string; municipality: { name: string } } }>(
        admin,
        REGISTER_ORGANISATION,
        { input: { name: 'Nye Boliger', cvrNumber, municipalityCode: '461' } },
      ),
    );
    const organisationId = organisationData.registerHousingOrganisation.id;
    expect(organisationData.registerHousingOrganisation.municipality.name).toBe('Odense');

    const officer = await platform.token(people.lettingOfficer(organisationId));
    const areaData = expectNoErrors(
      await platform.query<{
        registerHousingArea: { id: string; administrator: { id: string }; residentCount: number };
      }>(officer, REGISTER_AREA, { input: { name: 'Nyhaven', municipalityCode: '461', residentCount: 1500 } }),
    );
    expect(areaData.registerHousingArea.administrator.id).toBe(organisationId);
    const departmentData = expectNoErrors(
      await platform.query<{ registerDepartment: { id: string } }>(officer, REGISTER_DEPARTMENT, {
        input: { areaId: areaData.registerHousingArea.id, number: '42', name: 'Nyhaven I' },
      }),
    );
    const unitsData = expectNoErrors(
      await platform.query<{ registerUnits: { id: string; address: { text: string; floor: string; door: string } }[] }>(
        officer,
        REGISTER_UNITS,
        {
          departmentId: departmentData.registerDepartment.id,
          units: [UNIT, { ...UNIT, floor: null, door: null, houseNumber: '5' }],
        },
      ),
    );
    expect(unitsData.registerUnits.map((u) => u.address.text)).toEqual([
      'Nyvej 3, 2. tv, 2300 København S',
      'Nyvej 5, 2300 København S',
    ]);
    const published = expectNoErrors(
      await platform.query<{ publishVacancy: { status: string } }>(officer, PUBLISH, {
        input: { unitId: unitsData.registerUnits[0]!.id, availableFrom: '2027-01-01', channel: 'PLATFORM' },
      }),
    );
    expect(published.publishVacancy.status).toBe('OPEN');
  });

  it('refuses a second organisation with the same CVR number as a CONFLICT', async () => {
    const admin = await platform.token(people.admin);
    const existing = await organisation(db());
    await expectRefusedWithoutWriting(
      admin,
      REGISTER_ORGANISATION,
      { input: { name: 'Dublet', cvrNumber: existing.cvrNumber, municipalityCode: '101' } },
      'CONFLICT',
    );
  });

  it('registers many units in one transaction: one bad unit and none is written', async () => {
    const owner = await organisation(db());
    const dept = await department(db(), owner.id, (await area(db(), owner.id)).id);
    const officer = await platform.token(people.lettingOfficer(owner.id));
    const result = await expectRefusedWithoutWriting(
      officer,
      REGISTER_UNITS,
      { departmentId: dept.id, units: [UNIT, { ...UNIT, houseNumber: '4', rooms: 0 }] },
      'BAD_USER_INPUT',
    );
    expect(result.body.errors?.[0]?.extensions?.invalidFields).toEqual([
      { path: 'units.1.rooms', message: 'at least 1 room' },
    ]);
    // The same address twice in one request, or again later, is refused whole.
    await expectRefusedWithoutWriting(
      officer,
      REGISTER_UNITS,
      { departmentId: dept.id, units: [UNIT, UNIT] },
      'BAD_USER_INPUT',
    );
    expectNoErrors(await platform.query(officer, REGISTER_UNITS, { departmentId: dept.id, units: [UNIT] }));
    await expectRefusedWithoutWriting(
      officer,
      REGISTER_UNITS,
      { departmentId: dept.id, units: [{ ...UNIT, houseNumber: '99' }, UNIT] },
      'CONFLICT',
    );
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  it('refuses invalid organisations, areas and units with BAD_USER_INPUT naming the field', async () => {
    const admin = await platform.token(people.admin);
    const owner = await organisation(db());
    const officer = await platform.token(people.lettingOfficer(owner.id));
    const dept = await department(db(), owner.id, (await area(db(), owner.id)).id);
    const cases: [string, string, Record<string, unknown>, string][] = [
      [
        admin,
        REGISTER_ORGANISATION,
        { input: { name: 'X', cvrNumber: '12345678', municipalityCode: '101' } },
        'input.cvrNumber',
      ],
      [
        admin,
        REGISTER_ORGANISATION,
        { input: { name: 'X', cvrNumber: nextCvr(), municipalityCode: '999' } },
        'input.municipalityCode',
      ],
      [
        admin,
        REGISTER_ORGANISATION,
        { input: { name: ' ', cvrNumber: nextCvr(), municipalityCode: '101' } },
        'input.name',
      ],
      [officer, REGISTER_AREA, { input: { name: 'A'.repeat(201), municipalityCode: '101' } }, 'input.name'],
      [
        officer,
        REGISTER_AREA,
        { input: { name: 'Minus', municipalityCode: '101', residentCount: -1 } },
        'input.residentCount',
      ],
      [
        officer,
        REGISTER_UNITS,
        { departmentId: dept.id, units: [{ ...UNIT, monthlyRentOre: -5 }] },
        'units.0.monthlyRentOre',
      ],
      [
        officer,
        REGISTER_UNITS,
        { departmentId: dept.id, units: [{ ...UNIT, postalCode: '0123' }] },
        'units.0.postalCode',
      ],
      [
        officer,
        REGISTER_UNITS,
        { departmentId: dept.id, units: [{ ...UNIT, floor: "'; DROP TABLE unit; --" }] },
        'units.0.floor',
      ],
      [officer, REGISTER_UNITS, { departmentId: dept.id, units: [] }, 'units'],
    ];
    for (const [token, query, variables, path] of cases) {
      const result = await expectRefusedWithoutWriting(token, query, variables, 'BAD_USER_INPUT');
      const fields = (result.body.errors?.[0]?.extensions?.invalidFields ?? []) as { path: string }[];
      expect(fields.map((f) => f.path)).toContain(path);
    }
  });

  it('refuses a vacancy published too far back or ahead, or twice for one unit', async () => {
    const owner = await organisation(db());
    const dept = await department(db(), owner.id, (await area(db(), owner.id)).id);
    const [unit] = await units(db(), dept.id, 1);
    const officer = await platform.token(people.lettingOfficer(owner.id));
    for (const availableFrom of ['2001-01-01', '2099-01-01']) {
      await expectRefusedWithoutWriting(
        officer,
        PUBLISH,
        { input: { unitId: unit!.id, availableFrom, channel: 'PLATFORM' } },
        'BAD_USER_INPUT',
      );
    }
    expectNoErrors(
      await platform.query(officer, PUBLISH, {
        input: { unitId: unit!.id, availableFrom: '2027-01-01', channel: 'PLATFORM' },
      }),
    );
    await expectRefusedWithoutWriting(
      officer,
      PUBLISH,
      { input: { unitId: unit!.id, availableFrom: '2027-02-01', channel: 'WAITING_LIST' } },
      'CONFLICT',
    );
  });

  it('answers NOT_FOUND for stock that does not exist', async () => {
    const owner = await organisation(db());
    const officer = await platform.token(people.lettingOfficer(owner.id));
    await expectRefusedWithoutWriting(
      officer,
      REGISTER_DEPARTMENT,
      { input: { areaId: '00000000-0000-4000-8000-00000000beef', number: '1', name: 'Ingen' } },
      'NOT_FOUND',
    );
    await expectRefusedWithoutWriting(
      officer,
      REGISTER_UNITS,
      { departmentId: '00000000-0000-4000-8000-00000000beef', units: [UNIT] },
      'NOT_FOUND',
    );
  });
});

describe('denied paths', () => {
  it('lets only platform administrators onboard organisations and record official statuses', async () => {
    const owner = await organisation(db());
    const a = await area(db(), owner.id);
    const input = { name: 'Uden lov', cvrNumber: nextCvr(), municipalityCode: '101' };
    const statusQuery = `mutation ($input: OfficialAreaStatusInput!) { recordOfficialAreaStatus(input: $input) { status } }`;
    for (const who of [
      people.caseworker101,
      people.evaluator,
      people.financeOfficer,
      people.lettingOfficer(owner.id),
    ]) {
      const token = await platform.token(who);
      await expectRefusedWithoutWriting(token, REGISTER_ORGANISATION, { input }, 'FORBIDDEN');
      await expectRefusedWithoutWriting(
        token,
        statusQuery,
        { input: { areaId: a.id, year: 2024, status: 'VULNERABLE_AREA' } },
        'FORBIDDEN',
      );
    }
    await expectRefusedWithoutWriting(null, REGISTER_ORGANISATION, { input }, 'UNAUTHENTICATED');
    const admin = await platform.token(people.admin);
    const recorded = expectNoErrors(
      await platform.query<{ recordOfficialAreaStatus: { status: string } }>(admin, statusQuery, {
        input: { areaId: a.id, year: 2024, status: 'VULNERABLE_AREA' },
      }),
    );
    expect(recorded.recordOfficialAreaStatus.status).toBe('VULNERABLE_AREA');
    // A correction of the same year replaces it; a future year's list is refused.
    expectNoErrors(
      await platform.query(admin, statusQuery, { input: { areaId: a.id, year: 2024, status: 'PARALLEL_SOCIETY' } }),
    );
    await expectRefusedWithoutWriting(
      admin,
      statusQuery,
      { input: { areaId: a.id, year: 2099, status: 'NONE' } },
      'BAD_USER_INPUT',
    );
  });

  it("keeps every organisation's stock to its own letting officers", async () => {
    const owner = await organisation(db());
    const other = await organisation(db());
    const a = await area(db(), owner.id);
    const dept = await department(db(), owner.id, a.id);
    const [unit] = await units(db(), dept.id, 1);
    const outsiders = [people.lettingOfficer(other.id), people.caseworker101, people.admin, people.evaluator];
    const updates: [string, Record<string, unknown>][] = [
      ['mutation ($id: ID!) { updateHousingArea(id: $id, input: { name: "Overtaget" }) { id } }', { id: a.id }],
      ['mutation ($id: ID!) { updateDepartment(id: $id, input: { name: "Overtaget" }) { id } }', { id: dept.id }],
      ['mutation ($id: ID!) { updateUnit(id: $id, input: { rooms: 9 }) { id } }', { id: unit!.id }],
      [REGISTER_UNITS, { departmentId: dept.id, units: [{ ...UNIT, houseNumber: '77' }] }],
      [PUBLISH, { input: { unitId: unit!.id, availableFrom: '2027-01-01', channel: 'PLATFORM' } }],
      [
        `mutation ($id: ID!) { setLettingPolicy(areaId: $id, input: { validFrom: "2030-01-01", flexibleLettingCriteria: [],
           combinedLetting: true, municipalAllocationShareBp: 10000 }) { id } }`,
        { id: a.id },
      ],
    ];
    for (const who of outsiders) {
      const token = await platform.token(who);
      for (const [query, variables] of updates) await expectRefusedWithoutWriting(token, query, variables, 'FORBIDDEN');
    }
    const officer = await platform.token(people.lettingOfficer(owner.id));
    for (const [query, variables] of updates) expectNoErrors(await platform.query(officer, query, variables));
  });

  it('refuses stock registration by a letting officer whose organisation is not onboarded', async () => {
    const officer = await platform.token(people.lettingOfficer('00000000-0000-4000-8000-0000000000aa'));
    await expectRefusedWithoutWriting(
      officer,
      REGISTER_AREA,
      { input: { name: 'Ukendt', municipalityCode: '101' } },
      'FORBIDDEN',
    );
  });

  it('refuses tokens that are expired or signed by an unknown key', async () => {
    const { createTestKeys, mintToken } = await import('@second-chance/testing');
    const foreign = await mintToken(await createTestKeys('intruder'), people.admin);
    const expired = await platform.token(people.admin, Math.floor(Date.now() / 1000) - 1);
    const input = { name: 'Ingen adgang', cvrNumber: nextCvr(), municipalityCode: '101' };
    for (const token of [foreign, expired, 'not.a.token']) {
      await expectRefusedWithoutWriting(token, REGISTER_ORGANISATION, { input }, 'UNAUTHENTICATED');
    }
  });
});

describe('letting policies', () => {
  it('adds dated policies and refuses to rewrite one already in force', async () => {
    const owner = await organisation(db());
    const a = await area(db(), owner.id);
    const officer = await platform.token(people.lettingOfficer(owner.id));
    const set = (validFrom: string, share = 2500) =>
      platform.query(
        officer,
        `mutation ($id: ID!, $input: LettingPolicyInput!) { setLettingPolicy(areaId: $id, input: $input) {
           validFrom combinedLetting municipalAllocationShareBp flexibleLettingCriteria } }`,
        {
          id: a.id,
          input: {
            validFrom,
            flexibleLettingCriteria: ['EMPLOYMENT', 'EMPLOYMENT'],
            combinedLetting: false,
            municipalAllocationShareBp: share,
          },
        },
      );
    expect(expectNoErrors(await set('2024-01-01'))).toEqual({
      setLettingPolicy: {
        validFrom: '2024-01-01',
        combinedLetting: false,
        municipalAllocationShareBp: 2500,
        flexibleLettingCriteria: ['EMPLOYMENT'],
      },
    });
    expectError(await set('2024-01-01', 3000), 'CONFLICT', /in force or past/);
    expectNoErrors(await set('2031-01-01', 3000));
    expectNoErrors(await set('2031-01-01', 3500)); // not yet started: may still be corrected
    expectError(await set('2031-06-01', 10_001), 'BAD_USER_INPUT');
  });
});

// Reading the housing stock through the gateway: reference data for everyone signed in, units and
// vacancies for those who let or find homes, filters, cursor pages, and the dated facts of an area.
import { type TestPlatform, expectError, expectNoErrors, startTestPlatform } from '@second-chance/testing';
import { housingSubgraph } from '../src';
import { LettingPolicyEntity, OfficialAreaStatusEntity } from '../src/entities';
import { area, department, estate, organisation, people, units, vacancy } from './fixtures';

let platform: TestPlatform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startTestPlatform([housingSubgraph]);
  for (const [name, who] of Object.entries(people)) {
    if (typeof who !== 'function') tokens[name] = await platform.token(who);
  }
});
afterAll(() => platform.close());

const db = () => platform.subgraph('housing').dataSource;

describe('municipalities', () => {
  it('lists all 98 with code, name and region, to any signed-in role', async () => {
    for (const role of ['caseworker101', 'evaluator', 'financeOfficer', 'admin']) {
      const data = expectNoErrors(
        await platform.query<{ municipalities: { code: string; name: string; region: string }[] }>(
          tokens[role]!,
          '{ municipalities { code name region } }',
        ),
      );
      expect(data.municipalities).toHaveLength(98);
      expect(data.municipalities[0]).toEqual({ code: '101', name: 'København', region: 'HOVEDSTADEN' });
    }
  });

  it('counts the municipalities of each region as the national registers do', async () => {
    const counts: Record<string, number> = {};
    for (const region of ['NORDJYLLAND', 'MIDTJYLLAND', 'SYDDANMARK', 'HOVEDSTADEN', 'SJAELLAND']) {
      const data = expectNoErrors(
        await platform.query<{ municipalities: unknown[] }>(
          tokens.evaluator!,
          'query ($region: Region) { municipalities(region: $region) { code } }',
          { region },
        ),
      );
      counts[region] = data.municipalities.length;
    }
    expect(counts).toEqual({ NORDJYLLAND: 11, MIDTJYLLAND: 19, SYDDANMARK: 22, HOVEDSTADEN: 29, SJAELLAND: 17 });
  });

  it('answers UNAUTHENTICATED without a token, and with an expired one', async () => {
    const none = await platform.query(null, '{ municipalities { code } }');
    expect(none.status).toBe(401);
    expectError(none, 'UNAUTHENTICATED');
    expect(none.body.data ?? null).toBeNull();
    const expired = await platform.token(people.caseworker101, Math.floor(Date.now() / 1000) - 60);
    const late = await platform.query(expired, '{ municipalities { code } }');
    expect(late.status).toBe(401);
    expectError(late, 'UNAUTHENTICATED', /expired/);
  });
});

describe('units and vacancies', () => {
  it('are readable by letting officers, caseworkers and platform administrators', async () => {
    const built = await estate(db(), { unitCount: 2 });
    const lettingOfficer = await platform.token(people.lettingOfficer(built.owner.id));
    for (const token of [tokens.caseworker101!, tokens.admin!, lettingOfficer]) {
      const data = expectNoErrors(
        await platform.query<{ unit: { id: string } }>(token, 'query ($id: ID!) { unit(id: $id) { id } }', {
          id: built.units[0]!.id,
        }),
      );
      expect(data.unit.id).toBe(built.units[0]!.id);
    }
  });

  it('are refused to evaluators and finance officers, field by field', async () => {
    const built = await estate(db(), { unitCount: 1 });
    for (const token of [tokens.evaluator!, tokens.financeOfficer!]) {
      expectError(await platform.query(token, '{ vacancies { nodes { id } } }'), 'FORBIDDEN');
      expectError(await platform.query(token, '{ units { nodes { id } } }'), 'FORBIDDEN');
      // Reference data still answers; the units inside it do not.
      const nested = await platform.query<{ housingArea: { name: string; departments: { units: unknown }[] } }>(
        token,
        'query ($id: ID!) { housingArea(id: $id) { name departments { name units { id } } } }',
        { id: built.area.id },
      );
      expectError(nested, 'FORBIDDEN');
      expect(nested.body.data?.housingArea).toEqual({
        name: built.area.name,
        departments: [{ name: built.department.name, units: null }],
      });
    }
  });

  it('filters vacancies by municipality, rooms, rent, access, channel and date', async () => {
    const owner = await organisation(db());
    const aarhus = await area(db(), owner.id, { municipalityCode: '751' });
    const dept = await department(db(), owner.id, aarhus.id);
    const [small, large, accessible] = await units(db(), dept.id, 3);
    await db().getRepository('unit').update(small!.id, { rooms: 1, monthlyRentOre: 400_000, stepFreeAccess: false });
    await db().getRepository('unit').update(large!.id, { rooms: 5, monthlyRentOre: 1_100_000, stepFreeAccess: false });
    await db()
      .getRepository('unit')
      .update(accessible!.id, { rooms: 3, monthlyRentOre: 700_000, stepFreeAccess: true });
    const v1 = await vacancy(db(), small!.id, { availableFrom: '2027-02-01', channel: 'PLATFORM' });
    const v2 = await vacancy(db(), large!.id, { availableFrom: '2027-03-01', channel: 'MUNICIPAL_ALLOCATION' });
    const v3 = await vacancy(db(), accessible!.id, { availableFrom: '2027-04-01', channel: 'PLATFORM' });

    const ids = async (filter: Record<string, unknown>) => {
      const data = expectNoErrors(
        await platform.query<{ vacancies: { nodes: { id: string }[] } }>(
          tokens.caseworker101!,
          'query ($filter: VacancyFilter) { vacancies(filter: $filter, first: 100) { nodes { id } } }',
          { filter: { municipalityCodes: ['751'], ...filter } },
        ),
      );
      return data.vacancies.nodes.map((n) => n.id);
    };
    expect(await ids({})).toEqual([v1.id, v2.id, v3.id]);
    expect(await ids({ minRooms: 3 })).toEqual([v2.id, v3.id]);
    expect(await ids({ maxMonthlyRentOre: 700_000 })).toEqual([v1.id, v3.id]);
    expect(await ids({ stepFreeAccess: true })).toEqual([v3.id]);
    expect(await ids({ channels: ['MUNICIPAL_ALLOCATION'] })).toEqual([v2.id]);
    expect(await ids({ availableFrom: { from: '2027-02-15', to: '2027-03-31' } })).toEqual([v2.id]);
    expect(await ids({ organisationId: owner.id, areaId: aarhus.id })).toEqual([v1.id, v2.id, v3.id]);
    expect(await ids({ municipalityCodes: ['101'], areaId: aarhus.id })).toEqual([]);
  });

  it('pages through vacancies with cursors, without gaps or repeats', async () => {
    const built = await estate(db(), { unitCount: 7, municipalityCode: '461' });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: { vacancies: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } =
        expectNoErrors(
          await platform.query(
            tokens.caseworker101!,
            `query ($after: String) { vacancies(filter: { municipalityCodes: ["461"] }, first: 3, after: $after) {
               nodes { id } pageInfo { hasNextPage endCursor } } }`,
            { after },
          ),
        );
      seen.push(...page.vacancies.nodes.map((n) => n.id));
      pages += 1;
      if (!page.vacancies.pageInfo.hasNextPage) break;
      after = page.vacancies.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual(built.vacancies.map((v) => v.id).sort());
  });

  it('counts the whole list only when asked', async () => {
    await estate(db(), { unitCount: 4, municipalityCode: '147' });
    const query = (fields: string) =>
      platform.countSql(() =>
        platform.query<{ vacancies: { totalCount?: number } }>(
          tokens.caseworker101!,
          `{ vacancies(filter: { municipalityCodes: ["147"] }, first: 2) { ${fields} } }`,
        ),
      );
    const without = await query('nodes { id }');
    const withCount = await query('nodes { id } totalCount');
    expect(withCount.result.body.data?.vacancies.totalCount).toBe(4);
    expect(withCount.statements.housing).toBe((without.statements.housing ?? 0) + 1);
  });

  it('refuses bad filters and page sizes with BAD_USER_INPUT', async () => {
    const bad = [
      ['{ vacancies(first: 0) { nodes { id } } }', /first/],
      ['{ vacancies(first: 101) { nodes { id } } }', /first/],
      ['{ vacancies(after: "nonsense") { nodes { id } } }', /cursor/],
      ['{ vacancies(filter: { municipalityCodes: ["1x1"] }) { nodes { id } } }', /municipality code/],
      ['{ units(filter: { areaId: "not-an-id" }) { nodes { id } } }', /not an id/],
    ] as const;
    for (const [query, message] of bad) {
      expectError(await platform.query(tokens.caseworker101!, query), 'BAD_USER_INPUT', message);
    }
  });

  it('refuses impossible dates: as variables with BAD_USER_INPUT, written into the query as invalid', async () => {
    const query = 'query ($from: Date) { vacancies(filter: { availableFrom: { from: $from } }) { nodes { id } } }';
    for (const from of ['2027-02-30', '0000-01-01', '9999-12-31', '2027-1-1']) {
      expectError(await platform.query(tokens.caseworker101!, query, { from }), 'BAD_USER_INPUT', /calendar date/);
    }
    const literal = await platform.query(
      tokens.caseworker101!,
      '{ vacancies(filter: { availableFrom: { from: "2027-02-30" } }) { nodes { id } } }',
    );
    expectError(literal, 'GRAPHQL_VALIDATION_FAILED', /calendar date/);
  });

  it('reads an expired reservation as OPEN', async () => {
    const built = await estate(db(), { unitCount: 1 });
    await db()
      .getRepository('vacancy')
      .update(built.vacancies[0]!.id, { status: 'RESERVED', reservedUntil: new Date(Date.now() - 1000) });
    const data = expectNoErrors(
      await platform.query<{ vacancy: { status: string } }>(
        tokens.caseworker101!,
        'query ($id: ID!) { vacancy(id: $id) { status } }',
        { id: built.vacancies[0]!.id },
      ),
    );
    expect(data.vacancy.status).toBe('OPEN');
  });
});

describe("an organisation's vacancy board", () => {
  const board = async (organisationId: string, statuses: string[]) => {
    const data = expectNoErrors(
      await platform.query<{ vacancies: { totalCount: number; nodes: { id: string; status: string }[] } }>(
        tokens.admin!,
        'query ($filter: VacancyFilter) { vacancies(filter: $filter, first: 100) { totalCount nodes { id status } } }',
        { filter: { organisationId, statuses } },
      ),
    );
    return data.vacancies;
  };

  it("lists only the organisation's vacancies, by the status a reader sees", async () => {
    const mine = await estate(db(), { unitCount: 4 });
    const theirs = await estate(db(), { unitCount: 2 });
    const [open, held, lapsed, let_] = mine.vacancies.map((v) => v.id);
    await db()
      .getRepository('vacancy')
      .update(held!, { status: 'RESERVED', reservedUntil: new Date(Date.now() + 3_600_000) });
    await db()
      .getRepository('vacancy')
      .update(lapsed!, { status: 'RESERVED', reservedUntil: new Date(Date.now() - 1000) });
    await db().getRepository('vacancy').update(let_!, { status: 'LET', closedAt: new Date() });

    const sorted = (ids: (string | undefined)[]) => [...ids].sort();
    const ids = async (statuses: string[]) => sorted((await board(mine.owner.id, statuses)).nodes.map((n) => n.id));
    expect(await ids(['OPEN'])).toEqual(sorted([open, lapsed]));
    expect(await ids(['RESERVED'])).toEqual([held]);
    expect(await ids(['OPEN', 'RESERVED'])).toEqual(sorted([open, held, lapsed]));
    expect(await ids(['LET'])).toEqual([let_]);
    expect((await board(mine.owner.id, ['OPEN', 'RESERVED'])).totalCount).toBe(3);
    expect((await board(theirs.owner.id, ['OPEN'])).nodes).toHaveLength(2);
  });

  it('keeps each vacancy under the organisation of its unit: the database copies it and refuses moving stock', async () => {
    const built = await estate(db(), { unitCount: 1 });
    const other = await organisation(db());
    const [row] = await db().query<{ organisation_id: string }[]>('SELECT organisation_id FROM vacancy WHERE id = $1', [
      built.vacancies[0]!.id,
    ]);
    expect(row?.organisation_id).toBe(built.owner.id);
    // Writing another organisation into the copy is overwritten by the unit's own.
    await db().query('UPDATE vacancy SET organisation_id = $1 WHERE id = $2', [other.id, built.vacancies[0]!.id]);
    expect((await board(other.id, ['OPEN'])).nodes).toEqual([]);
    expect((await board(built.owner.id, ['OPEN'])).nodes).toHaveLength(1);
    await expect(
      db().query('UPDATE department SET organisation_id = $1 WHERE id = $2', [other.id, built.department.id]),
    ).rejects.toThrow(/a department cannot move to another housing organisation/);
    const elsewhere = await department(db(), other.id, (await area(db(), other.id)).id);
    await expect(
      db().query('UPDATE unit SET department_id = $1 WHERE id = $2', [elsewhere.id, built.units[0]!.id]),
    ).rejects.toThrow(/a unit cannot move to another department/);
  });
});

describe('areas and their dated facts', () => {
  it('gives the letting policy in force on a date, and the official status of a year', async () => {
    const owner = await organisation(db());
    const a = await area(db(), owner.id);
    const policies = db().getRepository(LettingPolicyEntity);
    const base = { areaId: a.id, flexibleLettingNote: null, setBy: 'test', municipalAllocationShareBp: 2500 };
    await policies.save([
      { ...base, validFrom: '2024-01-01', flexibleLettingCriteria: [], combinedLetting: false },
      { ...base, validFrom: '2025-07-01', flexibleLettingCriteria: ['EMPLOYMENT'], combinedLetting: true },
    ]);
    await db()
      .getRepository(OfficialAreaStatusEntity)
      .save({ areaId: a.id, year: 2024, status: 'VULNERABLE_AREA', publishedOn: '2024-12-01', recordedBy: 'test' });
    const data = expectNoErrors(
      await platform.query<{
        housingArea: {
          before: null;
          early: { combinedLetting: boolean };
          later: { combinedLetting: boolean; flexibleLettingCriteria: string[] };
          listed: { status: string; publishedOn: string };
          unlisted: { status: string };
          lettingPolicies: unknown[];
        };
      }>(
        tokens.evaluator!,
        `query ($id: ID!) { housingArea(id: $id) {
           before: lettingPolicy(asOf: "2023-12-31") { validFrom }
           early: lettingPolicy(asOf: "2025-06-30") { combinedLetting }
           later: lettingPolicy(asOf: "2025-07-01") { combinedLetting flexibleLettingCriteria }
           listed: officialStatus(year: 2024) { status publishedOn }
           unlisted: officialStatus(year: 2023) { status }
           lettingPolicies { validFrom }
         } }`,
        { id: a.id },
      ),
    );
    expect(data.housingArea).toEqual({
      before: null,
      early: { combinedLetting: false },
      later: { combinedLetting: true, flexibleLettingCriteria: ['EMPLOYMENT'] },
      listed: { status: 'VULNERABLE_AREA', publishedOn: '2024-12-01' },
      unlisted: { status: 'NONE' },
      lettingPolicies: [{ validFrom: '2024-01-01' }, { validFrom: '2025-07-01' }],
    });
  });

  it('lists areas by municipality and name, with their administrator', async () => {
    const owner = await organisation(db(), { name: 'Filterboliger' });
    await area(db(), owner.id, { name: 'Bbbb', municipalityCode: '860' });
    await area(db(), owner.id, { name: 'Aaaa', municipalityCode: '860' });
    const data = expectNoErrors(
      await platform.query<{ housingAreas: { nodes: { name: string; administrator: { name: string } }[] } }>(
        tokens.evaluator!,
        '{ housingAreas(filter: { municipalityCodes: ["860"] }) { nodes { name administrator { name } } } }',
      ),
    );
    expect(data.housingAreas.nodes).toEqual([
      { name: 'Aaaa', administrator: { name: 'Filterboliger' } },
      { name: 'Bbbb', administrator: { name: 'Filterboliger' } },
    ]);
  });
});

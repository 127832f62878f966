// N+1 is a bug: a nested list query costs the same number of SQL statements for 10 areas as for 50.
import type { DataSource } from 'typeorm';
import { type TestPlatform, expectNoErrors, identity, startTestPlatform } from '@second-chance/testing';
import { DEFAULT_LIMITS } from '@second-chance/gateway';
import { housingSubgraph } from '../src';
import { area, department, organisation, units, vacancy } from './fixtures';

let platform: TestPlatform;
const MUNICIPALITY = '253';

beforeAll(async () => {
  // At national averages this query could return some 150,000 objects, which the gateway's default cost
  // limit refuses; this test is about SQL statements, so it lifts the limit.
  platform = await startTestPlatform([housingSubgraph], { limits: { ...DEFAULT_LIMITS, maxCost: 1_000_000 } });
  const db: DataSource = platform.subgraph('housing').dataSource;
  const owner = await organisation(db);
  // 50 areas, each with 2 departments of 3 units, each unit with 2 vacancies (one let, one open).
  for (let i = 0; i < 50; i++) {
    const a = await area(db, owner.id, {
      municipalityCode: MUNICIPALITY,
      name: `Område ${String(i).padStart(2, '0')}`,
    });
    for (let d = 0; d < 2; d++) {
      const dept = await department(db, owner.id, a.id);
      for (const unit of await units(db, dept.id, 3)) {
        await vacancy(db, unit.id, { status: 'LET', closedAt: new Date(), availableFrom: '2026-01-01' });
        await vacancy(db, unit.id);
      }
    }
  }
});
afterAll(() => platform.close());

const NESTED = `query ($first: Int!, $municipality: ID!) {
  housingAreas(first: $first, filter: { municipalityCodes: [$municipality] }) {
    nodes {
      name
      municipality { name }
      administrator { name }
      departments {
        number
        organisation { name }
        units {
          address { text }
          vacancies { status availableFrom unit { rooms department { name } } }
        }
      }
    }
  }
}`;

interface Nested {
  housingAreas: { nodes: { departments: { units: { vacancies: unknown[] }[] }[] }[] };
}

async function statementsFor(first: number) {
  const token = await platform.token(identity('caseworker', 'MUNICIPALITY:101'));
  const { result, statements } = await platform.countSql(() =>
    platform.query<Nested>(token, NESTED, { first, municipality: MUNICIPALITY }),
  );
  const data = expectNoErrors(result);
  const vacancies = data.housingAreas.nodes.flatMap((a) =>
    a.departments.flatMap((d) => d.units.flatMap((u) => u.vacancies)),
  );
  return { statements: statements.housing, areas: data.housingAreas.nodes.length, vacancies: vacancies.length };
}

test('areas → departments → units → vacancies costs the same SQL for 10 areas as for 50', async () => {
  const ten = await statementsFor(10);
  const fifty = await statementsFor(50);
  expect(ten).toMatchObject({ areas: 10, vacancies: 10 * 2 * 3 * 2 });
  expect(fifty).toMatchObject({ areas: 50, vacancies: 50 * 2 * 3 * 2 });
  expect(fifty.statements).toBe(ten.statements);
  // One statement per level and per kind of referenced row, whatever the number of rows.
  expect(fifty.statements).toBeLessThanOrEqual(8);
});

// A caseworker's list of cases, each with its household, home unit and area status, and its offers with
// their units and areas: the SQL statements per subgraph stay the same for 10 cases and for 100.
import { randomUUID } from 'node:crypto';
import { DEFAULT_LIMITS } from '../../src';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type TestPlatform, expectNoErrors, startTestPlatform } from '@second-chance/testing';
import { estate } from '../../../services/housing/test/fixtures';
import { people } from './platform';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform(
    [housingSubgraph, createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] })],
    { limits: { ...DEFAULT_LIMITS, maxCost: 1_000_000 } },
  );
  const housing = platform.subgraph('housing').dataSource;
  const households = platform.subgraph('households').dataSource;
  const homes = await estate(housing, { municipalityCode: '101', unitCount: 100 });
  const offered = await estate(housing, { municipalityCode: '461', unitCount: 100 });
  // 100 households, each living in a unit, each with a case that has an offer of another vacancy.
  for (let i = 0; i < 100; i++) {
    const householdId = randomUUID();
    const caseId = randomUUID();
    await households.query(
      `INSERT INTO household (id, responsible_municipality_code, home_unit_id, home_organisation_id, registered_by)
       VALUES ($1, '101', $2, $3, 'test')`,
      [householdId, homes.units[i]!.id, homes.owner.id],
    );
    await households.query(
      `INSERT INTO household_member (household_id, name, birth_date) VALUES ($1, 'Test Voksen', '1980-01-01'), ($1, 'Test Barn', '2015-01-01')`,
      [householdId],
    );
    await households.query(
      `INSERT INTO relocation_case (id, household_id, state, sending_municipality_code, from_unit_id, created_at, version)
       VALUES ($1, $2, 'OFFERED', '101', $3, now() - ($4 || ' seconds')::interval, 1)`,
      [caseId, householdId, homes.units[i]!.id, String(i)],
    );
    await households.query(
      `INSERT INTO offer (case_id, vacancy_id, unit_id, housing_organisation_id, municipality_code, status, response_deadline, offered_by)
       VALUES ($1, $2, $3, $4, '461', 'PENDING', now() + interval '5 days', 'test')`,
      [caseId, offered.vacancies[i]!.id, offered.units[i]!.id, offered.owner.id],
    );
  }
});
afterAll(() => platform.close());

const CASES = `query ($first: Int!) {
  relocationCases(first: $first, filter: { role: SENDING }) {
    nodes {
      id state
      household {
        size adults children needs { minRooms }
        home { id rooms address { text } department { area { name officialStatus { status } } } }
      }
      offers {
        status responseDeadline
        vacancy { id status availableFrom unit { rooms monthlyRentOre department { area { name municipality { name } officialStatus { status } } } } }
      }
    }
  }
}`;

async function statementsFor(first: number) {
  const token = await platform.token(people.caseworker101);
  const { result, statements } = await platform.countSql(() =>
    platform.query<{ relocationCases: { nodes: { offers: unknown[]; household: { home: { id: string } } }[] } }>(
      token,
      CASES,
      {
        first,
      },
    ),
  );
  const data = expectNoErrors(result);
  expect(data.relocationCases.nodes).toHaveLength(first);
  expect(data.relocationCases.nodes.every((n) => n.offers.length === 1 && n.household.home.id)).toBe(true);
  return statements;
}

test('100 cases cost the same SQL statements per subgraph as 10', async () => {
  const ten = await statementsFor(10);
  const hundred = await statementsFor(100);
  expect(hundred).toEqual(ten);
  // Bounded: a handful per subgraph, whatever the number of cases.
  expect(hundred.households).toBeLessThanOrEqual(10);
  expect(hundred.housing).toBeLessThanOrEqual(12);
});

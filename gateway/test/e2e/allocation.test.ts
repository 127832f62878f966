// A full allocation round through the gateway: homes for municipal allocation published by housing in municipality
// 101 (one in an udsat area, one in an area on no list), area figures from evaluation, three searching households of
// 101; the round proposes lawfully, explains every exclusion by its rule, and a caseworker turns a proposal into an
// offer.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { type GraphQLResult, type TestPlatform, errorCode, identity, startTestPlatform } from '@second-chance/testing';
import { estate } from '../../../services/housing/test/fixtures';
import { as, people, searchingCase } from './platform';

let platform: TestPlatform;
const admin = identity('platform-admin', 'PLATFORM:sc', 'admin');
const codeOf = (result: GraphQLResult<unknown>) => errorCode(result.body);

let burdened: Awaited<ReturnType<typeof estate>>;
let ordinary: Awaited<ReturnType<typeof estate>>;
const cases: Record<'onBenefits' | 'inWork' | 'bigFamily', string> = { onBenefits: '', inWork: '', bigFamily: '' };

const ROUND = `mutation ($input: AllocationRoundInput) { runAllocationRound(input: $input) {
    id date ruleVersion objective lpBound gap greedyObjective greedyPlaced seekers vacancies placed
    weights { placement burden fit waiting fairness }
    areaProjections { area { id } householdsIn outsideSharePctBefore outsideSharePctAfter } } }`;

const PROPOSALS = `query ($statuses: [ProposalStatus!]) { allocationProposals(filter: { statuses: $statuses }, first: 50) {
    nodes { id status seekerKind householdSize needs { minRooms } case { id } vacancy { id }
      why whyNot { vacancy { id } areaName rule reason } excludedByRule { rule vacancies } explanation } } }`;

interface ProposalNode {
  id: string;
  status: string;
  case: { id: string } | null;
  vacancy: { id: string } | null;
  why: string[];
  whyNot: { vacancy: { id: string }; areaName: string; rule: string | null; reason: string }[];
  excludedByRule: { rule: string; vacancies: number }[];
  explanation: string;
}

async function proposals(statuses = ['PROPOSED', 'NO_PROPOSAL']): Promise<ProposalNode[]> {
  const data = await as(platform, people.caseworker101).ok<{ allocationProposals: { nodes: ProposalNode[] } }>(
    PROPOSALS,
    { statuses },
  );
  return data.allocationProposals.nodes;
}
const proposalOf = (list: ProposalNode[], caseId: string) => list.find((p) => p.case?.id === caseId);

beforeAll(async () => {
  platform = await startTestPlatform([
    housingSubgraph,
    createEvaluationSubgraph({ eventSecrets: [] }),
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] }),
  ]);
  const housingDb = platform.subgraph('housing').dataSource;
  burdened = await estate(housingDb, { municipalityCode: '101', unitCount: 1, channel: 'MUNICIPAL_ALLOCATION' });
  ordinary = await estate(housingDb, { municipalityCode: '101', unitCount: 1, channel: 'MUNICIPAL_ALLOCATION' });
  const listYear = Number(new Date().toISOString().slice(0, 4)) - 1;
  await as(platform, admin).ok(
    `mutation ($input: OfficialAreaStatusInput!) { recordOfficialAreaStatus(input: $input) { status } }`,
    { input: { areaId: burdened.area.id, year: listYear, status: 'VULNERABLE_AREA' } },
  );
  const header =
    'area_id;year;residents;outside_work_or_education_pct;conviction_pct;national_conviction_pct;' +
    'basic_schooling_only_pct;income_of_region_pct;non_western_pct;open_municipal_case_pct';
  await as(platform, admin).ok(
    `mutation ($input: ImportAreaIndicatorsInput!) { importAreaIndicators(input: $input) { rows } }`,
    {
      input: {
        csv: [
          header,
          `${burdened.area.id};${listYear};2000;48;2,5;0,7;64;50;45;25`,
          `${ordinary.area.id};${listYear};1500;18;0,5;0,7;30;90;10;8`,
        ].join('\n'),
      },
    },
  );
  // On kontanthjælp since 2020: § 59 stk. 6 nr. 5 closes the udsat area to the household.
  cases.onBenefits = (await searchingCase(platform)).caseId;
  cases.inWork = (
    await searchingCase(platform, {
      members: [
        {
          name: 'Test Arbejder',
          birthDate: '1985-03-03',
          facts: [{ kind: 'LABOUR_MARKET_STATUS', value: 'EMPLOYED', startedOn: '2019-01-01' }],
        },
      ],
    })
  ).caseId;
  cases.bigFamily = (await searchingCase(platform, { needs: { minRooms: 5 } })).caseId;
}, 120_000);
afterAll(() => platform.close());

test('the round proposes lawfully, steers by the burden, and explains every exclusion by its rule', async () => {
  const { runAllocationRound: round } = await as(platform, admin).ok<{
    runAllocationRound: {
      ruleVersion: string;
      objective: number;
      lpBound: number;
      gap: number;
      seekers: number;
      vacancies: number;
      placed: number;
      areaProjections: { area: { id: string }; householdsIn: number; outsideSharePctAfter: number }[];
    };
  }>(ROUND, { input: { commitments: [{ municipalityCode: '101', households: 5 }] } });
  expect(round).toEqual(expect.objectContaining({ ruleVersion: 'ABL-2021', seekers: 3, vacancies: 2, placed: 2 }));
  expect(round.gap).toBeCloseTo(0, 9);

  const list = await proposals();
  // The household in work goes to the udsat area (it lowers the share outside work there); the household on
  // kontanthjælp may not be allocated there, and goes to the area on no list.
  expect(proposalOf(list, cases.inWork)?.vacancy?.id).toBe(burdened.vacancies[0]!.id);
  const onBenefits = proposalOf(list, cases.onBenefits)!;
  expect(onBenefits.vacancy?.id).toBe(ordinary.vacancies[0]!.id);
  expect(onBenefits.whyNot).toContainEqual(
    expect.objectContaining({ vacancy: { id: burdened.vacancies[0]!.id }, rule: '§ 59 stk. 6 nr. 5' }),
  );
  expect(onBenefits.why.length).toBeGreaterThan(0);
  // Five rooms are needed and no vacancy has them: no proposal, and the explanation says why.
  const bigFamily = proposalOf(list, cases.bigFamily)!;
  expect(bigFamily).toEqual(expect.objectContaining({ status: 'NO_PROPOSAL', vacancy: null }));
  expect(bigFamily.excludedByRule).toContainEqual({ rule: 'NEEDS_ROOMS', vacancies: 2 });
  expect(bigFamily.explanation.length).toBeGreaterThan(10);

  const projection = round.areaProjections.find((a) => a.area.id === burdened.area.id);
  expect(projection?.householdsIn).toBe(1);
  expect(projection!.outsideSharePctAfter).toBeLessThan(48);
});

test('the same inputs give the same proposals; a new round supersedes the undecided ones', async () => {
  const before = await proposals();
  await as(platform, admin).ok(ROUND, { input: { commitments: [{ municipalityCode: '101', households: 5 }] } });
  const after = await proposals();
  const pick = (list: ProposalNode[]) =>
    Object.values(cases).map((caseId) => [caseId, proposalOf(list, caseId)?.vacancy?.id ?? null]);
  expect(pick(after)).toEqual(pick(before));
  // The two undecided proposals of the first round; a household with no proposal has nothing to supersede.
  expect(await proposals(['SUPERSEDED'])).toHaveLength(2);
});

test('a caseworker accepts a proposal, which becomes an offer; another is rejected with a reason', async () => {
  const list = await proposals(['PROPOSED']);
  const inWork = proposalOf(list, cases.inWork)!;
  const caseworker = as(platform, people.caseworker101);
  // Only the household's own municipality decides.
  expect(
    codeOf(
      await as(platform, people.caseworker751).call(
        `mutation ($id: ID!) { acceptProposal(proposalId: $id) { status } }`,
        { id: inWork.id },
      ),
    ),
  ).toBe('FORBIDDEN');
  const { acceptProposal } = await caseworker.ok<{
    acceptProposal: { status: string; offer: { id: string; status: string; vacancy: { id: string } } };
  }>(`mutation ($id: ID!) { acceptProposal(proposalId: $id) { status offer { id status vacancy { id } } } }`, {
    id: inWork.id,
  });
  expect(acceptProposal.status).toBe('ACCEPTED');
  expect(acceptProposal.offer.vacancy.id).toBe(burdened.vacancies[0]!.id);
  expect(['RESERVING', 'PENDING']).toContain(acceptProposal.offer.status);
  const state = await platform
    .subgraph('households')
    .dataSource.query<{ state: string }[]>('SELECT state FROM relocation_case WHERE id = $1', [cases.inWork]);
  expect(state).toEqual([{ state: 'OFFERED' }]);
  expect(
    codeOf(
      await caseworker.call(`mutation ($id: ID!) { acceptProposal(proposalId: $id) { status } }`, { id: inWork.id }),
    ),
  ).toBe('CONFLICT');

  const onBenefits = proposalOf(list, cases.onBenefits)!;
  const reject = `mutation ($id: ID!, $reason: String!) { rejectProposal(proposalId: $id, reason: $reason) { status rejectionReason } }`;
  expect(codeOf(await caseworker.call(reject, { id: onBenefits.id, reason: '' }))).toBe('BAD_USER_INPUT');
  const { rejectProposal } = await caseworker.ok<{ rejectProposal: { status: string; rejectionReason: string } }>(
    reject,
    { id: onBenefits.id, reason: 'The family wants to stay near the children’s school' },
  );
  expect(rejectProposal).toEqual({
    status: 'REJECTED',
    rejectionReason: 'The family wants to stay near the children’s school',
  });
});

test('who sees proposals: the household’s caseworkers all, letting officers size and needs only, others nothing', async () => {
  const letting = as(platform, people.lettingOfficer(burdened.owner.id));
  const statuses = ['PROPOSED', 'ACCEPTED', 'REJECTED', 'NO_PROPOSAL'];
  const { allocationProposals } = await letting.ok<{
    allocationProposals: { nodes: { householdSize: number; needs: { minRooms: number } }[] };
  }>(
    `query ($s: [ProposalStatus!]) { allocationProposals(filter: { statuses: $s }) { nodes { householdSize needs { minRooms } } } }`,
    {
      s: statuses,
    },
  );
  expect(allocationProposals.nodes).toEqual([{ householdSize: 1, needs: { minRooms: 1 } }]);
  const reasons = await letting.call(
    `query ($s: [ProposalStatus!]) { allocationProposals(filter: { statuses: $s }) { nodes { whyNot { rule } } } }`,
    {
      s: statuses,
    },
  );
  expect(codeOf(reasons)).toBe('FORBIDDEN');

  const other = await as(platform, people.caseworker751).ok<{ allocationProposals: { nodes: unknown[] } }>(
    `query ($s: [ProposalStatus!]) { allocationProposals(filter: { statuses: $s }) { nodes { id } } }`,
    { s: statuses },
  );
  expect(other.allocationProposals.nodes).toEqual([]);
  for (const who of [people.evaluator, people.financeOfficer]) {
    expect(codeOf(await as(platform, who).call(`{ allocationProposals { nodes { id } } }`))).toBe('FORBIDDEN');
  }
  for (const who of [people.caseworker101, people.evaluator]) {
    expect(codeOf(await as(platform, who).call(ROUND, {}))).toBe('FORBIDDEN');
    expect(codeOf(await as(platform, who).call(`{ allocationRounds { nodes { id } } }`))).toBe('FORBIDDEN');
  }
});

test('platform administrators set the weights, with a reason; bad weights and dates are refused', async () => {
  const set = `mutation ($input: AllocationWeightsInput!, $note: String!) { setAllocationWeights(input: $input, note: $note) {
      weights { burden fit } defaults { burden } setBy note } }`;
  const { setAllocationWeights } = await as(platform, admin).ok<{
    setAllocationWeights: { weights: { burden: number; fit: number }; defaults: { burden: number }; note: string };
  }>(set, { input: { burden: 150 }, note: 'KL and BL agreed to weigh the burden more' });
  expect(setAllocationWeights.weights.burden).toBe(150);
  // Only the burden changed; the fit keeps its default.
  expect(setAllocationWeights.weights.fit).toBe(10);
  expect(codeOf(await as(platform, admin).call(set, { input: { burden: -1 }, note: 'x' }))).toBe('BAD_USER_INPUT');
  expect(codeOf(await as(platform, admin).call(set, { input: { burden: 1 }, note: ' ' }))).toBe('BAD_USER_INPUT');
  expect(codeOf(await as(platform, people.caseworker101).call(set, { input: { burden: 1 }, note: 'x' }))).toBe(
    'FORBIDDEN',
  );
  expect(codeOf(await as(platform, admin).call(ROUND, { input: { date: '2020-01-01' } }))).toBe('BAD_USER_INPUT');
  expect(
    codeOf(
      await as(platform, admin).call(ROUND, { input: { commitments: [{ municipalityCode: '46', households: 1 }] } }),
    ),
  ).toBe('BAD_USER_INPUT');
});

test('every household the round read is in the audit log', async () => {
  const rows = await platform
    .subgraph('households')
    .dataSource.query<{ household_id: string }[]>(
      `SELECT DISTINCT household_id FROM audit_entry WHERE via = 'allocation-round'`,
    );
  expect(rows).toHaveLength(3);
});

test('a page of proposals costs one statement per kind of thing it shows, however many proposals', async () => {
  const cost = async (first: number) =>
    (
      await platform.countSql(() =>
        as(platform, people.caseworker101).ok(
          `query ($first: Int!) { allocationProposals(filter: { statuses: [PROPOSED, ACCEPTED, REJECTED, NO_PROPOSAL, SUPERSEDED] }, first: $first) {
            nodes { id round { id ruleVersion } household { size } case { id state } offer { id } vacancy { id } } } }`,
          { first },
        ),
      )
    ).statements['households'];
  // The page, then one batched read each: rounds, households, their members, cases, offers.
  expect(await cost(1)).toBeLessThanOrEqual(6);
  expect(await cost(5)).toBeLessThanOrEqual(6);
});

// Compensation from the moved event to the quarterly settlement: events applied once, bill / absorb / late
// claim, runs that are idempotent, ordered and closed, a ledger that balances, netting, statements and CSV, and
// row-level security that refuses another tenant's books even to hand-written SQL.
import { randomUUID } from 'node:crypto';
import { type TestPlatform, expectError } from '@second-chance/testing';
import { asTenant } from '../src/store/tenant';
import { CREATE_AGREEMENT, agreementInput, as, deliver, movedEvent, people, sign, startFinance } from './helpers';

let platform: TestPlatform;
const db = () => platform.subgraph('finance').dataSource;

const RUN = `mutation ($period: String!) { runSettlement(period: $period) { id period entries grossOre netOre reproducible
  transfers { from { key } to { key } amountOre } } }`;
const CLAIM = `mutation ($id: ID!) { claimCompensation(entitlementId: $id) { status claimedOn } }`;
const ABSORB = `mutation ($id: ID!) { absorbCompensation(entitlementId: $id) { status } }`;
const LATE = `mutation ($id: ID!, $accept: Boolean!) { decideLateClaim(entitlementId: $id, accept: $accept) { status } }`;
const STATEMENT = `query ($party: PartyInput!, $period: String!) { statement(party: $party, period: $period) {
  party { key } period owesOre isOwedOre netOre csv transfers { from { key } to { key } amountOre }
  lines { entryId kind amountOre adjustment counterparty { key } case { id } description } } }`;

interface Run {
  id: string;
  period: string;
  entries: number;
  grossOre: number;
  netOre: number;
  reproducible: boolean;
  transfers: { from: { key: string }; to: { key: string }; amountOre: number }[];
}
interface StatementLine {
  kind: string;
  amountOre: number;
  adjustment: boolean;
  counterparty: { key: string };
  case: { id: string } | null;
}
interface Statement {
  owesOre: number;
  isOwedOre: number;
  netOre: number;
  csv: string;
  lines: StatementLine[];
  transfers: Run['transfers'];
}

const run = async (period: string) =>
  (await as(platform, people.admin).ok<{ runSettlement: Run }>(RUN, { period })).runSettlement;
const statement = async (who: Parameters<typeof as>[1], code: string, period: string) =>
  (
    await as(platform, who).ok<{ statement: Statement | null }>(STATEMENT, {
      party: { kind: 'MUNICIPALITY', id: code },
      period,
    })
  ).statement;
const entitlementOf = async (caseId: string) =>
  (
    await db().query<{ id: string; status: string }[]>(
      'SELECT id, status FROM compensation_entitlement WHERE case_id = $1',
      [caseId],
    )
  )[0];

const C1 = randomUUID(); // 101 → 751, 2025-02-15, two adults (one outside the labour market) and two children
const C2 = randomUUID(); // 101 → 461 under the 30-day agreement, claimed late and accepted
const C3 = randomUUID(); // 101 → 461, claimed late and refused: absorbed
const C4 = randomUUID(); // 751 → 101, absorbed by 101
const C5 = randomUUID(); // 101 → 751, 2025-01-20, billed only after two quarters were closed
let grantId = '';

beforeAll(async () => {
  platform = await startFinance();
  await as(platform, people.admin).ok(CREATE_AGREEMENT, { input: agreementInput() });
  // A newer agreement between 101 and 461 alone, with a 30-day claim deadline: it governs their moves.
  await as(platform, people.admin).ok(CREATE_AGREEMENT, {
    input: agreementInput({
      name: 'Aftale 101-461',
      parties: [
        { kind: 'MUNICIPALITY', id: '101' },
        { kind: 'MUNICIPALITY', id: '461' },
      ],
      validFrom: '2024-06-01',
      grantPolicy: { maxGrantOre: 1_000_000, payers: [{ role: 'SENDING_MUNICIPALITY', basisPoints: 10_000 }] },
      compensationPolicy: {
        ...agreementInput().compensationPolicy,
        claimDeadlineDays: 30,
        departmentCompensationOre: 0,
      },
    }),
  });
});
afterAll(() => platform.close());

describe('the moved event', () => {
  test('creates one entitlement with its tapering schedule; a redelivery creates nothing twice', async () => {
    const event = movedEvent({ caseId: C1, moveDate: '2025-02-15' });
    expect(await deliver(platform, event)).toEqual({ status: 202, body: { outcome: 'ENTITLEMENT_CREATED' } });
    expect(await deliver(platform, event)).toEqual({ status: 202, body: { outcome: 'DUPLICATE' } });
    // Another event about the same move (a different id) creates nothing either.
    expect((await deliver(platform, movedEvent({ caseId: C1, moveDate: '2025-02-15' }))).body.outcome).toBe(
      'ALREADY_ENTITLED',
    );
    const rows = await db().query<{ n: string }[]>(
      'SELECT count(*) AS n FROM compensation_entitlement WHERE case_id = $1',
      [C1],
    );
    expect(rows[0]?.n).toBe('1');

    const { compensationEntitlements } = await as(platform, people.finance751).ok<{
      compensationEntitlements: { nodes: Record<string, unknown>[] };
    }>(`{ compensationEntitlements(statuses: [PENDING]) { nodes { case { id } status yearlyOre totalOre claimDeadline
        departmentCompensationOre schedule { year from to amountOre } receivingHousingOrganisation { key } } } }`);
    // 25,000 kr + 40,000 kr per adult outside the labour market + 15,000 kr per child = 95,000 kr a year.
    expect(compensationEntitlements.nodes).toContainEqual({
      case: { id: C1 },
      status: 'PENDING',
      yearlyOre: 9_500_000,
      totalOre: 9_500_000 + 7_125_000 + 4_750_000 + 2_375_000,
      claimDeadline: '2027-02-15',
      departmentCompensationOre: 1_000_000,
      receivingHousingOrganisation: { key: 'HOUSING_ORGANISATION:ho-aarhus' },
      schedule: [
        { year: 1, from: '2025-02-15', to: '2026-02-15', amountOre: 9_500_000 },
        { year: 2, from: '2026-02-15', to: '2027-02-15', amountOre: 7_125_000 },
        { year: 3, from: '2027-02-15', to: '2028-02-15', amountOre: 4_750_000 },
        { year: 4, from: '2028-02-15', to: '2029-02-15', amountOre: 2_375_000 },
      ],
    });
  });

  test('two deliveries of one event at the same moment still create one entitlement', async () => {
    const caseId = randomUUID();
    const event = movedEvent({ caseId, moveDate: '2025-05-05', sending: '147', receiving: '751' });
    // 147 is in no agreement with 751: the event is recorded, nothing is owed.
    const outcomes = await Promise.all([deliver(platform, event), deliver(platform, event)]);
    expect(outcomes.map((o) => o.body.outcome).sort()).toEqual(['DUPLICATE', 'NO_AGREEMENT']);
    const racing = movedEvent({ caseId: randomUUID(), moveDate: '2025-05-05', sending: '751', receiving: '461' });
    const both = await Promise.all([deliver(platform, racing), deliver(platform, racing)]);
    expect(both.map((o) => o.body.outcome).sort()).toEqual(['DUPLICATE', 'ENTITLEMENT_CREATED']);
  });

  test('an unsigned, wrongly signed or malformed event is refused and changes nothing', async () => {
    const event = movedEvent({ moveDate: '2025-02-15' });
    const before = await db().query<{ n: string }[]>('SELECT count(*) AS n FROM received_event');
    expect((await deliver(platform, event, 'sha256=00')).status).toBe(401);
    expect(
      (await deliver(platform, event, sign(JSON.stringify(event), 'another-secret-of-32-characters!!'))).status,
    ).toBe(401);
    const broken = { ...event, payload: { ...event.payload, moveDate: 'yesterday' } };
    expect((await deliver(platform, broken)).status).toBe(400);
    expect(await db().query('SELECT count(*) AS n FROM received_event')).toEqual(before);
  });
});

describe('bill, absorb or a late claim', () => {
  beforeAll(async () => {
    for (const [caseId, sending, receiving, moveDate] of [
      [C2, '101', '461', '2025-03-10'],
      [C3, '101', '461', '2025-04-01'],
      [C4, '751', '101', '2025-02-01'],
    ] as const) {
      expect((await deliver(platform, movedEvent({ caseId, sending, receiving, moveDate }))).status).toBe(202);
    }
  });

  test('the receiving municipality bills within the deadline', async () => {
    const { id } = (await entitlementOf(C1))!;
    expectError(await as(platform, people.finance101).call(CLAIM, { id }), 'FORBIDDEN', /receiving municipality/);
    expectError(await as(platform, people.caseworker751).call(CLAIM, { id }), 'FORBIDDEN');
    expectError(await as(platform, people.finance461).call(CLAIM, { id }), 'NOT_FOUND');
    const { claimCompensation } = await as(platform, people.finance751).ok<{ claimCompensation: { status: string } }>(
      CLAIM,
      { id },
    );
    expect(claimCompensation.status).toBe('BILLED');
    // A retried claim changes nothing.
    expect(
      (await as(platform, people.finance751).ok<{ claimCompensation: { status: string } }>(CLAIM, { id }))
        .claimCompensation.status,
    ).toBe('BILLED');
  });

  test('a claim after the deadline is late: the sender accepts it (billed) or not (absorbed)', async () => {
    const late = (await entitlementOf(C2))!;
    expect(
      (await as(platform, people.finance461).ok<{ claimCompensation: { status: string } }>(CLAIM, { id: late.id }))
        .claimCompensation.status,
    ).toBe('LATE_CLAIM');
    expectError(
      await as(platform, people.finance461).call(LATE, { id: late.id, accept: true }),
      'FORBIDDEN',
      /sending/,
    );
    expect(
      (
        await as(platform, people.finance101).ok<{ decideLateClaim: { status: string } }>(LATE, {
          id: late.id,
          accept: true,
        })
      ).decideLateClaim.status,
    ).toBe('BILLED');

    const refused = (await entitlementOf(C3))!;
    await as(platform, people.finance461).ok(CLAIM, { id: refused.id });
    expect(
      (
        await as(platform, people.finance101).ok<{ decideLateClaim: { status: string } }>(LATE, {
          id: refused.id,
          accept: false,
        })
      ).decideLateClaim.status,
    ).toBe('ABSORBED');
    expectError(await as(platform, people.finance101).call(LATE, { id: refused.id, accept: true }), 'CONFLICT');
  });

  test('the receiving municipality may absorb the cost; an absorbed entitlement is never billed', async () => {
    const { id } = (await entitlementOf(C4))!;
    expect(
      (await as(platform, people.finance101).ok<{ absorbCompensation: { status: string } }>(ABSORB, { id }))
        .absorbCompensation.status,
    ).toBe('ABSORBED');
    expectError(await as(platform, people.finance101).call(CLAIM, { id }), 'CONFLICT', /absorbed/);
  });
});

describe('settlement runs', () => {
  beforeAll(async () => {
    // C1's grant: 40,000.01 kr, half from the receiving housing organisation, paid on 1 February 2025.
    const apply = await as(platform, people.caseworker101).ok<{ applyForGrant: { id: string } }>(
      `mutation ($input: ApplyForGrantInput!) { applyForGrant(input: $input) { id } }`,
      {
        input: {
          caseId: C1,
          agreementId: (
            await db().query<{ id: string }[]>(`SELECT id FROM agreement WHERE name <> 'Aftale 101-461' LIMIT 1`)
          )[0]?.id,
          receivingMunicipalityCode: '751',
          receivingHousingOrganisationId: 'ho-aarhus',
          requestedOre: 4_000_001,
          purpose: 'Etablering',
        },
      },
    );
    grantId = apply.applyForGrant.id;
    await as(platform, people.finance101).ok(
      `mutation ($id: ID!) { approveGrant(grantId: $id, amountOre: 4000001) { id } }`,
      {
        id: grantId,
      },
    );
    await as(platform, people.finance101).ok(
      `mutation ($input: RecordGrantPaymentInput!) { recordGrantPayment(input: $input) { id } }`,
      { input: { grantId, amountOre: 4_000_001, paidOn: '2025-02-01', idempotencyKey: `grant-${grantId}` } },
    );
  });

  test('2025Q1: compensation pro rata by day, the grant share, the department compensation; netted', async () => {
    const q1 = await run('2025Q1');
    expect(q1.reproducible).toBe(true);
    const aarhus = (await statement(people.finance751, '751', '2025Q1'))!;
    // C1: 95,000 kr over 365 days, 45 of them in the quarter (15 Feb to 31 Mar): 9,500,000 × 45 / 365 = 1,171,232.88.
    // And as the sender of C4 (moved 1 February into ho-aarhus's housing), Aarhus owes the department's 10,000 kr,
    // whatever Copenhagen decided about the municipal compensation.
    expect(aarhus.lines).toEqual([
      expect.objectContaining({
        kind: 'COMPENSATION',
        amountOre: 1_171_232,
        adjustment: false,
        case: { id: C1 },
        counterparty: { key: 'MUNICIPALITY:101' },
      }),
      expect.objectContaining({
        kind: 'DEPARTMENT_COMPENSATION',
        amountOre: -1_000_000,
        case: { id: C4 },
        counterparty: { key: 'HOUSING_ORGANISATION:ho-aarhus' },
      }),
    ]);
    expect(aarhus.netOre).toBe(171_232);
    const copenhagen = (await statement(people.finance101, '101', '2025Q1'))!;
    const byKind = (kind: string) => copenhagen.lines.filter((l) => l.kind === kind);
    expect(byKind('GRANT_SHARE')).toEqual([
      expect.objectContaining({ amountOre: 2_000_001, counterparty: { key: 'HOUSING_ORGANISATION:ho-aarhus' } }),
    ]);
    expect(byKind('DEPARTMENT_COMPENSATION')).toEqual([
      expect.objectContaining({ amountOre: -1_000_000, counterparty: { key: 'HOUSING_ORGANISATION:ho-aarhus' } }),
    ]);
    // C2 (461, accepted late) from 10 March: 22 days of 365 of 95,000 kr.
    expect(
      byKind('COMPENSATION')
        .map((l) => l.amountOre)
        .sort((a, b) => a - b),
    ).toEqual([-1_171_232, -572_602]);
    expect(copenhagen.netOre).toBe(2_000_001 - 1_000_000 - 1_171_232 - 572_602);
    expect(copenhagen.owesOre - copenhagen.isOwedOre).toBe(-copenhagen.netOre);
    // Four parties with a balance: at most three transfers, which move exactly each net position.
    expect(q1.transfers.length).toBeLessThanOrEqual(3);
    const moved = new Map<string, number>();
    for (const t of q1.transfers) {
      moved.set(t.from.key, (moved.get(t.from.key) ?? 0) - t.amountOre);
      moved.set(t.to.key, (moved.get(t.to.key) ?? 0) + t.amountOre);
    }
    expect(moved.get('MUNICIPALITY:101')).toBe(copenhagen.netOre);
    expect(moved.get('MUNICIPALITY:751')).toBe(171_232);
  });

  test('the ledger sums to zero, per run and per entry', async () => {
    await run('2025Q2');
    const runs = await db().query<{ period: string; total: string }[]>(
      'SELECT period, sum(amount_ore) AS total FROM ledger_line GROUP BY period ORDER BY period',
    );
    expect(runs).toEqual([
      { period: '2025Q1', total: '0' },
      { period: '2025Q2', total: '0' },
    ]);
    const unbalanced = await db().query(
      'SELECT entry_id FROM ledger_line GROUP BY entry_id HAVING sum(amount_ore) <> 0',
    );
    expect(unbalanced).toEqual([]);
  });

  test('running a settled period again returns the same run; two at once give one', async () => {
    const first = await run('2025Q1');
    expect((await run('2025Q1')).id).toBe(first.id);
    const [a, b] = await Promise.all([run('2025Q3'), run('2025Q3')]);
    expect(a.id).toBe(b.id);
    const rows = await db().query<{ n: string }[]>(`SELECT count(*) AS n FROM settlement_run WHERE period = '2025Q3'`);
    expect(rows[0]?.n).toBe('1');
  });

  test('periods are settled in order, only once they have ended', async () => {
    expectError(await as(platform, people.admin).call(RUN, { period: '2026Q1' }), 'CONFLICT', /settle 2025Q4 first/);
    expectError(await as(platform, people.admin).call(RUN, { period: '2024Q4' }), 'CONFLICT', /never changes/);
    expectError(await as(platform, people.admin).call(RUN, { period: '2999Q1' }), 'CONFLICT', /has not ended/);
    expectError(await as(platform, people.admin).call(RUN, { period: '2025Q5' }), 'BAD_USER_INPUT');
    expectError(await as(platform, people.caseworker101).call(RUN, { period: '2025Q4' }), 'FORBIDDEN');
    expectError(await as(platform, people.lettingAarhus).call(RUN, { period: '2025Q4' }), 'FORBIDDEN');
  });

  test('a closed period never changes: what it missed arrives as an adjusting entry in the next run', async () => {
    const closedBefore = await statement(people.finance751, '751', '2025Q1');
    // C5 moved on 20 January 2025; the receiving municipality bills it only now, after three closed quarters.
    await deliver(platform, movedEvent({ caseId: C5, moveDate: '2025-01-20', organisation: null }));
    await as(platform, people.finance751).ok(CLAIM, { id: (await entitlementOf(C5))!.id });
    await expect(db().query(`UPDATE ledger_line SET amount_ore = 0 WHERE period = '2025Q1'`)).rejects.toThrow(
      /append-only/,
    );
    expect(await statement(people.finance751, '751', '2025Q1')).toEqual(closedBefore);

    await run('2025Q4');
    const q4 = (await statement(people.finance751, '751', '2025Q4'))!;
    const c5 = q4.lines.filter((l) => l.case?.id === C5);
    // 2025-01-20 to 2025-10-01 is 254 days: 9,500,000 × 254 / 365 = 6,610,958.9; then Q4's 92 days.
    expect(c5).toEqual([
      expect.objectContaining({ adjustment: true, amountOre: 6_610_958 }),
      expect.objectContaining({ adjustment: false, amountOre: Math.floor((9_500_000 * 346) / 365) - 6_610_958 }),
    ]);
  });

  test('over the year, every øre of a schedule is posted exactly once', async () => {
    for (const period of ['2026Q1', '2026Q2', '2026Q3']) await run(period);
    const rows = await db().query<{ total: string }[]>(
      `SELECT sum(amount_ore) AS total FROM ledger_line WHERE case_id = $1 AND kind = 'COMPENSATION' AND party = 'MUNICIPALITY:751'`,
      [C1],
    );
    // Year 1 in full (95,000 kr) and year 2 (71,250 kr) from 15 February to 1 October 2026: 228 of 365 days.
    expect(Number(rows[0]?.total)).toBe(9_500_000 + Math.floor((7_125_000 * 228) / 365));
    const runs = await as(platform, people.admin).ok<{ settlementRuns: { nodes: Run[] } }>(
      `{ settlementRuns(first: 20) { nodes { period reproducible } } }`,
    );
    expect(runs.settlementRuns.nodes.map((r) => [r.period, r.reproducible])).toEqual(
      ['2026Q3', '2026Q2', '2026Q1', '2025Q4', '2025Q3', '2025Q2', '2025Q1'].map((p) => [p, true]),
    );
  });

  test('the statement as CSV: one line per ledger line, amounts in øre', async () => {
    const s = (await statement(people.finance101, '101', '2025Q1'))!;
    const rows = s.csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('period;party;entry;kind;case;counterparty;amount_ore;adjustment;description');
    expect(rows).toHaveLength(s.lines.length + 1);
    const total = rows.slice(1).reduce((sum, row) => sum + Number(row.split(';')[6]), 0);
    expect(total).toBe(s.netOre);
  });

  test('the municipality in the graph: its balance and statement, for its own finance officers', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Municipality { settlementBalanceOre settlementStatement(period: "2025Q1") { netOre } } } }`;
    const sub = platform.subgraph('finance');
    const own = await sub.query<{
      _entities: { settlementBalanceOre: number | null; settlementStatement: { netOre: number } | null }[];
    }>(people.finance751, query, {
      reps: [
        { __typename: 'Municipality', code: '751' },
        { __typename: 'Municipality', code: '101' },
      ],
    });
    const [aarhus, copenhagen] = own.body.data!._entities;
    const total = await db().query<{ total: string }[]>(
      `SELECT sum(amount_ore) AS total FROM ledger_line WHERE party = 'MUNICIPALITY:751'`,
    );
    expect(aarhus?.settlementBalanceOre).toBe(Number(total[0]?.total));
    expect(aarhus?.settlementStatement?.netOre).toBe(171_232);
    expect(copenhagen).toEqual({ settlementBalanceOre: null, settlementStatement: null });
  });
});

describe('the other subgraphs’ entities, extended', () => {
  test('statements of many municipalities cost the same SQL as one (platform administrators)', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Municipality {
      settlementBalanceOre settlementStatement(period: "2025Q1") { netOre lines { amountOre } transfers { amountOre } } } } }`;
    const reps = (codes: string[]) => codes.map((code) => ({ __typename: 'Municipality', code }));
    const sub = platform.subgraph('finance');
    const one = await platform.countSql(() => sub.query(people.admin, query, { reps: reps(['101']) }));
    const four = await platform.countSql(() =>
      sub.query(people.admin, query, { reps: reps(['101', '751', '461', '147']) }),
    );
    expect(four.statements.finance).toBe(one.statements.finance);
  });

  test('a housing organisation’s grant shares, for its letting officers only', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on HousingOrganisation { grantShares { period kind amountOre counterparty { key } case { id } } } } }`;
    const reps = [{ __typename: 'HousingOrganisation', id: 'ho-aarhus' }];
    const own = await platform
      .subgraph('finance')
      .query<{ _entities: { grantShares: unknown[] }[] }>(people.lettingAarhus, query, { reps });
    expect(own.body.data?._entities[0]?.grantShares).toEqual([
      {
        period: '2025Q1',
        kind: 'GRANT_SHARE',
        amountOre: -2_000_001,
        counterparty: { key: 'MUNICIPALITY:101' },
        case: { id: C1 },
      },
    ]);
    const other = await platform.subgraph('finance').query(people.lettingOther, query, { reps });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('a case’s business case: grant and compensation against the savings expected', async () => {
    const query = `query ($reps: [_Any!]!, $a: BusinessCaseAssumptions!) { _entities(representations: $reps) { ... on RelocationCase {
      compensation { status } businessCase(assumptions: $a) { cases netPresentValueOre breakEvenYear years { year costOre savingOre } } } } }`;
    const assumptions = {
      employmentEffectBasisPoints: 10_000,
      yearlySavingPerAdultInWorkOre: 20_000_000,
      discountRateBasisPoints: 0,
      horizonYears: 5,
    };
    const reps = [{ __typename: 'RelocationCase', id: C1 }];
    const answer = await platform.subgraph('finance').query<{
      _entities: {
        compensation: { status: string };
        businessCase: {
          netPresentValueOre: number;
          breakEvenYear: number | null;
          years: { year: number; costOre: number; savingOre: number }[];
        };
      }[];
    }>(people.finance101, query, { reps, a: assumptions });
    const kase = answer.body.data!._entities[0]!;
    expect(kase.compensation.status).toBe('BILLED');
    // Year 0: the grant (40,000.01 kr); years 1-4: the compensation; from year 1, one adult in work saves 200,000 kr.
    expect(kase.businessCase.years.slice(0, 3)).toEqual([
      { year: 0, costOre: 4_000_001, savingOre: 0 },
      { year: 1, costOre: 9_500_000, savingOre: 20_000_000 },
      { year: 2, costOre: 7_125_000, savingOre: 20_000_000 },
    ]);
    expect(kase.businessCase.netPresentValueOre).toBe(5 * 20_000_000 - 4_000_001 - 23_750_000);
    expect(kase.businessCase.breakEvenYear).toBe(1);
    const caseworker = await platform.subgraph('finance').query(people.caseworker101, query, { reps, a: assumptions });
    expect(caseworker.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('tenant isolation', () => {
  test('a finance officer cannot read another municipality’s statement', async () => {
    expectError(
      await as(platform, people.finance751).call(STATEMENT, {
        party: { kind: 'MUNICIPALITY', id: '101' },
        period: '2025Q1',
      }),
      'FORBIDDEN',
    );
    expectError(
      await as(platform, people.caseworker101).call(STATEMENT, {
        party: { kind: 'MUNICIPALITY', id: '101' },
        period: '2025Q1',
      }),
      'FORBIDDEN',
    );
    const admin = await statement(people.admin, '101', '2025Q1');
    expect(admin?.lines.length).toBeGreaterThan(0);
  });

  test('row-level security refuses another tenant even to hand-written SQL', async () => {
    const parties = await asTenant(db(), people.finance751, (em) =>
      em.query<{ party: string }[]>('SELECT DISTINCT party FROM ledger_line ORDER BY party'),
    );
    expect(parties).toEqual([{ party: 'MUNICIPALITY:751' }]);
    const counterparts = await asTenant(db(), people.finance751, (em) =>
      em.query<{ n: string }[]>(`SELECT count(*) AS n FROM ledger_line WHERE party = 'MUNICIPALITY:101'`),
    );
    expect(counterparts).toEqual([{ n: '0' }]);
    // 751 pays no share of C1's grant and is not its sender: the grant does not exist for it.
    const grants = await asTenant(db(), people.finance751, (em) =>
      em.query<unknown[]>('SELECT * FROM moving_grant WHERE id = $1', [grantId]),
    );
    expect(grants).toEqual([]);
    const agreements = await asTenant(db(), people.finance751, (em) =>
      em.query<{ name: string }[]>('SELECT name FROM agreement ORDER BY name'),
    );
    expect(agreements.map((a) => a.name)).not.toContain('Aftale 101-461');
    const transfers = await asTenant(db(), people.finance751, (em) =>
      em.query<{ party_keys: string[] }[]>('SELECT party_keys FROM settlement_transfer'),
    );
    expect(transfers.every((t) => t.party_keys.includes('MUNICIPALITY:751'))).toBe(true);
    // Nothing at all for a role with no books, and the tenant may not write.
    const evaluator = await asTenant(db(), people.evaluator, (em) => em.query<unknown[]>('SELECT * FROM ledger_line'));
    expect(evaluator).toEqual([]);
    await expect(
      asTenant(db(), people.finance751, (em) =>
        em.query(
          `INSERT INTO received_event (event_id, type, version, sequence, outcome, payload) VALUES ($1, 'x', 1, 1, 'x', '{}')`,
          [randomUUID()],
        ),
      ),
    ).rejects.toThrow(/permission denied/);
    // The platform administrator sees every party.
    const all = await asTenant(db(), people.admin, (em) =>
      em.query<{ n: string }[]>('SELECT count(DISTINCT party) AS n FROM ledger_line'),
    );
    expect(Number(all[0]?.n)).toBeGreaterThan(3);
  });
});

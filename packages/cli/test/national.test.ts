// The synthetic national data set: reproducible from its seed, every case's history a walk through the case's
// state machine, and, written into the four services' databases, what the services read back through the real
// gateway: a caseworker's full dashboard page (household, home, area with status and indicators, offers with their
// units, grant and compensation), a letting officer's vacancy board, an evaluator's ten-year area trend, personal
// data that decrypts and is found by its CPR hash, a balanced ledger from finance's own settlement runs.
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { type CaseAction, transition } from '@second-chance/households/src/domain/case-lifecycle';
import { housingSubgraph } from '@second-chance/housing';
import { todayInDenmark } from '@second-chance/service-kit';
import { type TestPlatform, as, startTestPlatform } from '@second-chance/testing';
import { type NationalDataSetSummary, generateFor, loadNationalDataSet } from '../src/national';
import { CASE_STATES } from '../src/national/generate';

const keys = generateKeys();
const AS_OF = '2026-11-21';
/** Small, yet the busiest municipality sends more than a page of cases. */
const SCALE = 0.02;
const SEED = 7;

describe('the generated data set', () => {
  const { data } = generateFor({ seed: SEED, scale: 0.005, asOf: AS_OF, keys });

  test('the same seed, scale and day give the same rows; another seed other rows', () => {
    const again = generateFor({ seed: SEED, scale: 0.005, asOf: AS_OF, keys }).data;
    expect(again.households.cases).toEqual(data.households.cases);
    expect(again.housing.units).toEqual(data.housing.units);
    expect(again.finance.entitlements).toEqual(data.finance.entitlements);
    const other = generateFor({ seed: SEED + 1, scale: 0.005, asOf: AS_OF, keys }).data;
    expect(other.households.cases.map((c) => c.id)).not.toEqual(data.households.cases.map((c) => c.id));
  });

  test('cases in every state, each history a walk through the state machine that ends in the case’s state', () => {
    expect(new Set(data.households.cases.map((c) => c.state))).toEqual(new Set(CASE_STATES));
    const history = new Map<
      string,
      { action: string; fromState: string | null; toState: string; occurredAt: number }[]
    >();
    for (const e of data.households.caseEvents) history.set(e.caseId, [...(history.get(e.caseId) ?? []), e]);
    for (const kase of data.households.cases) {
      const events = history.get(kase.id) ?? [];
      expect(events[0]).toMatchObject({ action: 'NOMINATE', fromState: null, toState: 'NOMINATED' });
      let state = 'NOMINATED';
      for (const event of events.slice(1)) {
        const next = transition(state as never, event.action as CaseAction);
        expect(next).toEqual({ to: event.toState });
        expect(event.fromState).toBe(state);
        state = event.toState;
      }
      expect(state).toBe(kase.state);
      expect(kase.version).toBe(events.length);
      // In time order, and all before the day's "now".
      const times = events.map((e) => e.occurredAt);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(Math.max(...times)).toBeLessThanOrEqual(data.now);
    }
    // Offers in every status, at most one active per case and per vacancy.
    expect(new Set(data.households.offers.map((o) => o.status))).toEqual(
      new Set(['RESERVING', 'PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN', 'FAILED']),
    );
  });
});

describe('loaded into the services, read through the gateway', () => {
  let platform: TestPlatform;
  let summary: NationalDataSetSummary;

  beforeAll(async () => {
    platform = await startTestPlatform([
      housingSubgraph,
      createEvaluationSubgraph({ eventSecrets: [] }),
      createHouseholdsSubgraph({ keys, offerResponseDays: 5, subscribers: [] }),
      createFinanceSubgraph({ eventSecrets: [] }),
    ]);
    const url = (name: string) => platform.subgraph(name).databaseUrl;
    summary = await loadNationalDataSet({
      databases: {
        housing: url('housing'),
        households: url('households'),
        finance: url('finance'),
        evaluation: url('evaluation'),
      },
      seed: SEED,
      scale: SCALE,
      // Today: the offers awaiting an answer are still open when the test answers one.
      asOf: todayInDenmark(),
      keys,
      analyze: false,
    });
  }, 60_000);
  afterAll(() => platform?.close());

  const DASHBOARD = `query ($first: Int!, $year: Int!, $states: [CaseState!]) {
    relocationCases(first: $first, filter: { role: SENDING, states: $states }) {
      totalCount
      nodes {
        id state receivingMunicipalityCode moveDate
        household {
          id size adults children needs { minRooms }
          home { id rooms address { text } department { area { id name officialStatus { year status }
            indicators(fromYear: $year, toYear: $year) { year residents outsideWorkOrEducationPct } } } }
        }
        offers { id status vacancy { id status unit { id rooms department { area { id officialStatus { status } } } } } }
        grant { id status requestedOre approvedOre paidOre }
        compensation { id status yearlyOre }
      }
    }
  }`;

  interface DashboardCase {
    id: string;
    state: string;
    receivingMunicipalityCode: string | null;
    household: {
      id: string;
      size: number;
      home: {
        id: string;
        department: { area: { id: string; officialStatus: { status: string } | null; indicators: { year: number }[] } };
      } | null;
    };
    offers: {
      id: string;
      status: string;
      vacancy: { id: string; unit: { id: string; department: { area: { id: string } } } };
    }[];
    grant: { id: string; status: string } | null;
    compensation: { id: string; status: string } | null;
  }

  test('a caseworker’s dashboard: a full page of the municipality’s cases, nested across all four subgraphs', async () => {
    const caseworker = as(platform, summary.caseworker.identity);
    const year = summary.indicatorYears.to;
    const { relocationCases } = await caseworker.ok<{
      relocationCases: { totalCount: number; nodes: DashboardCase[] };
    }>(DASHBOARD, { first: 50, year });
    expect(summary.caseworker.cases).toBeGreaterThan(50);
    expect(relocationCases.totalCount).toBe(summary.caseworker.cases);
    expect(relocationCases.nodes).toHaveLength(50);

    // The cases that have had an offer accepted: each with its accepted offer's unit and area, and the money.
    const moved = await caseworker.ok<{ relocationCases: { totalCount: number; nodes: DashboardCase[] } }>(DASHBOARD, {
      first: 50,
      year,
      states: ['ACCEPTED', 'MOVED', 'FOLLOW_UP', 'CLOSED'],
    });
    const pages = [...relocationCases.nodes, ...moved.relocationCases.nodes];
    const ids = pages.map((c) => c.id);
    const finance = platform.subgraph('finance').owner;
    const withGrant = new Set(
      (
        await finance.query<{ case_id: string }[]>('SELECT case_id FROM moving_grant WHERE case_id = ANY($1)', [ids])
      ).map((r) => r.case_id),
    );
    const withCompensation = new Set(
      (
        await finance.query<{ case_id: string }[]>(
          'SELECT case_id FROM compensation_entitlement WHERE case_id = ANY($1)',
          [ids],
        )
      ).map((r) => r.case_id),
    );
    const households = platform.subgraph('households').owner;
    const offerCounts = new Map(
      (
        await households.query<{ case_id: string; n: number }[]>(
          `SELECT case_id, count(*)::int AS n FROM offer WHERE case_id = ANY($1) AND status <> 'FAILED' GROUP BY case_id`,
          [ids],
        )
      ).map((r) => [r.case_id, r.n]),
    );
    const homes = new Map(
      (
        await households.query<{ id: string; home_unit_id: string | null }[]>(
          'SELECT h.id, h.home_unit_id FROM household h JOIN relocation_case c ON c.household_id = h.id WHERE c.id = ANY($1)',
          [ids],
        )
      ).map((r) => [r.id, r.home_unit_id]),
    );
    for (const kase of pages) {
      expect(kase.household.size).toBeGreaterThan(0);
      expect(kase.household.home?.id ?? null).toBe(homes.get(kase.household.id));
      if (kase.household.home)
        expect(kase.household.home.department.area.indicators).toEqual([expect.objectContaining({ year })]);
      expect(kase.grant !== null).toBe(withGrant.has(kase.id));
      // Compensation is for finance officers: a caseworker sees none (below, the finance officer's list).
      expect(kase.compensation).toBeNull();
      // Every offer the case was made (a failed reservation is no offer to the household) resolves to its unit.
      expect(kase.offers.filter((o) => o.status !== 'FAILED')).toHaveLength(offerCounts.get(kase.id) ?? 0);
      for (const offer of kase.offers) expect(offer.vacancy.unit.department.area.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(moved.relocationCases.nodes).toHaveLength(Math.min(50, moved.relocationCases.totalCount));
    for (const kase of moved.relocationCases.nodes) {
      expect(kase.receivingMunicipalityCode).not.toBe(summary.caseworker.municipalityCode);
      expect(kase.offers.some((o) => o.status === 'ACCEPTED')).toBe(true);
      expect(withCompensation.has(kase.id)).toBe(kase.state !== 'ACCEPTED');
    }
    expect(moved.relocationCases.nodes.filter((c) => c.grant !== null).length).toBeGreaterThan(0);
  });

  test('personal data decrypts with the service’s keys, and a member is found by the CPR hash', async () => {
    const caseworker = as(platform, summary.caseworker.identity);
    const { households } = await caseworker.ok<{
      households: { nodes: { id: string; members: { birthDate: string; cpr: string }[] }[] };
    }>(`{ households(first: 5) { nodes { id members { birthDate cpr(reveal: true) } } } }`);
    const [first] = households.nodes;
    const member = first!.members[0]!;
    const [year, month, day] = member.birthDate.split('-');
    expect(member.cpr).toMatch(new RegExp(`^${day}${month}${year!.slice(2)}-\\d{4}$`));
    const { householdByCpr } = await caseworker.ok<{ householdByCpr: { id: string } | null }>(
      `query ($cpr: String!) { householdByCpr(cpr: $cpr) { id } }`,
      { cpr: member.cpr },
    );
    expect(householdByCpr).toEqual({ id: first!.id });
  });

  test('a letting officer’s vacancy board: the organisation’s open and reserved vacancies, with the offers made', async () => {
    const { vacancies } = await as(platform, summary.lettingOfficer.identity).ok<{
      vacancies: {
        totalCount: number;
        nodes: { status: string; unit: { id: string }; offers: { household: { size: number } }[] | null }[];
      };
    }>(
      `query ($organisationId: ID!) {
        vacancies(filter: { organisationId: $organisationId, statuses: [OPEN, RESERVED] }, first: 50) {
          totalCount
          nodes { status unit { id department { area { id officialStatus { status } } } } offers { household { size } } }
        }
      }`,
      { organisationId: summary.lettingOfficer.organisationId },
    );
    expect(vacancies.totalCount).toBe(summary.lettingOfficer.openVacancies);
    expect(vacancies.nodes).toHaveLength(Math.min(50, summary.lettingOfficer.openVacancies));
    expect(vacancies.nodes.length).toBeGreaterThan(10);
  });

  test('an evaluator’s area trend: ten years of indicators for every area, and the classification of the latest list', async () => {
    const evaluator = as(platform, summary.evaluator.identity);
    const { housingAreas } = await evaluator.ok<{
      housingAreas: { totalCount: number; nodes: { id: string; indicators: { year: number }[] }[] };
    }>(
      `query ($from: Int!, $to: Int!) {
        housingAreas(first: 50) {
          totalCount
          nodes { id residentCount municipality { code } officialStatuses { year status } indicators(fromYear: $from, toYear: $to) { year } }
        }
      }`,
      { from: summary.indicatorYears.from, to: summary.indicatorYears.to },
    );
    expect(housingAreas.totalCount).toBe(summary.areas.ids.length);
    for (const area of housingAreas.nodes) expect(area.indicators).toHaveLength(10);
    const { areaClassifications } = await evaluator.ok<{ areaClassifications: { totalCount: number } }>(
      `query ($year: Int!) { areaClassifications(year: $year, first: 10) { totalCount } }`,
      { year: summary.latestListYear },
    );
    expect(areaClassifications.totalCount).toBe(summary.areas.ids.length);
  });

  test('the books: finance’s own settlement runs balanced the ledger; evaluation followed every case', async () => {
    const finance = platform.subgraph('finance').owner;
    const [books] = await finance.query<{ runs: number; unbalanced: number; lines: number }[]>(
      `SELECT (SELECT count(*)::int FROM settlement_run) AS runs,
              (SELECT count(*)::int FROM ledger_line) AS lines,
              (SELECT count(*)::int FROM (SELECT entry_id FROM ledger_line GROUP BY entry_id HAVING sum(amount_ore) <> 0) e) AS unbalanced`,
    );
    expect(books).toEqual({ runs: 4, unbalanced: 0, lines: summary.rows['finance.ledger_line'] });
    expect(books!.lines).toBeGreaterThan(0);
    // The municipality's finance officer sees its grants and the compensation of its cases.
    const key = `MUNICIPALITY:${summary.financeOfficer.municipalityCode}`;
    const [own] = await finance.query<{ grants: number; entitlements: number }[]>(
      `SELECT (SELECT count(*)::int FROM moving_grant WHERE $1 = ANY(party_keys)) AS grants,
              (SELECT count(*)::int FROM compensation_entitlement WHERE $1 = ANY(party_keys)) AS entitlements`,
      [key],
    );
    const money = await as(platform, summary.financeOfficer.identity).ok<{
      grants: { nodes: { id: string }[] };
      compensationEntitlements: { nodes: { case: { id: string }; yearlyOre: number }[] };
    }>(
      `{ grants(first: 100) { nodes { id } } compensationEntitlements(first: 100) { nodes { case { id } yearlyOre } } }`,
    );
    expect(own!.grants).toBeGreaterThan(0);
    expect(money.grants.nodes).toHaveLength(Math.min(100, own!.grants));
    expect(money.compensationEntitlements.nodes).toHaveLength(Math.min(100, own!.entitlements));

    const [evaluation] = await platform
      .subgraph('evaluation')
      .owner.query<{ participations: number; moves: number }[]>(
        'SELECT (SELECT count(*)::int FROM participation) AS participations, (SELECT count(*)::int FROM in_move) AS moves',
      );
    const [households] = await platform.subgraph('households').owner.query<{ cases: number; moves: number }[]>(
      `SELECT (SELECT count(*)::int FROM relocation_case) AS cases,
                (SELECT count(*)::int FROM domain_event WHERE type = 'relocation-case.moved') AS moves`,
    );
    expect(evaluation).toEqual({ participations: households!.cases, moves: households!.moves });
    // The outbox numbers on after the loaded events.
    const [next] = await platform
      .subgraph('households')
      .owner.query<{ next: string; max: string }[]>(
        `SELECT nextval(pg_get_serial_sequence('domain_event', 'sequence'))::text AS next, (SELECT max(sequence) FROM domain_event)::text AS max`,
      );
    expect(Number(next!.next)).toBe(Number(next!.max) + 1);
  });

  test('the loaded cases go on through the API: an offer is accepted, a follow-up starts, a relocation is declined', async () => {
    const households = platform.subgraph('households').owner;
    const code = summary.caseworker.municipalityCode;
    const one = async (sql: string) => {
      const [row] = await households.query<{ id: string }[]>(sql, [code]);
      if (!row) throw new Error(`nothing found by ${sql}`);
      return row.id;
    };
    const offerId = await one(
      `SELECT o.id FROM offer o JOIN relocation_case c ON c.id = o.case_id
        WHERE c.sending_municipality_code = $1 AND c.state = 'OFFERED' AND o.status = 'PENDING' ORDER BY o.id LIMIT 1`,
    );
    const moved = await one(
      `SELECT id FROM relocation_case WHERE sending_municipality_code = $1 AND state = 'MOVED' ORDER BY id LIMIT 1`,
    );
    const searching = await one(
      `SELECT id FROM relocation_case WHERE sending_municipality_code = $1 AND state = 'SEARCHING' ORDER BY id LIMIT 1`,
    );
    const caseworker = as(platform, summary.caseworker.identity);
    const { acceptOffer } = await caseworker.ok<{ acceptOffer: { status: string; case: { state: string } } }>(
      `mutation ($id: ID!) { acceptOffer(offerId: $id) { status case { state } } }`,
      { id: offerId },
    );
    expect(acceptOffer).toEqual({ status: 'ACCEPTED', case: { state: 'ACCEPTED' } });
    const { startFollowUp } = await caseworker.ok<{ startFollowUp: { state: string } }>(
      `mutation ($id: ID!) { startFollowUp(caseId: $id) { state } }`,
      { id: moved },
    );
    expect(startFollowUp.state).toBe('FOLLOW_UP');
    const { declineRelocation } = await caseworker.ok<{
      declineRelocation: { state: string; history: { action: string }[] };
    }>(
      `mutation ($id: ID!) { declineRelocation(caseId: $id, reason: "The family stays") { state history { action } } }`,
      { id: searching },
    );
    expect(declineRelocation.state).toBe('DECLINED');
    expect(declineRelocation.history[0]?.action).toBe('NOMINATE');
    expect(declineRelocation.history.at(-1)?.action).toBe('DECLINE_RELOCATION');
  });
});

// `pnpm bench --only settlement`: how long a quarterly settlement run of the finance subgraph takes at national
// scale. Method (docs/performance.md): a scratch database migrated with the finance module; a synthetic data set
// from a seeded generator (98 municipalities, 100,000 billed compensation entitlements, 10,000 paid grants),
// written in bulk; then the four quarters of 2025 settled in order with `runSettlement`, each timed together with
// the statements it sends; the ledger checked after each run and reproduced from its lines at the end.
//
// The finance service runs in this process (an exception in .dependency-cruiser.cjs allows this file alone to
// import it): the run is measured without HTTP and GraphQL in front of it. The rules it builds
// its data with come from the package's entry point too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type DatabaseOptions, createDataSource, runMigrations, workspaceRoot } from '@second-chance/db';
import {
  type CompensationPolicy,
  compensationSchedule,
  createFinanceSubgraph,
  reproduceRuns,
  runSettlement,
  splitAmount,
  yearlyAmount,
} from '@second-chance/finance';
import { generator, scratchDatabase, seconds, thousands } from './bench-common';

export interface SettlementBenchOptions {
  /** Billed compensation entitlements (100,000). */
  entitlements: number;
  /** Approved grants, each paid in one payment in 2025 (10,000). */
  grants: number;
  /** The generator's seed: the same seed gives the same data set. */
  seed: number;
  say: (text: string) => void;
}

const PERIODS = ['2025Q1', '2025Q2', '2025Q3', '2025Q4'];
/** The day the runs are made: after the last quarter has ended (a run refuses a period that has not). */
const RUN_DAY = '2026-11-21';
/** Rows per INSERT statement, as the settlement writes its ledger. */
const CHUNK = 5_000;
/** Housing organisations per municipality, named `ho-<code>-<n>`. */
const ORGANISATIONS_PER_MUNICIPALITY = 2;
/** The share of households that move into a housing organisation's home (and bring department compensation). */
const ORGANISATION_SHARE = 0.2;

/** The test suite's policy (services/finance/test/helpers.ts): 25,000 kr + 40,000 kr per adult outside the
 * labour market + 15,000 kr per child a year, tapering 100 / 75 / 50 / 25 % over four years. */
const COMPENSATION_POLICY: CompensationPolicy & {
  billing: 'BILL';
  claimDeadlineDays: number;
  departmentCompensationOre: number;
} = {
  baseYearlyOre: 2_500_000,
  perAdultOutsideLabourMarketYearlyOre: 4_000_000,
  perChildYearlyOre: 1_500_000,
  taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
  billing: 'BILL',
  claimDeadlineDays: 730,
  departmentCompensationOre: 1_000_000,
};
/** Grants split 50/50 between the receiving housing organisation and the sending municipality. */
const GRANT_POLICY = {
  maxGrantOre: 5_000_000,
  budgetOre: null,
  payers: [
    { role: 'RECEIVING_HOUSING_ORGANISATION', party: null, basisPoints: 5_000 },
    { role: 'SENDING_MUNICIPALITY', party: null, basisPoints: 5_000 },
  ],
};

type Db = ReturnType<typeof createDataSource>;
type SqlLogger = NonNullable<DatabaseOptions['logger']>;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Denmark's 98 municipality codes, from the housing service's reference data. */
function municipalityCodes(root: string): string[] {
  const file = join(root, 'services', 'housing', 'src', 'seed', 'municipalities.tsv');
  const codes = readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter((code) => /^\d{3}$/.test(code));
  if (codes.length !== 98) throw new Error(`expected 98 municipality codes in ${file}, found ${codes.length}`);
  return codes;
}

// ---------------------------------------------------------------------------------------------------------------
// The data set

interface DataSet {
  codes: string[];
  organisations: string[];
  entitlements: unknown[][];
  entitlementCount: number;
  withOrganisation: number;
  grants: unknown[][];
  payments: unknown[][];
  grantCount: number;
}

function generate(options: SettlementBenchOptions, codes: string[]): DataSet {
  const random = generator(options.seed);
  const organisationsOf = (code: string) =>
    Array.from({ length: ORGANISATIONS_PER_MUNICIPALITY }, (_, i) => `ho-${code}-${i + 1}`);
  const firstMove = dayNumber('2024-01-01');
  const lastMove = dayNumber('2025-12-31');
  const firstPayment = dayNumber('2025-01-01');

  // id, case, source event, sending, receiving, organisation, unit, party keys, move date, adults, children,
  // adults outside the labour market, yearly, schedule, total, department compensation, days to the claim.
  const e: unknown[][] = Array.from({ length: 17 }, () => []);
  const grantable: { caseId: string; sending: string; receiving: string; organisation: string; move: number }[] = [];
  for (let n = 0; n < options.entitlements; n++) {
    const sending = random.pick(codes);
    let receiving = random.pick(codes);
    while (receiving === sending) receiving = random.pick(codes);
    const move = random.int(firstMove, lastMove);
    const moveDate = dateOf(move);
    const adults = random.int(1, 3);
    const composition = { adults, children: random.int(0, 4), adultsOutsideLabourMarket: random.int(0, adults) };
    const schedule = compensationSchedule(COMPENSATION_POLICY, composition, moveDate);
    const organisation = random.next() < ORGANISATION_SHARE ? random.pick(organisationsOf(receiving)) : null;
    const caseId = random.uuid();
    const keys = [`MUNICIPALITY:${sending}`, `MUNICIPALITY:${receiving}`];
    if (organisation) keys.push(`HOUSING_ORGANISATION:${organisation}`);
    [
      random.uuid(),
      caseId,
      random.uuid(),
      sending,
      receiving,
      organisation,
      organisation ? random.uuid() : null,
      `{${keys.join(',')}}`,
      moveDate,
      composition.adults,
      composition.children,
      composition.adultsOutsideLabourMarket,
      yearlyAmount(COMPENSATION_POLICY, composition),
      JSON.stringify(schedule),
      schedule.reduce((sum, year) => sum + year.amountOre, 0),
      organisation ? COMPENSATION_POLICY.departmentCompensationOre : 0,
      random.int(1, 90),
    ].forEach((value, i) => e[i]?.push(value));
    if (organisation) grantable.push({ caseId, sending, receiving, organisation, move });
  }

  // Grants for the first cases that moved into a housing organisation's home (the organisation pays half).
  // grant: id, case, sending, receiving, organisation, party keys, amount, shares; payment: id, grant, keys, day.
  const g: unknown[][] = Array.from({ length: 8 }, () => []);
  const p: unknown[][] = Array.from({ length: 5 }, () => []);
  const granted = grantable.slice(0, options.grants);
  for (const c of granted) {
    const id = random.uuid();
    const amount = random.int(500_000, GRANT_POLICY.maxGrantOre);
    const organisationKey = `HOUSING_ORGANISATION:${c.organisation}`;
    const sendingKey = `MUNICIPALITY:${c.sending}`;
    const shares = splitAmount(amount, [
      { payer: organisationKey, basisPoints: 5_000 },
      { payer: sendingKey, basisPoints: 5_000 },
    ]);
    const keys = `{${sendingKey},${organisationKey}}`;
    [id, c.caseId, c.sending, c.receiving, c.organisation, keys, amount, JSON.stringify(shares)].forEach((value, i) =>
      g[i]?.push(value),
    );
    const paidOn = dateOf(random.int(Math.max(firstPayment, c.move), lastMove));
    [random.uuid(), id, keys, paidOn, amount].forEach((value, i) => p[i]?.push(value));
  }
  return {
    codes,
    organisations: codes.flatMap(organisationsOf),
    entitlements: e,
    entitlementCount: options.entitlements,
    withOrganisation: grantable.length,
    grants: g,
    payments: p,
    grantCount: granted.length,
  };
}

async function insertChunked(db: Db, sql: string, columns: unknown[][], constants: unknown[] = []): Promise<void> {
  const length = columns[0]?.length ?? 0;
  for (let start = 0; start < length; start += CHUNK) {
    await db.query(sql, [...columns.map((column) => column.slice(start, start + CHUNK)), ...constants]);
  }
}

async function insertDataSet(db: Db, data: DataSet): Promise<void> {
  const agreementId = '00000000-0000-4000-8000-00000000a001';
  const versionId = '00000000-0000-4000-8000-00000000a002';
  const parties = [
    ...data.codes.map((id) => ({ kind: 'MUNICIPALITY', id })),
    ...data.organisations.map((id) => ({ kind: 'HOUSING_ORGANISATION', id })),
  ];
  const partyKeys = parties.map((party) => `${party.kind}:${party.id}`);
  await db.query(
    `INSERT INTO agreement (id, name, parties, party_keys, valid_from, created_by_organisation, created_by)
     VALUES ($1, 'Landsdækkende samarbejdsaftale (benchmark)', $2::jsonb, $3::text[], '2024-01-01', 'PLATFORM:sc', 'bench')`,
    [agreementId, JSON.stringify(parties), partyKeys],
  );
  await db.query(
    `INSERT INTO agreement_version (id, agreement_id, version, effective_from, party_keys, grant_policy, compensation_policy, created_by)
     VALUES ($1, $2, 1, '2024-01-01', $3::text[], $4::jsonb, $5::jsonb, 'bench')`,
    [versionId, agreementId, partyKeys, JSON.stringify(GRANT_POLICY), JSON.stringify(COMPENSATION_POLICY)],
  );
  await insertChunked(
    db,
    `INSERT INTO compensation_entitlement (id, case_id, source_event_id, agreement_id, agreement_version_id,
       agreement_version, household_pseudonym, sending_municipality_code, receiving_municipality_code,
       receiving_housing_organisation_id, to_unit_id, party_keys, move_date, adults, children,
       adults_outside_labour_market, yearly_ore, schedule, total_ore, department_compensation_ore, billing, status,
       claim_deadline, claimed_on, decided_by)
     SELECT id, case_id, source_event_id, $18, $19, 1, 'hp-' || left(case_id::text, 8), sending, receiving,
            organisation, unit, keys::text[], move_date, adults, children, outside, yearly, schedule::jsonb, total,
            department, 'BILL', 'BILLED', move_date + 730, move_date + claimed_after, 'bench-finance-officer'
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[],
                   $9::date[], $10::int[], $11::int[], $12::int[], $13::bigint[], $14::text[], $15::bigint[],
                   $16::bigint[], $17::int[])
            AS t(id, case_id, source_event_id, sending, receiving, organisation, unit, keys, move_date, adults,
                 children, outside, yearly, schedule, total, department, claimed_after)`,
    data.entitlements,
    [agreementId, versionId],
  );
  await insertChunked(
    db,
    `INSERT INTO moving_grant (id, case_id, agreement_id, agreement_version_id, agreement_version,
       sending_municipality_code, receiving_municipality_code, receiving_housing_organisation_id, party_keys, status,
       requested_ore, approved_ore, paid_ore, shares, purpose, applied_by, decided_by, decided_at)
     SELECT id, case_id, $9, $10, 1, sending, receiving, organisation, keys::text[], 'PAID', amount, amount, amount,
            shares::jsonb, 'Flytning og etablering', 'bench-caseworker', 'bench-finance-officer', now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[])
            AS t(id, case_id, sending, receiving, organisation, keys, amount, shares)`,
    data.grants,
    [agreementId, versionId],
  );
  await insertChunked(
    db,
    `INSERT INTO grant_payment (id, grant_id, party_keys, paid_on, amount_ore, idempotency_key, recorded_by)
     SELECT id, grant_id, keys::text[], paid_on, amount, 'bench-' || grant_id, 'bench-finance-officer'
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::bigint[])
            AS t(id, grant_id, keys, paid_on, amount)`,
    data.payments,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Where a run's time goes: every statement's duration (TypeORM reports those above `slowStatementMs`), by phase

const PHASES: [string, RegExp][] = [
  ['entitlements', /FROM\s+compensation_entitlement\s+WHERE\s+status\s*=\s*'BILLED'/],
  ['departments', /department_compensation_ore\s*>\s*0/],
  ['grants', /FROM\s+moving_grant\s+g\s+JOIN\s+grant_payment/],
  ['posted', /FROM\s+ledger_line\s+GROUP\s+BY\s+kind/],
  ['entries', /^\s*INSERT\s+INTO\s+ledger_entry/],
  ['lines', /^\s*INSERT\s+INTO\s+ledger_line/],
  ['transfers', /^\s*INSERT\s+INTO\s+settlement_transfer/],
  ['commit', /^\s*COMMIT/],
];

class StatementTimes implements SqlLogger {
  times = new Map<string, number>();

  phaseOf(query: string): string {
    return PHASES.find(([, pattern]) => pattern.test(query))?.[0] ?? 'other';
  }
  reset(): void {
    this.times = new Map();
  }
  total(): number {
    return [...this.times.values()].reduce((sum, ms) => sum + ms, 0);
  }
  logQuerySlow(time: number, query: string): void {
    const phase = this.phaseOf(query);
    this.times.set(phase, (this.times.get(phase) ?? 0) + time);
  }
  logQuery(): void {}
  logQueryError(error: string | Error, query: string): void {
    console.error(`statement failed: ${error instanceof Error ? error.message : error}\n${query.slice(0, 300)}`);
  }
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

interface RunFigures {
  period: string;
  wallMs: number;
  entries: number;
  lines: number;
  sum: string;
  transfers: number;
  parties: number;
  phases: Map<string, number>;
  sqlMs: number;
}

/** Runs the benchmark and prints its figures; false when a check failed (the ledger, netting, reproduction). */
export async function benchSettlement(options: SettlementBenchOptions): Promise<boolean> {
  const { say } = options;
  const codes = municipalityCodes(workspaceRoot());
  let ok = true;
  const setupStarted = performance.now();
  const database = await scratchDatabase('settlement');
  const times = new StatementTimes();
  const finance = createFinanceSubgraph({ eventSecrets: [] });
  const db = createDataSource({
    url: database.url,
    entities: finance.entities,
    migrations: finance.migrations,
    logger: times,
    // Time every statement that takes 1 ms or more (TypeORM measures in whole milliseconds).
    slowStatementMs: 0.5,
    applicationName: 'second-chance-bench-settlement',
  });
  try {
    await db.initialize();
    await runMigrations(db);
    const ready = performance.now();
    say(`\nsettlement: ${database.description}, migrated with the finance module`);
    const data = generate(options, codes);
    const generated = performance.now();
    await insertDataSet(db, data);
    const inserted = performance.now();
    // What autovacuum does to a table soon after bulk inserts: statistics and the visibility map.
    await db.query('VACUUM (ANALYZE) compensation_entitlement, moving_grant, grant_payment, agreement');
    const setupDone = performance.now();
    say(
      `data set: ${data.codes.length} municipalities, ${data.organisations.length} housing organisations, ` +
        `${thousands(data.entitlementCount)} billed entitlements moved 2024-01-01..2025-12-31 ` +
        `(${thousands(data.withOrganisation)} into a housing organisation's home, with department compensation), ` +
        `${thousands(data.grantCount)} grants paid in 2025 (seed ${options.seed})`,
    );
    say(
      `setup: ${seconds(setupDone - setupStarted)} (database and migrations ${seconds(ready - setupStarted)}, ` +
        `generated ${seconds(generated - ready)}, inserted ${seconds(inserted - generated)}, ` +
        `vacuum and analyze ${seconds(setupDone - inserted)})\n`,
    );

    const runs: RunFigures[] = [];
    const runIds: string[] = [];
    for (const period of PERIODS) {
      times.reset();
      const started = performance.now();
      const { run } = await runSettlement(db, period, 'bench', RUN_DAY);
      const wallMs = performance.now() - started;
      // A copy: the checks below send statements too.
      const phases = new Map(times.times);
      const sqlMs = times.total();
      runIds.push(run.id);
      const [lines] = await db.query<{ n: number; total: string }[]>(
        'SELECT count(*)::int AS n, coalesce(sum(amount_ore), 0)::text AS total FROM ledger_line WHERE run_id = $1',
        [run.id],
      );
      const [parties] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM (SELECT party FROM ledger_line WHERE run_id = $1
           GROUP BY party HAVING sum(amount_ore) <> 0) AS p`,
        [run.id],
      );
      const [transfers] = await db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM settlement_transfer WHERE run_id = $1',
        [run.id],
      );
      const figures: RunFigures = {
        period,
        wallMs,
        entries: run.entries,
        lines: lines?.n ?? 0,
        sum: lines?.total ?? '?',
        transfers: transfers?.n ?? 0,
        parties: parties?.n ?? 0,
        phases,
        sqlMs,
      };
      runs.push(figures);
      say(
        `  ${period}: ${thousands(wallMs)} ms, ${thousands(figures.entries)} entries, ` +
          `${thousands(figures.lines)} lines, ${figures.transfers} transfers`,
      );
    }

    const check = (r: RunFigures) => r.sum === '0' && r.transfers <= Math.max(0, r.parties - 1) && r.lines > 0;
    say('\nrun        wall ms   entries   ledger lines   line sum   transfers   parties ≠ 0   transfers ≤ n−1');
    for (const r of runs) {
      if (!check(r)) ok = false;
      say(
        `  ${r.period.padEnd(7)} ${thousands(r.wallMs).padStart(8)} ${thousands(r.entries).padStart(9)} ` +
          `${thousands(r.lines).padStart(14)} ${r.sum.padStart(10)} ${String(r.transfers).padStart(11)} ` +
          `${String(r.parties).padStart(13)}   ${r.transfers <= Math.max(0, r.parties - 1) ? 'yes' : 'NO'}`,
      );
    }
    const total = (pick: (r: RunFigures) => number) => runs.reduce((sum, r) => sum + pick(r), 0);
    say(
      `  ${'total'.padEnd(7)} ${thousands(total((r) => r.wallMs)).padStart(8)} ` +
        `${thousands(total((r) => r.entries)).padStart(9)} ${thousands(total((r) => r.lines)).padStart(14)} ` +
        `${(runs.every((r) => r.sum === '0') ? '0' : 'NOT 0').padStart(10)} ` +
        `${String(total((r) => r.transfers)).padStart(11)}`,
    );

    const order = [...PHASES.map(([name]) => name), 'other'];
    say('\nwhere the time goes (ms): statements of the run by what they do, and the rest in Node');
    say(`  run     ${order.map((name) => name.padStart(12)).join('')}     in Node`);
    for (const r of runs) {
      say(
        `  ${r.period} ${order.map((name) => thousands(r.phases.get(name) ?? 0).padStart(12)).join('')}` +
          `${thousands(r.wallMs - r.sqlMs).padStart(12)}`,
      );
    }

    const reproduceStarted = performance.now();
    const reproduced = await reproduceRuns(db, runIds);
    const reproduceMs = performance.now() - reproduceStarted;
    const allReproduced = runIds.every((id) => reproduced.get(id) === true);
    if (!allReproduced) ok = false;
    say(
      `\nreproduceRuns (${runIds.length} runs from their ${thousands(total((r) => r.lines))} lines): ` +
        `${thousands(reproduceMs)} ms, ${allReproduced ? 'every run reproduced' : 'NOT REPRODUCED'}`,
    );
    say(`settlement checks: ${ok ? 'passed' : 'FAILED'}`);
    return ok;
  } finally {
    if (db.isInitialized) await db.destroy();
    await database.drop();
  }
}

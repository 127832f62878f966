// `pnpm bench --only indicators`: how long the evaluation subgraph takes to classify housing areas by the law and to
// compute the in-movement balance, at national scale. Method (docs/performance.md): a scratch database migrated with
// the evaluation module; 1,000 areas' yearly figures from a seeded generator, imported with `importIndicators`; the
// ten lists 2018–2027 classified for every area through `listClassifications` (paging as a client would) and with the
// pure `classify` over the same histories; then 1,000,000 synthetic moves into the areas over 2024–2025, written in
// bulk, and `balances` over all eight quarters, one quarter and one area, with the plan of the largest query and
// the same queries with extra indexes made in the scratch database only.
//
// The evaluation service runs in this process (an exception in .dependency-cruiser.cjs allows this file alone to
// import it): the work is measured without HTTP and GraphQL in front of it.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type DatabaseOptions, createDataSource, runMigrations } from '@second-chance/db';
import {
  type AreaYearIndicators,
  balances,
  classify,
  createEvaluationSubgraph,
  historiesOf,
  importIndicators,
  IMPORT_BATCH,
  listClassifications,
} from '@second-chance/evaluation';
import type { Identity } from '@second-chance/identity';
import { createLogger } from '@second-chance/service-kit';
import { type Random, generator, scratchDatabase, seconds, thousands } from './bench-common';

export interface IndicatorBenchOptions {
  /** Synthetic moves into the areas over 2024–2025 (1,000,000). */
  moves: number;
  /** The generator's seed: the same seed gives the same data set. */
  seed: number;
  say: (text: string) => void;
}

/** Housing areas in the data set. */
const AREAS = 1_000;
/** The lists classified: every list from the first under the 2018 act (lists before 1 December 2018 have no rules). */
const LIST_YEARS = Array.from({ length: 10 }, (_, i) => 2018 + i);
/** Figures from the year before the first list: its two-year averages need it. */
const FIRST_FIGURES_YEAR = 2017;
const LAST_FIGURES_YEAR = 2027;
/** Areas per page, as a client pages through a list (the most a page may hold). */
const PAGE = 100;
/** Rows per INSERT statement of moves (multi-row `unnest`). */
const MOVE_BATCH = 50_000;
const FIRST_MOVE_DAY = '2024-01-01';
const MOVE_DAYS = 731; // 2024-01-01 … 2025-12-31
/** Measured runs of each balance query; the median is reported. */
const RUNS = 3;
const STATUSES = ['NONE', 'PREVENTION_AREA', 'VULNERABLE_AREA', 'PARALLEL_SOCIETY', 'TRANSFORMATION_AREA'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_HEADINGS: Record<Status, string> = {
  NONE: 'none',
  PREVENTION_AREA: 'prevention',
  VULNERABLE_AREA: 'vulnerable',
  PARALLEL_SOCIETY: 'parallel',
  TRANSFORMATION_AREA: 'transformation',
};

type Db = ReturnType<typeof createDataSource>;
type SqlLogger = NonNullable<DatabaseOptions['logger']>;

// ---------------------------------------------------------------------------------------------------------------
// The data set: areas and their yearly figures

/**
 * Three kinds of area: ordinary (84 %), under pressure (8 %: the prevention areas' range) and vulnerable (8 %).
 * Each measure starts in its kind's range and then drifts year by year (a trend, plus noise); half the vulnerable
 * areas improve steadily, so areas leave the lists as well as stay on them.
 */
export const KINDS = {
  ordinary: {
    outside: [0.1, 0.3],
    convictions: [0.3, 1.8],
    basic: [0.15, 0.45],
    income: [0.7, 1.15],
    nonWestern: [0.02, 0.3],
    open: [0.04, 0.15],
  },
  pressure: {
    outside: [0.27, 0.4],
    convictions: [1.4, 2.8],
    basic: [0.4, 0.62],
    income: [0.52, 0.7],
    nonWestern: [0.28, 0.55],
    open: [0.1, 0.22],
  },
  vulnerable: {
    outside: [0.36, 0.52],
    convictions: [2.2, 4.2],
    basic: [0.52, 0.7],
    income: [0.42, 0.58],
    nonWestern: [0.4, 0.8],
    open: [0.15, 0.3],
  },
} as const;
export type Measure = keyof (typeof KINDS)['ordinary'];

interface Area {
  id: string;
  kind: keyof typeof KINDS;
  /** The figures of FIRST_FIGURES_YEAR … LAST_FIGURES_YEAR, in order. */
  years: AreaYearIndicators[];
}

/** The national conviction share: 2 % in 2017, falling 3 % a year. */
export const nationalConvictionPpm = (year: number) => Math.round(20_000 * 0.97 ** (year - FIRST_FIGURES_YEAR));

export const ppm = (share: number, max = 1_000_000) => Math.min(max, Math.max(0, Math.round(share * 1_000_000)));

function generateAreas(random: Random): Area[] {
  const areas: Area[] = [];
  for (let a = 0; a < AREAS; a++) {
    const roll = random.next();
    const kind: Area['kind'] = roll < 0.84 ? 'ordinary' : roll < 0.92 ? 'pressure' : 'vulnerable';
    const ranges = KINDS[kind];
    const improving = kind === 'vulnerable' && random.next() < 0.5;
    const level = {} as Record<Measure, number>;
    const trend = {} as Record<Measure, number>;
    for (const measure of Object.keys(ranges) as Measure[]) {
      const [min, max] = ranges[measure];
      level[measure] = random.uniform(min, max);
      trend[measure] = random.normal() * (measure === 'convictions' ? 0.03 : 0.003);
    }
    if (improving) {
      Object.assign(trend, { outside: -0.012, convictions: -0.12, basic: -0.01, income: 0.015, nonWestern: -0.005 });
    }
    // About 10 % below the 1,000 residents of a housing area; each year's count moves by some 2 %.
    let residents = random.next() < 0.1 ? random.int(500, 999) : random.int(1_000, 6_000);
    const reportsOpenCases = random.next() < 0.8;
    const id = random.uuid();
    const years: AreaYearIndicators[] = [];
    for (let year = FIRST_FIGURES_YEAR; year <= LAST_FIGURES_YEAR; year++) {
      if (year > FIRST_FIGURES_YEAR) {
        residents = Math.max(300, Math.round(residents * (1 + 0.02 * random.normal())));
        for (const measure of Object.keys(level) as Measure[]) {
          const noise = measure === 'convictions' ? 0.15 : measure === 'income' ? 0.015 : 0.01;
          level[measure] = Math.max(0, level[measure] + trend[measure] + noise * random.normal());
        }
      }
      const national = nationalConvictionPpm(year);
      years.push({
        areaId: id,
        year,
        residents,
        outsideWorkOrEducationPpm: ppm(level.outside),
        convictionPpm: Math.min(1_000_000, Math.round(level.convictions * national)),
        nationalConvictionPpm: national,
        basicSchoolingOnlyPpm: ppm(level.basic),
        incomeOfRegionPpm: ppm(level.income, 10_000_000),
        nonWesternPpm: ppm(level.nonWestern),
        openMunicipalCasePpm: reportsOpenCases ? ppm(level.open) : null,
      });
    }
    areas.push({ id, kind, years });
  }
  return areas.sort((a, b) => a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------------------------------------------
// The data set: moves

/**
 * Where moves go and who moves: areas weighted by their residents in 2025; each area's in-movers outside the labour
 * market (and with an open case) at 30–110 % of the area's own share, so that a minority of areas is flagged.
 */
function movePlan(random: Random, areas: readonly Area[]) {
  let total = 0;
  const cumulative: number[] = [];
  const outside: number[] = [];
  const openCase: number[] = [];
  for (const area of areas) {
    const figures = area.years.find((row) => row.year === 2025);
    if (!figures) throw new Error('no figures for 2025');
    total += figures.residents;
    cumulative.push(total);
    outside.push(Math.min(0.95, (figures.outsideWorkOrEducationPpm / 1_000_000) * random.uniform(0.3, 1.1)));
    const open = figures.openMunicipalCasePpm ?? 100_000;
    openCase.push(Math.min(0.95, (open / 1_000_000) * random.uniform(0.3, 1.1)));
  }
  const pickArea = () => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  return { pickArea, outside, openCase };
}

/** One batch of moves as the columns of the INSERT: case ref, area, day, members, working age, outside, open case. */
function moveBatch(random: Random, areas: readonly Area[], plan: ReturnType<typeof movePlan>, count: number) {
  const columns: unknown[][] = Array.from({ length: 7 }, () => []);
  for (let n = 0; n < count; n++) {
    const a = plan.pickArea();
    const adults = random.next() < 0.45 ? 1 : random.next() < 0.85 ? 2 : 3;
    const children = random.next() < 0.4 ? 0 : random.int(1, 4);
    const members = adults + children;
    const workingAge = adults - (random.next() < 0.1 ? 1 : 0);
    [
      random.hex64(),
      areas[a]?.id,
      random.int(0, MOVE_DAYS - 1),
      members,
      workingAge,
      random.binomial(workingAge, plan.outside[a] ?? 0),
      random.binomial(members, plan.openCase[a] ?? 0),
    ].forEach((value, i) => columns[i]?.push(value));
  }
  return columns;
}

const INSERT_MOVES = `INSERT INTO in_move (case_ref, area_id, moved_on, members, adults_of_working_age,
    adults_outside_labour_market, members_with_open_case)
  SELECT case_ref, area_id, date '${FIRST_MOVE_DAY}' + day, members, working_age, outside, open_case
    FROM unnest($1::text[], $2::uuid[], $3::int[], $4::smallint[], $5::smallint[], $6::smallint[], $7::smallint[])
         AS t(case_ref, area_id, day, members, working_age, outside, open_case)`;

// ---------------------------------------------------------------------------------------------------------------
// Statement times, and the statements themselves (to explain one)

class Statements implements SqlLogger {
  sqlMs = 0;
  count = 0;
  last: { query: string; parameters: unknown[] } | null = null;

  reset(): void {
    this.sqlMs = 0;
    this.count = 0;
  }
  logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    this.last = { query, parameters: parameters ?? [] };
  }
  logQuerySlow(time: number): void {
    this.sqlMs += time;
  }
  logQueryError(error: string | Error, query: string): void {
    console.error(`statement failed: ${error instanceof Error ? error.message : error}\n${query.slice(0, 300)}`);
  }
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

const millis = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : thousands(ms));
const perSecond = (count: number, ms: number) => `${thousands((count * 1000) / ms)}/s`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const emptyCounts = (): Record<Status, number> => ({
  NONE: 0,
  PREVENTION_AREA: 0,
  VULNERABLE_AREA: 0,
  PARALLEL_SOCIETY: 0,
  TRANSFORMATION_AREA: 0,
});

interface YearFigures {
  year: number;
  pages: number;
  listMs: number;
  listSqlMs: number;
  historiesMs: number;
  classifyMs: number;
  counts: Record<Status, number>;
  incomplete: number;
}

/** The balance queries an evaluator's pages make: the whole period, one quarter, one area's period. */
function balanceQueries(areaId: string) {
  return [
    { name: 'all areas, 8 quarters', filter: { fromQuarter: '2024-Q1', toQuarter: '2025-Q4' } },
    { name: 'all areas, 2025-Q4', filter: { fromQuarter: '2025-Q4', toQuarter: '2025-Q4' } },
    { name: 'one area, 8 quarters', filter: { fromQuarter: '2024-Q1', toQuarter: '2025-Q4', areaIds: [areaId] } },
  ];
}

/** Extra indexes tried in the scratch database only (the service's migrations are not changed). */
const INDEX_VARIANTS: { name: string; sql: string | null }[] = [
  { name: 'as migrated: (area_id, moved_on)', sql: null },
  { name: '+ (moved_on)', sql: 'CREATE INDEX bench_in_move_moved_on ON in_move (moved_on)' },
  {
    name: '+ (moved_on) INCLUDE (area_id, counts)',
    sql: `CREATE INDEX bench_in_move_moved_on ON in_move (moved_on) INCLUDE (area_id, members, adults_of_working_age,
            adults_outside_labour_market, members_with_open_case)`,
  },
  {
    name: '+ (area_id, moved_on) INCLUDE (counts)',
    sql: `CREATE INDEX bench_in_move_moved_on ON in_move (area_id, moved_on) INCLUDE (members, adults_of_working_age,
            adults_outside_labour_market, members_with_open_case)`,
  },
];

/** Runs the benchmark and prints its figures; false when a check failed (the two classification paths disagree). */
export async function benchIndicators(options: IndicatorBenchOptions): Promise<boolean> {
  const { say } = options;
  let ok = true;
  const setupStarted = performance.now();
  const database = await scratchDatabase('indicators');
  const statements = new Statements();
  const evaluation = createEvaluationSubgraph({ eventSecrets: [] });
  const db: Db = createDataSource({
    url: database.url,
    entities: evaluation.entities,
    migrations: evaluation.migrations,
    logger: statements,
    // Time every statement that takes 1 ms or more (TypeORM measures in whole milliseconds).
    slowStatementMs: 0.5,
    applicationName: 'second-chance-bench-indicators',
  });
  try {
    await db.initialize();
    await runMigrations(db);
    const [server] = await db.query<{ server_version: string }[]>('SHOW server_version');
    const [workMem] = await db.query<{ work_mem: string }[]>('SHOW work_mem');
    const ready = performance.now();
    say(`\nindicators: ${database.description}, migrated with the evaluation module`);
    say(
      `machine: ${availableParallelism()} cores (load average ${loadavg()[0]?.toFixed(2)} at the start), ` +
        `Node ${process.version}, PostgreSQL ${server?.server_version ?? '?'} (work_mem ${workMem?.work_mem ?? '?'}); ` +
        `database and migrations ${seconds(ready - setupStarted)}`,
    );

    // 1. Figures: generated, imported as a file would be.
    const random = generator(options.seed);
    const areas = generateAreas(random);
    const rows = areas.flatMap((area) => area.years);
    const generated = performance.now();
    await importIndicators(db, rows, { source: 'bench', importedBy: 'bench' });
    const imported = performance.now();
    await db.query('VACUUM (ANALYZE) area_indicators');
    const kinds = { ordinary: 0, pressure: 0, vulnerable: 0 };
    for (const area of areas) kinds[area.kind] += 1;
    const small = areas.filter((area) => (area.years.at(-1)?.residents ?? 0) < 1_000).length;
    say(
      `figures: ${thousands(AREAS)} areas (${kinds.ordinary} ordinary, ${kinds.pressure} under pressure, ` +
        `${kinds.vulnerable} vulnerable; ${small} below 1,000 residents in ${LAST_FIGURES_YEAR}) × ` +
        `${LAST_FIGURES_YEAR - FIRST_FIGURES_YEAR + 1} years ${FIRST_FIGURES_YEAR}–${LAST_FIGURES_YEAR} (seed ${options.seed})`,
    );
    say(
      `  importIndicators: ${thousands(rows.length)} rows in ${thousands(imported - generated)} ms ` +
        `(${perSecond(rows.length, imported - generated)}, ${Math.ceil(rows.length / IMPORT_BATCH)} statements ` +
        `of ${thousands(IMPORT_BATCH)}, one transaction); generated in ${thousands(generated - ready)} ms`,
    );

    // 2. Classification: the full path, a page at a time, and the rules alone over the same histories.
    const deps = {
      db,
      housing: undefined,
      identity: {
        subject: 'bench-evaluator',
        organisation: { type: 'EVALUATOR', id: 'bench' },
        roles: ['evaluator'],
      } satisfies Identity,
      log: createLogger('bench-indicators', 'silent'),
    };
    await listClassifications(deps, LIST_YEARS[0] ?? 2018, {}, { first: PAGE }); // warm-up, not timed
    const years: YearFigures[] = [];
    const byArea = new Map(areas.map((area) => [area.id, area.years]));
    for (const year of LIST_YEARS) {
      statements.reset();
      const listed = new Map<string, Status>();
      let pages = 0;
      let after: string | null = null;
      const started = performance.now();
      for (;;) {
        const page = await listClassifications(deps, year, {}, { first: PAGE, after });
        pages += 1;
        for (const node of page.nodes) listed.set(node.areaId, node.status);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const listMs = performance.now() - started;
      const listSqlMs = statements.sqlMs;

      // The same histories as the service reads them (year − 5 … year), in memory: the rules alone.
      const windows = [...byArea.values()].map((history) =>
        history.filter((r) => r.year >= year - 5 && r.year <= year),
      );
      const classifyStarted = performance.now();
      const computed = windows.map((history) => classify(history, year));
      const classifyMs = performance.now() - classifyStarted;

      const historiesStarted = performance.now();
      await historiesOf(db, null, { from: year - 5, to: year });
      const historiesMs = performance.now() - historiesStarted;

      const counts = emptyCounts();
      let incomplete = 0;
      for (const c of computed) {
        counts[c.status] += 1;
        if (!c.complete) incomplete += 1;
        if (listed.get(c.areaId) !== c.status) ok = false;
      }
      if (listed.size !== AREAS) ok = false;
      years.push({ year, pages, listMs, listSqlMs, historiesMs, classifyMs, counts, incomplete });
    }
    const sum = (pick: (y: YearFigures) => number) => years.reduce((total, y) => total + pick(y), 0);
    say(
      `\nclassification: ${LIST_YEARS.length} lists × ${thousands(AREAS)} areas; listClassifications pages of ` +
        `${PAGE} (each call reads and classifies only its page's areas), classify alone in memory`,
    );
    say(
      '  list   pages   list ms   per page ms   SQL ms   historiesOf ms   classify 1,000 ms ' +
        STATUSES.map((s) => STATUS_HEADINGS[s].padStart(15)).join('') +
        '   incomplete',
    );
    for (const y of years) {
      say(
        `  ${y.year}  ${String(y.pages).padStart(5)} ${thousands(y.listMs).padStart(9)} ` +
          `${millis(y.listMs / y.pages).padStart(13)} ${thousands(y.listSqlMs).padStart(8)} ` +
          `${millis(y.historiesMs).padStart(16)} ${millis(y.classifyMs).padStart(19)} ` +
          STATUSES.map((s) => String(y.counts[s]).padStart(15)).join('') +
          `${String(y.incomplete).padStart(13)}`,
      );
    }
    const pages = sum((y) => y.pages);
    const classifications = LIST_YEARS.length * AREAS;
    say(
      `  total  ${String(pages).padStart(5)} ${thousands(sum((y) => y.listMs)).padStart(9)} ` +
        `${millis(sum((y) => y.listMs) / pages).padStart(13)} ${thousands(sum((y) => y.listSqlMs)).padStart(8)} ` +
        `${millis(sum((y) => y.historiesMs)).padStart(16)} ${millis(sum((y) => y.classifyMs)).padStart(19)} ` +
        STATUSES.map((s) => String(sum((y) => y.counts[s])).padStart(15)).join(''),
    );
    say(
      `  listClassifications, all pages of all lists: ${seconds(sum((y) => y.listMs))} ` +
        `(${perSecond(
          classifications,
          sum((y) => y.listMs),
        )} areas listed); ` +
        `classify alone: ${thousands(classifications)} in ${thousands(sum((y) => y.classifyMs))} ms ` +
        `(${perSecond(
          classifications,
          sum((y) => y.classifyMs),
        )}); ` +
        `the two paths ${ok ? 'agree on every status' : 'DISAGREE'}`,
    );

    // 3. Moves, written in bulk.
    const destinations = movePlan(random, areas);
    let generateMs = 0;
    let insertMs = 0;
    for (let written = 0; written < options.moves; written += MOVE_BATCH) {
      const batchStarted = performance.now();
      const columns = moveBatch(random, areas, destinations, Math.min(MOVE_BATCH, options.moves - written));
      const batchGenerated = performance.now();
      await db.query(INSERT_MOVES, columns);
      generateMs += batchGenerated - batchStarted;
      insertMs += performance.now() - batchGenerated;
    }
    const vacuumStarted = performance.now();
    await db.query('VACUUM (ANALYZE) in_move');
    const vacuumMs = performance.now() - vacuumStarted;
    const [size] = await db.query<{ table: string; indexes: string }[]>(
      `SELECT pg_size_pretty(pg_table_size('in_move')) AS table, pg_size_pretty(pg_indexes_size('in_move')) AS indexes`,
    );
    say(
      `\nmoves: ${thousands(options.moves)} into the ${thousands(AREAS)} areas (weighted by residents) over ` +
        `${FIRST_MOVE_DAY}..2025-12-31, with a case reference each; INSERT … unnest of ${thousands(MOVE_BATCH)} rows`,
    );
    say(
      `  inserted in ${seconds(insertMs)} (${perSecond(options.moves, insertMs)}); generated in ${seconds(generateMs)}; ` +
        `vacuum and analyze ${seconds(vacuumMs)}; table ${size?.table ?? '?'}, indexes ${size?.indexes ?? '?'}`,
    );

    // 4. The balance: each query RUNS times, median; then its plan; then with extra indexes.
    const largest = areas.reduce((best, area) =>
      (area.years.at(-1)?.residents ?? 0) > (best.years.at(-1)?.residents ?? 0) ? area : best,
    );
    const queries = balanceQueries(largest.id);
    const measure = async () => {
      const figures: { name: string; ms: number; sqlMs: number; rows: number; flagged: number; suppressed: number }[] =
        [];
      for (const { name, filter } of queries) {
        const times: number[] = [];
        const sqlTimes: number[] = [];
        let result: Awaited<ReturnType<typeof balances>> = [];
        for (let run = 0; run < RUNS; run++) {
          statements.reset();
          const started = performance.now();
          result = await balances(db, filter);
          times.push(performance.now() - started);
          sqlTimes.push(statements.sqlMs);
        }
        figures.push({
          name,
          ms: median(times),
          sqlMs: median(sqlTimes),
          rows: result.length,
          flagged: result.filter((r) => r.flagged).length,
          suppressed: result.filter((r) => r.suppressed).length,
        });
      }
      return figures;
    };
    /** The statement `balances` sends for `filter`, as it sent it, explained (with `workMem`, when given). */
    const explain = async (filter: Parameters<typeof balances>[1], options: string, workMem?: string) => {
      await balances(db, filter);
      const sent = statements.last;
      if (!sent) throw new Error('no statement recorded');
      const runner = db.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        if (workMem) await runner.query(`SET LOCAL work_mem = '${workMem}'`);
        const plan = (await runner.query(`EXPLAIN ${options}${sent.query}`, sent.parameters)) as {
          'QUERY PLAN': string;
        }[];
        return plan.map((line) => line['QUERY PLAN']);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    };
    const allQuarters = queries[0]?.filter ?? { fromQuarter: '2024-Q1', toQuarter: '2025-Q4' };

    /** The scan of in_move and the aggregation in the plan of each query: `Parallel Seq Scan; HashAggregate`. */
    const plans = async () => {
      const shapes: string[] = [];
      for (const query of queries) {
        const lines = await explain(query.filter, '');
        const node = (pattern: RegExp) =>
          (lines.find((line) => pattern.test(line)) ?? '?')
            .trim()
            .replace(/^->\s*/, '')
            .replace(/\s+\(cost.*$/, '')
            .replace(/ on in_move$/, '');
        shapes.push(`${node(/ on in_move/)}; ${node(/Aggregate/)}`);
      }
      return shapes;
    };

    say(
      `\nbalances (after one untimed call, median of ${RUNS}; "SQL" is the statement as TypeORM times it, the rest ` +
        `is Node): the one-area query is the largest area (${thousands(largest.years.at(-1)?.residents ?? 0)} residents)`,
    );
    const results: { name: string; buildMs: number | null; ms: number[]; plans: string[] }[] = [];
    for (const variant of INDEX_VARIANTS) {
      let buildMs: number | null = null;
      if (variant.sql) {
        const started = performance.now();
        await db.query(variant.sql);
        buildMs = performance.now() - started;
        await db.query('VACUUM (ANALYZE) in_move');
      }
      for (const { filter } of queries) await balances(db, filter); // warm-up
      const figures = await measure();
      results.push({ name: variant.name, buildMs, ms: figures.map((f) => f.ms), plans: await plans() });
      if (variant.sql) {
        await db.query('DROP INDEX bench_in_move_moved_on');
        continue;
      }
      say('  query                        wall ms    SQL ms   area-quarters   flagged   suppressed');
      for (const f of figures) {
        say(
          `  ${f.name.padEnd(26)} ${millis(f.ms).padStart(9)} ${millis(f.sqlMs).padStart(9)} ` +
            `${thousands(f.rows).padStart(15)} ${thousands(f.flagged).padStart(9)} ${thousands(f.suppressed).padStart(12)}`,
        );
      }
      const plan = await explain(allQuarters, '(ANALYZE, BUFFERS) ');
      say('\nEXPLAIN (ANALYZE, BUFFERS) of all areas, 8 quarters, as balances sends it:');
      for (const line of plan) say(`  ${line}`);
      // Does the sort that spills to disk matter? The same statement with more memory for sorts and hashes.
      const roomier = await explain(allQuarters, '(ANALYZE, BUFFERS) ', '64MB');
      say('the same with work_mem 64MB (in that transaction only):');
      for (const line of roomier.filter((l, i) => i === 0 || /Sort Method|Aggregate|Time:/.test(l))) say(`  ${line}`);
    }

    say(
      `\nwith an extra index (scratch database only, VACUUM ANALYZE after building it; median wall ms of ${RUNS} runs)`,
    );
    say(`  index                                    build ms ${queries.map((q) => q.name.padStart(24)).join('')}`);
    for (const r of results) {
      say(
        `  ${r.name.padEnd(40)} ${(r.buildMs === null ? '–' : thousands(r.buildMs)).padStart(8)} ` +
          r.ms.map((ms) => millis(ms).padStart(24)).join(''),
      );
      say(`      plans: ${r.plans.join(' | ')}`);
    }
    say(`\nindicators: ${seconds(performance.now() - setupStarted)} in all; checks ${ok ? 'passed' : 'FAILED'}`);
    return ok;
  } finally {
    if (db.isInitialized) await db.destroy();
    await database.drop();
  }
}

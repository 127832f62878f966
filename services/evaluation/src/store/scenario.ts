// What-if scenarios of in-mover steering, kept: the input is checked in full before anything runs (a refused
// scenario writes nothing), the synthetic nation is generated from the seed, the scenario runs in memory
// (domain/scenario.ts), and its input, summary and per-area rows are written in one row.
import { type DataSource, In } from 'typeorm';
import {
  type Commitment,
  DEFAULT_WEIGHTS,
  MUNICIPALITY_CODES,
  type Weights,
  syntheticNation,
} from '@second-chance/allocation';
import type { Identity } from '@second-chance/identity';
import { type ConnectionArgs, type CsvValue, badUserInput, csvTable, isId, paginate } from '@second-chance/service-kit';
import { percent } from '../domain/indicators';
import {
  type ScenarioAreaRow,
  type ScenarioProgress,
  type ScenarioResult,
  type StoredScenarioInput,
  runScenario,
} from '../domain/scenario';
import { SteeringScenarioEntity } from '../entities';
import { type Page, pageOf } from './pages';

/** A size of the synthetic nation: its default and the range allowed. */
interface SizeRange {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}
type ScenarioSizes = Readonly<Record<'vacancies' | 'seekers' | 'areas', SizeRange>>;

/** The synthetic nation's sizes through the API: default and largest (a scenario runs inside one request). */
export const SCENARIO_SIZES = {
  vacancies: { default: 2_000, min: 1, max: 3_000 },
  seekers: { default: 2_000, min: 1, max: 3_000 },
  areas: { default: 1_000, min: 98, max: 1_500 },
} as const satisfies ScenarioSizes;

/** The sizes `pnpm scenario` allows: in memory, outside any request, so national and beyond. */
export const CLI_SCENARIO_SIZES = {
  vacancies: { ...SCENARIO_SIZES.vacancies, max: 20_000 },
  seekers: { ...SCENARIO_SIZES.seekers, max: 20_000 },
  areas: { ...SCENARIO_SIZES.areas, max: 3_000 },
} as const satisfies ScenarioSizes;

export const MAX_WEIGHT = 1_000_000;
export const MAX_COMMITMENT = 100_000;

/** The scenario input as GraphQL gives it (omitted and null alike). */
export interface ScenarioRequest {
  seed: number;
  participatingMunicipalityCodes?: readonly string[] | null;
  commitments?: readonly { municipalityCode: string; households: number }[] | null;
  weights?: Partial<Record<keyof Weights, number | null | undefined>> | null;
  vacancies?: number | null;
  seekers?: number | null;
  areas?: number | null;
}

const refuse = (path: string, message: string, detail: string) =>
  badUserInput(`${path}: ${detail}`, [{ path, message }]);

/** The request checked in full, or BAD_USER_INPUT naming the first problem's path. */
export function checkScenarioRequest(
  request: ScenarioRequest,
  path = 'input',
  sizes: ScenarioSizes = SCENARIO_SIZES,
): StoredScenarioInput {
  if (!Number.isSafeInteger(request.seed)) throw refuse(`${path}.seed`, 'not a whole number', 'a whole number');
  const size = (key: keyof ScenarioSizes): number => {
    const { default: fallback, min, max } = sizes[key];
    const value = request[key] ?? fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw refuse(`${path}.${key}`, 'out of range', `from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`);
    }
    return value;
  };
  const known = new Set(MUNICIPALITY_CODES);

  let participating: string[] | null = null;
  if (request.participatingMunicipalityCodes != null) {
    const codes = request.participatingMunicipalityCodes;
    const where = `${path}.participatingMunicipalityCodes`;
    if (codes.length === 0) throw refuse(where, 'empty', 'name at least one municipality, or leave it out for all 98');
    const seen = new Set<string>();
    codes.forEach((code, i) => {
      if (!known.has(code))
        throw refuse(`${where}.${i}`, 'unknown municipality', `${code.slice(0, 10)} is not a municipality code`);
      if (seen.has(code)) throw refuse(`${where}.${i}`, 'twice', `${code} is named twice`);
      seen.add(code);
    });
    participating = [...seen].sort();
  }

  let commitments: Commitment[] | null = null;
  if (request.commitments != null) {
    const seen = new Set<string>();
    commitments = request.commitments.map((c, i) => {
      const where = `${path}.commitments.${i}`;
      if (!known.has(c.municipalityCode)) {
        throw refuse(
          `${where}.municipalityCode`,
          'unknown municipality',
          `${c.municipalityCode.slice(0, 10)} is not a municipality code`,
        );
      }
      if (participating !== null && !participating.includes(c.municipalityCode)) {
        throw refuse(`${where}.municipalityCode`, 'not participating', `${c.municipalityCode} does not participate`);
      }
      if (seen.has(c.municipalityCode))
        throw refuse(`${where}.municipalityCode`, 'twice', `${c.municipalityCode} is committed twice`);
      seen.add(c.municipalityCode);
      if (!Number.isInteger(c.households) || c.households < 0 || c.households > MAX_COMMITMENT) {
        throw refuse(
          `${where}.households`,
          'out of range',
          `from 0 to ${MAX_COMMITMENT.toLocaleString('en')} households`,
        );
      }
      return { municipalityCode: c.municipalityCode, households: c.households };
    });
  }

  const weights: Weights = { ...DEFAULT_WEIGHTS };
  for (const [key, value] of Object.entries(request.weights ?? {})) {
    if (value === null || value === undefined) continue;
    const where = `${path}.weights.${key}`;
    if (!(key in DEFAULT_WEIGHTS)) throw refuse(where, 'unknown', 'not a weight');
    if (!Number.isFinite(value) || value < 0 || value > MAX_WEIGHT) {
      throw refuse(where, 'out of range', `from 0 to ${MAX_WEIGHT.toLocaleString('en')}`);
    }
    weights[key as keyof Weights] = value;
  }

  return {
    seed: request.seed,
    vacancies: size('vacancies'),
    seekers: size('seekers'),
    areas: size('areas'),
    participating,
    commitments,
    weights,
  };
}

/** Generates the nation of the input's seed and sizes and runs the scenario in memory. */
export async function computeScenario(
  input: StoredScenarioInput,
  onProgress?: ScenarioProgress,
): Promise<ScenarioResult> {
  const nation = syntheticNation({
    seed: input.seed,
    areas: input.areas,
    vacancies: input.vacancies,
    seekers: input.seekers,
    ...(onProgress ? { onProgress } : {}),
  });
  return runScenario(
    nation,
    { participating: input.participating, commitments: input.commitments, weights: input.weights },
    onProgress,
  );
}

/** Checks, runs and keeps a scenario. */
export async function runSteeringScenario(
  db: DataSource,
  identity: Identity,
  request: ScenarioRequest,
): Promise<SteeringScenarioEntity> {
  const input = checkScenarioRequest(request);
  const started = performance.now();
  const result = await computeScenario(input);
  const seconds = (performance.now() - started) / 1000;
  const scenarios = db.getRepository(SteeringScenarioEntity);
  return scenarios.save(
    scenarios.create({
      seed: input.seed,
      input,
      summary: result.summary,
      areas: result.areas,
      runBy: identity.subject,
      seconds,
    }),
  );
}

/** The scenarios, newest first, without their per-area rows (read with areasOfScenarios when asked for). */
export function listScenarios(db: DataSource, args: ConnectionArgs) {
  const query = db
    .getRepository(SteeringScenarioEntity)
    .createQueryBuilder('scenario')
    .select([
      'scenario.id',
      'scenario.seed',
      'scenario.input',
      'scenario.summary',
      'scenario.runBy',
      'scenario.seconds',
      'scenario.createdAt',
    ]);
  return paginate(
    query,
    args,
    [
      { sql: 'scenario.created_at', value: (s) => s.createdAt.toISOString() },
      { sql: 'scenario.id', value: (s) => s.id },
    ],
    'DESC',
  );
}

/** The per-area rows of the scenarios, in the order of `ids` (an unknown id: none). */
export async function areasOfScenarios(db: DataSource, ids: readonly string[]): Promise<ScenarioAreaRow[][]> {
  const found = await db
    .getRepository(SteeringScenarioEntity)
    .find({ select: { id: true, areas: true }, where: { id: In([...ids]) } });
  const byId = new Map(found.map((s) => [s.id, s.areas]));
  return ids.map((id) => byId.get(id) ?? []);
}

export async function findScenario(db: DataSource, id: string): Promise<SteeringScenarioEntity | null> {
  if (!isId(id)) throw badUserInput('id: not an id', [{ path: 'id', message: 'not an id' }]);
  return db.getRepository(SteeringScenarioEntity).findOneBy({ id });
}

export interface ScenarioAreaFilter {
  changedOnly?: boolean | null;
  statuses?: readonly string[] | null;
}

/** The rows the filter keeps, in area id order. */
export function filterAreas(rows: readonly ScenarioAreaRow[], filter: ScenarioAreaFilter): ScenarioAreaRow[] {
  const statuses = filter.statuses ? new Set(filter.statuses) : null;
  return rows.filter(
    (row) =>
      (!filter.changedOnly || row.statusNow !== row.statusWithout || row.statusNow !== row.statusWith) &&
      (statuses === null ||
        statuses.has(row.statusNow) ||
        statuses.has(row.statusWithout) ||
        statuses.has(row.statusWith)),
  );
}

export function areasPage(
  rows: readonly ScenarioAreaRow[],
  filter: ScenarioAreaFilter,
  args: ConnectionArgs,
): Page<ScenarioAreaRow> {
  return pageOf(filterAreas(rows, filter), args, (row) => row.areaId);
}

export const SCENARIO_CSV_HEADER = [
  'area_id',
  'municipality_code',
  'residents',
  'status_now',
  'status_without_steering',
  'status_with_steering',
  'effect',
  'outside_work_or_education_pct_now',
  'outside_work_or_education_pct_without_steering',
  'outside_work_or_education_pct_with_steering',
  'households_in_without_steering',
  'households_in_with_steering',
] as const;

/** The rows as CSV (semicolon-separated, a header line), the same rows as the areas list with the same filter. */
export function scenarioCsv(rows: readonly ScenarioAreaRow[], filter: ScenarioAreaFilter): string {
  const lines: CsvValue[][] = filterAreas(rows, filter).map((row) => [
    row.areaId,
    row.municipalityCode,
    row.residents,
    row.statusNow,
    row.statusWithout,
    row.statusWith,
    row.effect,
    percent(row.outsidePpmNow),
    percent(row.outsidePpmWithout),
    percent(row.outsidePpmWith),
    row.householdsInWithout,
    row.householdsInWith,
  ]);
  return csvTable([[...SCENARIO_CSV_HEADER], ...lines]);
}

// A synthetic national data set for the benchmarks: generated from a seed (the same seed, scale and day give the
// same rows), written in bulk into the four subgraphs' databases. `pnpm national` runs it from the command line.
//
//   loadNationalDataSet(options: NationalLoadOptions): Promise<NationalDataSetSummary>
//
//   options.databases   { housing, households, finance, evaluation }: a connection string (postgres://…) or a
//                       pg.Pool for each service's database, connected as the login user that owns the tables
//                       (the households service's own role may only add to its append-only records). Each database
//                       is migrated first with its service's migrations (a migrated one is left as it is) and must
//                       hold none of the services' data yet.
//   options.seed        the generator's seed (default 1)
//   options.scale       1 = national (98 municipalities, ~1,000 areas, ~550,000 units, 20,000 households with a
//                       relocation case each); 0.01 for tests. The 98 municipalities stay; everything else scales.
//   options.asOf        the day the data set describes, YYYY-MM-DD (default: today in Denmark): everything happened
//                       before that day began in Denmark; answer deadlines and reservations lie ahead
//   options.keys        the households service's personal data keys (default: as the service finds them locally:
//                       PERSONAL_DATA_KEYS, CPR_HASH_KEY, PSEUDONYM_KEY, or the development keys in the data folder)
//   options.onProgress  called as rows are written: { done, total, step }
//   options.analyze     VACUUM (ANALYZE) the databases afterwards (default true)
//
// The summary names what a benchmark needs: the municipality that sends the most cases and its caseworker's and
// finance officer's identities, the housing organisation with the most open and reserved vacancies and its letting
// officer's identity, an evaluator's identity, area ids, the indicator years, and the rows written per table.
//
// As in life, a municipality's newest cases are the ones just nominated: at scale 1 the newest 50 of the busiest
// municipality are all NOMINATED or CONSENTED, with no offers, grant or compensation yet (their households, homes
// and areas are there). A page with offers, grants and moves is `filter: { states: [OFFERED, ACCEPTED, MOVED,
// FOLLOW_UP] }`; `caseworker.casesByState` tells how many each state has. Finance shows a case's compensation to
// finance officers only: a caseworker reads null there.
import { performance } from 'node:perf_hooks';
import { dataDirectory } from '@second-chance/db';
import { PersonalDataCipher } from '@second-chance/households/src/privacy/cipher';
import {
  type PersonalDataKeys,
  keysFromEnvironment,
  loadOrCreateDevKeys,
} from '@second-chance/households/src/privacy/keys';
import type { Identity } from '@second-chance/identity';
import { todayInDenmark } from '@second-chance/service-kit';
import { actors, CASE_STATES, generateNationalDataSet } from './generate';
import { type DatabaseTarget, type LoadProgress, loadDataSet, type ServiceName } from './load';
import { readMunicipalities } from './reference';
import type { CaseState, NationalDataSet } from './rows';
import { workspaceRoot } from '@second-chance/db';

export type { DatabaseTarget, LoadProgress as NationalProgress, ServiceName };
export type { NationalDataSet } from './rows';
export { generateNationalDataSet } from './generate';

export interface NationalLoadOptions {
  databases: Readonly<Record<ServiceName, DatabaseTarget>>;
  seed?: number;
  scale?: number;
  asOf?: string;
  keys?: PersonalDataKeys;
  onProgress?: (progress: LoadProgress) => void;
  analyze?: boolean;
}

export interface NationalDataSetSummary {
  seed: number;
  scale: number;
  asOf: string;
  /** Rows written, by `service.table`. */
  rows: Record<string, number>;
  generateMs: number;
  /** Everything after the generation: migrations, writing, the settlement runs, VACUUM (ANALYZE). */
  loadMs: number;
  /** Milliseconds per step of the load: `migrate`, `housing`, `households`, `finance`, `evaluation`, … */
  stepsMs: Record<string, number>;
  /** Each database's size in bytes after the load. */
  bytes: Record<ServiceName, number>;
  /** The municipality that sends the most cases, and its caseworker (who sees them on the case dashboard). */
  caseworker: {
    municipalityCode: string;
    identity: Identity;
    /** Cases it sends, in all, in progress (not ended) and by state. */
    cases: number;
    openCases: number;
    casesByState: Record<CaseState, number>;
  };
  /** The same municipality's finance officer (grants and compensation of its cases). */
  financeOfficer: { municipalityCode: string; identity: Identity };
  /** The housing organisation with the most open and reserved vacancies, and its letting officer. */
  lettingOfficer: { organisationId: string; identity: Identity; openVacancies: number };
  /** An evaluator (evaluators read every area's indicators and the national figures). */
  evaluator: { identity: Identity };
  platformAdmin: { identity: Identity };
  /** Housing areas: every id, and those of the caseworker's municipality. */
  areas: { ids: string[]; inMunicipality: string[] };
  /** The years the area indicators cover (ten), and the latest official list published by `asOf`. */
  indicatorYears: { from: number; to: number };
  latestListYear: number;
  /** The quarters settled by the finance service's own settlement run. */
  settlementPeriods: string[];
}

/** The households service's keys as it finds them when run locally (households/src/main.ts). */
export function localPersonalDataKeys(): PersonalDataKeys {
  return keysFromEnvironment(process.env) ?? loadOrCreateDevKeys(dataDirectory());
}

/** Generates the data set (pure: no database). */
export function generateFor(options: { seed: number; scale: number; asOf: string; keys: PersonalDataKeys }) {
  const cipher = new PersonalDataCipher(options.keys);
  const data = generateNationalDataSet({
    seed: options.seed,
    scale: options.scale,
    asOf: options.asOf,
    municipalities: readMunicipalities(workspaceRoot(__dirname)),
    pseudonym: (householdId) => cipher.pseudonym(householdId),
  });
  return { data, cipher };
}

export async function loadNationalDataSet(options: NationalLoadOptions): Promise<NationalDataSetSummary> {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const asOf = options.asOf ?? todayInDenmark();
  const keys = options.keys ?? localPersonalDataKeys();
  const started = performance.now();
  const { data, cipher } = generateFor({ seed, scale, asOf, keys });
  const generated = performance.now();
  const figures = await loadDataSet(data, {
    databases: options.databases,
    keys,
    cipher,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.analyze !== undefined ? { analyze: options.analyze } : {}),
  });
  return {
    ...summarise(data),
    rows: figures.rows,
    generateMs: generated - started,
    loadMs: performance.now() - generated,
    stepsMs: figures.ms,
    bytes: figures.bytes,
  };
}

const TERMINAL: readonly CaseState[] = ['CLOSED', 'DECLINED', 'WITHDRAWN', 'CANCELLED'];

/** What a benchmark needs to know of a data set (without the load's figures). */
export function summarise(
  data: NationalDataSet,
): Omit<NationalDataSetSummary, 'rows' | 'generateMs' | 'loadMs' | 'stepsMs' | 'bytes'> {
  const byMunicipality = new Map<string, Record<CaseState, number>>();
  for (const kase of data.households.cases) {
    const counts =
      byMunicipality.get(kase.sendingMunicipalityCode) ??
      (Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseState, number>);
    counts[kase.state] += 1;
    byMunicipality.set(kase.sendingMunicipalityCode, counts);
  }
  const total = (counts: Record<CaseState, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const [code, casesByState] = [...byMunicipality.entries()].reduce((best, entry) =>
    total(entry[1]) > total(best[1]) || (total(entry[1]) === total(best[1]) && entry[0] < best[0]) ? entry : best,
  );

  const organisationOfUnit = new Map<string, string>();
  const departments = new Map(data.housing.departments.map((d) => [d.id, d.organisationId]));
  for (const unit of data.housing.units) organisationOfUnit.set(unit.id, departments.get(unit.departmentId) ?? '');
  const open = new Map<string, number>();
  for (const v of data.housing.vacancies) {
    if (v.status !== 'OPEN' && v.status !== 'RESERVED') continue;
    const organisation = organisationOfUnit.get(v.unitId) ?? '';
    open.set(organisation, (open.get(organisation) ?? 0) + 1);
  }
  const [organisationId, openVacancies] = [...open.entries()].reduce(
    (best, entry) => (entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0]) ? entry : best),
    ['', 0] as [string, number],
  );
  const years = data.evaluation.indicators.map((y) => y.year);
  const asOfYear = Number(data.asOf.slice(0, 4));
  return {
    seed: data.seed,
    scale: data.scale,
    asOf: data.asOf,
    caseworker: {
      municipalityCode: code,
      identity: {
        subject: actors.caseworker(code),
        organisation: { type: 'MUNICIPALITY', id: code },
        roles: ['caseworker'],
      },
      cases: total(casesByState),
      openCases: CASE_STATES.filter((s) => !TERMINAL.includes(s)).reduce((n, s) => n + casesByState[s], 0),
      casesByState,
    },
    financeOfficer: {
      municipalityCode: code,
      identity: {
        subject: actors.financeOfficer(code),
        organisation: { type: 'MUNICIPALITY', id: code },
        roles: ['finance-officer'],
      },
    },
    lettingOfficer: {
      organisationId,
      identity: {
        subject: actors.lettingOfficer(organisationId),
        organisation: { type: 'HOUSING_ORGANISATION', id: organisationId },
        roles: ['letting-officer'],
      },
      openVacancies,
    },
    evaluator: {
      identity: {
        subject: actors.evaluator,
        organisation: { type: 'EVALUATOR', id: actors.evaluatorOrganisation },
        roles: ['evaluator'],
      },
    },
    platformAdmin: {
      identity: {
        subject: actors.platformAdmin,
        organisation: { type: 'PLATFORM', id: 'sc' },
        roles: ['platform-admin'],
      },
    },
    areas: {
      ids: data.housing.areas.map((a) => a.id),
      inMunicipality: data.housing.areas.filter((a) => a.municipalityCode === code).map((a) => a.id),
    },
    indicatorYears: { from: Math.min(...years), to: Math.max(...years) },
    latestListYear: data.asOf >= `${asOfYear}-12-01` ? asOfYear : asOfYear - 1,
    settlementPeriods: data.finance.settlementPeriods,
  };
}

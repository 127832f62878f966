// Area indicators from CSV: a header line naming the columns, then one line per area and year. Every row is
// checked; every problem is reported with its line and reason, and a file with a problem imports nothing.
import { parse } from 'csv-parse/sync';
import type { AreaYearIndicators, Ppm } from './indicators';

/** The columns, as the header must name them (in any order). */
export const INDICATOR_COLUMNS = [
  'area_id',
  'year',
  'residents',
  'outside_work_or_education_pct',
  'conviction_pct',
  'national_conviction_pct',
  'basic_schooling_only_pct',
  'income_of_region_pct',
  'non_western_pct',
  'open_municipal_case_pct',
] as const;
type Column = (typeof INDICATOR_COLUMNS)[number];

/** `open_municipal_case_pct` may be left empty: the law's lists do not use it. */
const OPTIONAL: readonly Column[] = ['open_municipal_case_pct'];

export const FIRST_YEAR = 2010;
export const LAST_YEAR = 2100;

export interface ImportProblem {
  /** The line of the file (1 is the header). */
  line: number;
  column?: string;
  reason: string;
}

export interface ParsedIndicators {
  rows: AreaYearIndicators[];
  problems: ImportProblem[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A percentage with at most four decimals (a point or, in a semicolon-separated file, a comma) as parts per
 * million, exactly: "40.0001" is 400,001. Never through floating point.
 */
export function percentToPpm(text: string, max: number, decimalComma: boolean): Ppm | string {
  const pattern = decimalComma ? /^(\d{1,4})(?:[.,](\d{1,4}))?$/ : /^(\d{1,4})(?:\.(\d{1,4}))?$/;
  const match = pattern.exec(text.trim());
  if (!match) return `"${text.slice(0, 40)}" is not a percentage with at most four decimals`;
  const ppm = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
  if (ppm > max * 10_000) return `${text.trim()} is more than ${max} %`;
  return ppm;
}

const PERCENT_LIMITS: Partial<Record<Column, number>> = {
  outside_work_or_education_pct: 100,
  conviction_pct: 100,
  national_conviction_pct: 100,
  basic_schooling_only_pct: 100,
  income_of_region_pct: 1000,
  non_western_pct: 100,
  open_municipal_case_pct: 100,
};

function integer(text: string, min: number, max: number): number | string {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return `"${trimmed.slice(0, 40)}" is not a whole number`;
  const value = Number(trimmed);
  if (value < min || value > max) return `${value} is outside ${min}-${max}`;
  return value;
}

/** Parses and checks a whole file. `maxRows` bounds what is read (a mutation's small batch, say). */
export function parseIndicatorCsv(text: string, maxRows = Number.POSITIVE_INFINITY): ParsedIndicators {
  const problems: ImportProblem[] = [];
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, reason: `not readable as CSV: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, reason: 'the file is empty' }] };
  const names = header.record.map((name) => name.toLowerCase());
  const index = new Map<string, number>(names.map((name, i) => [name, i]));
  const missing = INDICATOR_COLUMNS.filter((c) => !index.has(c) && !OPTIONAL.includes(c));
  const unknown = names.filter((name) => !(INDICATOR_COLUMNS as readonly string[]).includes(name));
  if (missing.length) problems.push({ line: 1, reason: `the header lacks ${missing.join(', ')}` });
  if (unknown.length) problems.push({ line: 1, reason: `unknown columns: ${unknown.join(', ')}` });
  if (problems.length) return { rows: [], problems };
  if (body.length > maxRows) {
    return { rows: [], problems: [{ line: 1, reason: `${body.length} rows; at most ${maxRows} here` }] };
  }

  const rows: AreaYearIndicators[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== names.length) {
      problems.push({ line, reason: `${record.length} fields; the header has ${names.length}` });
      continue;
    }
    const get = (column: Column) => {
      const i = index.get(column);
      return i === undefined ? '' : (record[i] ?? '');
    };
    const rowProblems: ImportProblem[] = [];
    const fail = (column: Column, reason: string) => rowProblems.push({ line, column, reason });
    const areaId = get('area_id');
    if (!UUID.test(areaId)) fail('area_id', `"${areaId.slice(0, 40)}" is not an area id`);
    const year = integer(get('year'), FIRST_YEAR, LAST_YEAR);
    if (typeof year === 'string') fail('year', year);
    const residents = integer(get('residents'), 0, 1_000_000);
    if (typeof residents === 'string') fail('residents', residents);
    const shares: Partial<Record<Column, Ppm | null>> = {};
    for (const [column, max] of Object.entries(PERCENT_LIMITS) as [Column, number][]) {
      const raw = get(column);
      if (raw === '' && OPTIONAL.includes(column)) {
        shares[column] = null;
        continue;
      }
      if (raw === '') {
        fail(column, 'missing');
        continue;
      }
      const ppm = percentToPpm(raw, max, delimiter === ';');
      if (typeof ppm === 'string') fail(column, ppm);
      else shares[column] = ppm;
    }
    if (shares.national_conviction_pct === 0) fail('national_conviction_pct', 'the national average cannot be 0');
    if (typeof year === 'number' && UUID.test(areaId)) {
      const key = `${areaId.toLowerCase()}|${year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) fail('year', `area ${areaId} and ${year} are on line ${earlier} already`);
      else seen.set(key, line);
    }
    if (rowProblems.length || typeof year !== 'number' || typeof residents !== 'number') {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({
      areaId: areaId.toLowerCase(),
      year,
      residents,
      outsideWorkOrEducationPpm: shares.outside_work_or_education_pct as Ppm,
      convictionPpm: shares.conviction_pct as Ppm,
      nationalConvictionPpm: shares.national_conviction_pct as Ppm,
      basicSchoolingOnlyPpm: shares.basic_schooling_only_pct as Ppm,
      incomeOfRegionPpm: shares.income_of_region_pct as Ppm,
      nonWesternPpm: shares.non_western_pct as Ppm,
      openMunicipalCasePpm: shares.open_municipal_case_pct ?? null,
    });
  }
  if (!body.length && !problems.length) problems.push({ line: 2, reason: 'the file has a header but no rows' });
  return { rows, problems };
}

/** The header of a file the importer reads (the order of an export). */
export function indicatorCsvHeader(): string {
  return INDICATOR_COLUMNS.join(';');
}

// Area indicators in the database: imported in one transaction in multi-row batches (a file imports whole or
// not at all), read by area and by year.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { type ConnectionArgs, badUserInput, isId, paginate } from '@second-chance/service-kit';
import { type ImportProblem, parseIndicatorCsv } from '../domain/indicator-csv';
import type { AreaYearIndicators } from '../domain/indicators';
import { AreaIndicatorsEntity, IndicatorImportEntity } from '../entities';

/** Rows written per statement: a multi-row insert through `unnest`, one round trip per batch. */
export const IMPORT_BATCH = 2_000;

/** Rows a mutation imports at most; the command line takes files of any size. */
export const MAX_MUTATION_ROWS = 2_000;

export interface ImportOptions {
  source: string | null;
  importedBy: string;
  /** Called after each batch with the rows written so far. */
  progress?: (written: number, total: number) => void;
}

/** The import's problems as a BAD_USER_INPUT error: each with its line and reason (the first 100). */
export function importRefused(problems: readonly ImportProblem[]) {
  const shown = problems.slice(0, 100);
  return badUserInput(
    `the file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported. ` +
      shown
        .slice(0, 3)
        .map((p) => `line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.reason}`)
        .join('; '),
    shown.map((p) => ({ path: `line ${p.line}${p.column ? `.${p.column}` : ''}`, message: p.reason })),
  );
}

async function writeBatch(em: EntityManager, rows: readonly AreaYearIndicators[], importId: string): Promise<number> {
  const column = <K extends keyof AreaYearIndicators>(key: K) => rows.map((r) => r[key]);
  const result: { replaced: boolean }[] = await em.query(
    `INSERT INTO area_indicators (area_id, year, residents, outside_work_or_education_ppm, conviction_ppm,
       national_conviction_ppm, basic_schooling_only_ppm, income_of_region_ppm, non_western_ppm,
       open_municipal_case_ppm, import_id, imported_at)
     SELECT *, $11::uuid, now() FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[],
       $7::int[], $8::int[], $9::int[], $10::int[])
     ON CONFLICT (area_id, year) DO UPDATE SET
       residents = EXCLUDED.residents,
       outside_work_or_education_ppm = EXCLUDED.outside_work_or_education_ppm,
       conviction_ppm = EXCLUDED.conviction_ppm,
       national_conviction_ppm = EXCLUDED.national_conviction_ppm,
       basic_schooling_only_ppm = EXCLUDED.basic_schooling_only_ppm,
       income_of_region_ppm = EXCLUDED.income_of_region_ppm,
       non_western_ppm = EXCLUDED.non_western_ppm,
       open_municipal_case_ppm = EXCLUDED.open_municipal_case_ppm,
       import_id = EXCLUDED.import_id,
       imported_at = EXCLUDED.imported_at
     RETURNING (xmax <> 0) AS replaced`,
    [
      column('areaId'),
      column('year'),
      column('residents'),
      column('outsideWorkOrEducationPpm'),
      column('convictionPpm'),
      column('nationalConvictionPpm'),
      column('basicSchoolingOnlyPpm'),
      column('incomeOfRegionPpm'),
      column('nonWesternPpm'),
      column('openMunicipalCasePpm'),
      importId,
    ],
  );
  return result.filter((r) => r.replaced).length;
}

/** Writes checked rows in one transaction. */
export async function importIndicators(
  db: DataSource,
  rows: readonly AreaYearIndicators[],
  options: ImportOptions,
): Promise<IndicatorImportEntity> {
  return db.transaction(async (em) => {
    const imports = em.getRepository(IndicatorImportEntity);
    const record = await imports.save(
      imports.create({ source: options.source, rows: rows.length, replaced: 0, importedBy: options.importedBy }),
    );
    let replaced = 0;
    for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
      replaced += await writeBatch(em, rows.slice(start, start + IMPORT_BATCH), record.id);
      options.progress?.(Math.min(start + IMPORT_BATCH, rows.length), rows.length);
    }
    record.replaced = replaced;
    await imports.update(record.id, { replaced });
    return record;
  });
}

/** The mutation: parse, check, and import all or nothing. */
export async function importIndicatorCsv(
  db: DataSource,
  identity: Identity,
  input: { csv: string; source?: string | null },
): Promise<IndicatorImportEntity> {
  if (input.csv.length > 1_000_000) {
    throw badUserInput('csv: at most 1,000,000 characters here; use the command line for larger files', [
      { path: 'input.csv', message: 'too long' },
    ]);
  }
  const source = input.source?.trim().slice(0, 200) || null;
  const parsed = parseIndicatorCsv(input.csv, MAX_MUTATION_ROWS);
  if (parsed.problems.length) throw importRefused(parsed.problems);
  return importIndicators(db, parsed.rows, { source, importedBy: identity.subject });
}

export function toDomain(row: AreaIndicatorsEntity): AreaYearIndicators {
  return {
    areaId: row.areaId,
    year: row.year,
    residents: row.residents,
    outsideWorkOrEducationPpm: row.outsideWorkOrEducationPpm,
    convictionPpm: row.convictionPpm,
    nationalConvictionPpm: row.nationalConvictionPpm,
    basicSchoolingOnlyPpm: row.basicSchoolingOnlyPpm,
    incomeOfRegionPpm: row.incomeOfRegionPpm,
    nonWesternPpm: row.nonWesternPpm,
    openMunicipalCasePpm: row.openMunicipalCasePpm,
  };
}

export function checkIds(ids: readonly string[] | null | undefined, path: string): string[] | null {
  if (!ids) return null;
  if (ids.length > 1000) throw badUserInput(`${path}: at most 1,000 ids`, [{ path, message: 'too many' }]);
  for (const id of ids)
    if (!isId(id)) throw badUserInput(`${path}: ${id.slice(0, 40)} is not an id`, [{ path, message: 'not an id' }]);
  return [...ids];
}

export function listIndicators(
  db: DataSource,
  filter: { year?: number | null; areaIds?: readonly string[] | null },
  args: ConnectionArgs,
) {
  const query = db.getRepository(AreaIndicatorsEntity).createQueryBuilder('i');
  if (filter.year != null) query.andWhere('i.year = :year', { year: filter.year });
  const ids = checkIds(filter.areaIds, 'filter.areaIds');
  if (ids) query.andWhere(ids.length ? 'i.area_id IN (:...ids)' : 'false', { ids });
  return paginate(
    query,
    args,
    [
      { sql: 'i.year', value: (r) => r.year },
      { sql: 'i.area_id', value: (r) => r.areaId },
    ],
    'DESC',
  );
}

export function listImports(db: DataSource, args: ConnectionArgs) {
  return paginate(
    db.getRepository(IndicatorImportEntity).createQueryBuilder('import'),
    args,
    [
      { sql: 'import.imported_at', value: (r) => r.importedAt.toISOString() },
      { sql: 'import.id', value: (r) => r.id },
    ],
    'DESC',
  );
}

/** Every year of the given areas' figures (all areas with figures when `areaIds` is null), by area. */
export async function historiesOf(
  db: DataSource,
  areaIds: readonly string[] | null,
  years?: { from: number; to: number },
): Promise<Map<string, AreaYearIndicators[]>> {
  const query = db
    .getRepository(AreaIndicatorsEntity)
    .createQueryBuilder('i')
    .orderBy('i.area_id')
    .addOrderBy('i.year');
  if (areaIds) query.andWhere(areaIds.length ? 'i.area_id IN (:...areaIds)' : 'false', { areaIds });
  if (years) query.andWhere('i.year BETWEEN :from AND :to', years);
  const rows = await query.getMany();
  const byArea = new Map<string, AreaYearIndicators[]>();
  for (const row of rows) {
    const list = byArea.get(row.areaId) ?? [];
    list.push(toDomain(row));
    byArea.set(row.areaId, list);
  }
  return byArea;
}

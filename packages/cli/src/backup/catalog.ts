// What a service's database holds, read from PostgreSQL's catalog: the tables with their columns, the sequences,
// and whether the database holds anything at all. Works the same on every PostgreSQL from 12 on.
import type pg from 'pg';
import type { BackupSequence, BackupTable } from './format';

/**
 * Tables left out of the rows: each schema's migration bookkeeping (TypeORM's `public.migrations`, the job queue's
 * `graphile_worker.migrations`). A restore rebuilds them by running the migrations themselves.
 */
export const BOOKKEEPING_TABLE = 'migrations';

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;
const NOT_FROM_AN_EXTENSION = `NOT EXISTS (
  SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

/** Session settings under which COPY's text is the same on every server (dates, times, numbers, bytes). */
export const PORTABLE_TEXT = [
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL extra_float_digits = 3`,
  `SET LOCAL bytea_output = 'hex'`,
  `SET LOCAL client_encoding = 'UTF8'`,
  // Never silently fewer rows: a table whose policies would hide rows from this user is an error instead.
  `SET LOCAL row_security = off`,
];

export function tableName(client: pg.ClientBase, table: { schema: string; name: string }): string {
  return `${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)}`;
}

export function columnList(client: pg.ClientBase, table: BackupTable): string {
  return table.columns.map((column) => client.escapeIdentifier(column.name)).join(', ');
}

/** Every ordinary table of the database's own schemas with the columns a row is written with, by name. */
export async function listTables(client: pg.ClientBase): Promise<BackupTable[]> {
  const { rows } = await client.query<BackupTable>(
    `SELECT n.nspname AS schema, c.relname AS name,
            (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod))
                             ORDER BY a.attnum)
               FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence <> 't'
        AND ${USER_SCHEMAS} AND ${NOT_FROM_AN_EXTENSION}
      ORDER BY n.nspname, c.relname`,
  );
  return rows.map((row) => ({ ...row, columns: row.columns ?? [] }));
}

/** The tables whose rows a backup holds. */
export function dataTables(tables: readonly BackupTable[]): BackupTable[] {
  return tables.filter((table) => table.name !== BOOKKEEPING_TABLE && table.columns.length > 0);
}

/** Every sequence of the database's own schemas but the bookkeeping tables', with where it stands. */
export async function readSequences(client: pg.ClientBase): Promise<BackupSequence[]> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND ${USER_SCHEMAS} AND ${NOT_FROM_AN_EXTENSION}
        AND NOT EXISTS (
          SELECT 1 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')
             AND t.relname = '${BOOKKEEPING_TABLE}')
      ORDER BY n.nspname, c.relname`,
  );
  const sequences: BackupSequence[] = [];
  for (const sequence of rows) {
    const [state] = (
      await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text AS last_value, is_called FROM ${tableName(client, sequence)}`,
      )
    ).rows;
    if (state) sequences.push({ ...sequence, lastValue: state.last_value, isCalled: state.is_called });
  }
  return sequences;
}

/** The service's applied migrations, oldest first; null when the database has no `public.migrations`. */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[] | null> {
  const { rows: exists } = await client.query<{ found: boolean }>(
    `SELECT to_regclass('public.${BOOKKEEPING_TABLE}') IS NOT NULL AS found`,
  );
  if (!exists[0]?.found) return null;
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM public.${BOOKKEEPING_TABLE} ORDER BY id`);
  return rows.map((row) => row.name);
}

/** How many tables, views and sequences the database's own schemas hold (0: an empty database). */
export async function countRelations(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_SCHEMAS} AND ${NOT_FROM_AN_EXTENSION}`,
  );
  return rows[0]?.count ?? 0;
}

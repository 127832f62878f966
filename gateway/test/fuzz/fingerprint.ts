// A fingerprint of a subgraph's database: for every user table, its row count and a hash of its rows' content
// (the sum of a 64-bit hash of each row's text, PostgreSQL's hashtextextended: a sum does not depend on the rows'
// order, so no sort is needed). Two equal fingerprints mean no row was inserted, changed or deleted in between.
//
// Hashing every row's text before every call gets slow once tables hold thousands of wide rows (an allocation
// round's proposals explain every vacancy they pass over). So each table's rows are first summed by where each
// row version lives and which transaction wrote it (ctid, xmin), which reads no row content: under MVCC every
// committed insert, update or delete leaves a row version with a new ctid and xmin, while a rolled-back one
// leaves nothing visible. Only a table whose versions changed has its content hashed again; an unchanged table
// keeps the content hash it had.
//
// Left out: PostgreSQL's own schemas and graphile-worker's `graphile_worker` schema (the households service's job
// queue: jobs are the worker's bookkeeping, not records). Sequences are not tables, so an id drawn by a refused
// insert changes nothing here.
import type { DataSource } from 'typeorm';

export const EXCLUDED_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast', 'graphile_worker'] as const;

/** `database:schema.table` → `rows:content hash`. */
export type Fingerprint = Record<string, string>;

export interface Fingerprinter {
  readonly tables: readonly string[];
  take(): Promise<Fingerprint>;
}

export async function fingerprinter(name: string, db: DataSource): Promise<Fingerprinter> {
  const rows = await db.query<{ name: string }[]>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname <> ALL($1::text[]) AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1`,
    [EXCLUDED_SCHEMAS],
  );
  const tables = rows.map((r) => r.name);
  if (tables.length === 0) throw new Error(`${name}: no tables to fingerprint`);
  const sum = (of: string) => `coalesce(sum(hashtextextended(${of}, 0)::numeric), 0)::text`;
  // One statement for the whole database: per table, the row count and the sum over its row versions.
  const versionsSql = tables
    .map(
      (table, i) =>
        `SELECT ${i} AS i, count(*)::text || ':' || ${sum(`t.ctid::text || '/' || t.xmin::text`)} AS print FROM ${table} t`,
    )
    .join(' UNION ALL ');
  const contentSql = (table: string) => `SELECT count(*)::text || ':' || ${sum('t::text')} AS print FROM ${table} t`;
  const known = new Map<string, { versions: string; content: string }>();
  return {
    tables,
    take: async () => {
      const versions = await db.query<{ i: number; print: string }[]>(versionsSql);
      const fingerprint: Fingerprint = {};
      for (const { i, print } of versions) {
        const table = tables[i]!;
        let seen = known.get(table);
        if (seen?.versions !== print) {
          const [content] = await db.query<{ print: string }[]>(contentSql(table));
          seen = { versions: print, content: content!.print };
          known.set(table, seen);
        }
        fingerprint[`${name}:${table}`] = seen.content;
      }
      return fingerprint;
    },
  };
}

/** The tables whose fingerprint differs, with before and after. */
export function differences(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).map((n) => `${n} ${before[n]} -> ${after[n]}`);
}

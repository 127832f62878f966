// Finishing a key rotation: every stored ciphertext not under the current key is decrypted and encrypted again
// under it, and (when asked) every CPR search hash is computed again with the current CPR_HASH_KEY. The work runs
// in batches, each batch one transaction; a value the service changes meanwhile is left to the service (it
// wrote it under the current key). Running it again does only what is left, so an interrupted run resumes.
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@second-chance/db';
import type { PersonalDataCipher } from './cipher';

/** A column holding `v1:<key id>:…` ciphertexts, in a table whose primary key is a uuid `id`. */
export interface EncryptedColumn {
  table: string;
  column: string;
}

/** A value that could not be decrypted: it stays as it is, and the run reports it. */
export interface UnreadableValue extends EncryptedColumn {
  id: string;
  keyId: string;
  reason: string;
}

export interface ColumnRotation extends EncryptedColumn {
  /** Values now under the current key, by the key they were under. */
  reencrypted: Record<string, number>;
  /** Values the service changed between reading and writing (the service writes under the current key). */
  changedMeanwhile: number;
  unreadable: UnreadableValue[];
}

export interface CprRehash {
  /** Members whose hash did not match the current CPR_HASH_KEY (all of them were rewritten unless `dryRun`). */
  stale: number;
  rehashed: number;
  changedMeanwhile: number;
  /** Members whose new hash another current member already holds: the same CPR number twice (not rewritten). */
  conflicts: string[];
  unreadable: UnreadableValue[];
}

export interface RotationProgress extends EncryptedColumn {
  /** Values rewritten by this batch. */
  written: number;
  /** Rows looked at so far in this column. */
  examined: number;
}

export interface RotationOptions {
  batchSize?: number;
  /** Called after each batch has committed. */
  onBatch?: (progress: RotationProgress) => void | Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 500;

const CPR_COLUMN: EncryptedColumn = { table: 'household_member', column: 'cpr_ciphertext' };

/** Every `*_ciphertext` column of the service's entities (tables keyed by a uuid `id`). */
export function encryptedColumns(db: DataSource): EncryptedColumn[] {
  const columns = db.entityMetadatas.flatMap((entity) =>
    entity.columns
      .filter((column) => column.databaseName.endsWith('_ciphertext'))
      .map((column) => {
        const [primary, ...more] = entity.primaryColumns;
        if (!primary || more.length > 0 || primary.databaseName !== 'id' || primary.type !== 'uuid') {
          throw new Error(`${entity.tableName}.${column.databaseName}: key rotation needs a uuid primary key "id"`);
        }
        return { table: entity.tableName, column: column.databaseName };
      }),
  );
  const name = (c: EncryptedColumn) => `${c.table}.${c.column}`;
  return columns.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function keyIdOf(stored: string): string {
  return stored.split(':')[1] ?? '?';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface MemberRow {
  id: string;
  value: string;
  hash: string | null;
}

/** Re-encrypts, column by column, every value not under the cipher's current key. */
export async function reencryptPersonalData(
  db: DataSource,
  cipher: PersonalDataCipher,
  options: RotationOptions = {},
): Promise<ColumnRotation[]> {
  const reports: ColumnRotation[] = [];
  for (const column of encryptedColumns(db)) reports.push(await reencryptColumn(db, cipher, column, options));
  return reports;
}

async function reencryptColumn(
  db: DataSource,
  cipher: PersonalDataCipher,
  { table, column }: EncryptedColumn,
  options: RotationOptions,
): Promise<ColumnRotation> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: ColumnRotation = { table, column, reencrypted: {}, changedMeanwhile: 0, unreadable: [] };
  const t = ident(table);
  const c = ident(column);
  let after: string | null = null;
  let examined = 0;
  for (;;) {
    const rows: { id: string; value: string }[] = await db.query<{ id: string; value: string }[]>(
      `SELECT id::text AS id, ${c} AS value FROM ${t}
        WHERE ${c} IS NOT NULL AND split_part(${c}, ':', 2) <> $1 ${after === null ? '' : 'AND id > $3::uuid'}
        ORDER BY id LIMIT $2`,
      after === null ? [cipher.currentKeyId, batchSize] : [cipher.currentKeyId, batchSize, after],
    );
    if (rows.length === 0) return report;
    after = rows[rows.length - 1]?.id ?? null;
    examined += rows.length;

    const ids: string[] = [];
    const stale: string[] = [];
    const fresh: string[] = [];
    const keyIds: string[] = [];
    for (const row of rows) {
      try {
        fresh.push(cipher.encrypt(cipher.decrypt(row.value)));
        ids.push(row.id);
        stale.push(row.value);
        keyIds.push(keyIdOf(row.value));
      } catch (error) {
        report.unreadable.push({ table, column, id: row.id, keyId: keyIdOf(row.value), reason: reasonOf(error) });
      }
    }
    const written = await db.transaction(async (em) => {
      if (ids.length === 0) return new Set<string>();
      const updated = await em.query<{ id: string }[]>(
        `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, stale, fresh)),
              updated AS (UPDATE ${t} AS t SET ${c} = v.fresh FROM v
                           WHERE t.id = v.id AND t.${c} = v.stale RETURNING t.id::text AS id)
         SELECT id FROM updated`,
        [ids, stale, fresh],
      );
      return new Set(updated.map((row) => row.id));
    });
    ids.forEach((id, i) => {
      if (!written.has(id)) {
        report.changedMeanwhile += 1;
        return;
      }
      const keyId = keyIds[i] ?? '?';
      report.reencrypted[keyId] = (report.reencrypted[keyId] ?? 0) + 1;
    });
    await options.onBatch?.({ table, column, written: written.size, examined });
  }
}

/**
 * Computes every current CPR search hash again with the cipher's CPR_HASH_KEY, from the decrypted number (the
 * hash cannot be turned into another without it). `dryRun` only counts the hashes that do not match.
 */
export async function rehashCprNumbers(
  db: DataSource,
  cipher: PersonalDataCipher,
  options: RotationOptions & { dryRun?: boolean } = {},
): Promise<CprRehash> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: CprRehash = { stale: 0, rehashed: 0, changedMeanwhile: 0, conflicts: [], unreadable: [] };
  let after: string | null = null;
  let examined = 0;
  for (;;) {
    const rows: MemberRow[] = await db.query<MemberRow[]>(
      `SELECT id::text AS id, cpr_ciphertext AS value, cpr_hash AS hash FROM household_member
        WHERE cpr_ciphertext IS NOT NULL ${after === null ? '' : 'AND id > $2::uuid'}
        ORDER BY id LIMIT $1`,
      after === null ? [batchSize] : [batchSize, after],
    );
    if (rows.length === 0) return report;
    after = rows[rows.length - 1]?.id ?? null;
    examined += rows.length;

    const changes: { id: string; stale: string | null; fresh: string }[] = [];
    for (const row of rows) {
      try {
        const fresh = cipher.cprHash(cipher.decrypt(row.value));
        if (fresh !== row.hash) changes.push({ id: row.id, stale: row.hash, fresh });
      } catch (error) {
        report.unreadable.push({ ...CPR_COLUMN, id: row.id, keyId: keyIdOf(row.value), reason: reasonOf(error) });
      }
    }
    report.stale += changes.length;
    if (options.dryRun || changes.length === 0) continue;

    let written: Set<string>;
    try {
      written = await db.transaction((em) => rehash(em, changes));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Two current members would share a hash: write the others one by one and report the clashes.
      written = new Set();
      for (const change of changes) {
        try {
          for (const id of await db.transaction((em) => rehash(em, [change]))) written.add(id);
        } catch (single) {
          if (!isUniqueViolation(single)) throw single;
          report.conflicts.push(change.id);
        }
      }
    }
    report.rehashed += written.size;
    report.changedMeanwhile += changes.filter((c) => !written.has(c.id) && !report.conflicts.includes(c.id)).length;
    await options.onBatch?.({ ...CPR_COLUMN, column: 'cpr_hash', written: written.size, examined });
  }
}

async function rehash(
  em: EntityManager,
  changes: readonly { id: string; stale: string | null; fresh: string }[],
): Promise<Set<string>> {
  const updated = await em.query<{ id: string }[]>(
    `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, stale, fresh)),
          updated AS (UPDATE household_member AS m SET cpr_hash = v.fresh FROM v
                       WHERE m.id = v.id AND m.cpr_hash IS NOT DISTINCT FROM v.stale RETURNING m.id::text AS id)
     SELECT id FROM updated`,
    [changes.map((c) => c.id), changes.map((c) => c.stale), changes.map((c) => c.fresh)],
  );
  return new Set(updated.map((row) => row.id));
}

/** How many stored values are under a key other than the current one, by column and key id. */
export async function valuesNotUnderCurrentKey(
  db: DataSource,
  cipher: PersonalDataCipher,
): Promise<(EncryptedColumn & { byKey: Record<string, number> })[]> {
  const result: (EncryptedColumn & { byKey: Record<string, number> })[] = [];
  for (const { table, column } of encryptedColumns(db)) {
    const c = ident(column);
    const rows = await db.query<{ key: string; count: number }[]>(
      `SELECT split_part(${c}, ':', 2) AS key, count(*)::int AS count FROM ${ident(table)}
        WHERE ${c} IS NOT NULL AND split_part(${c}, ':', 2) <> $1 GROUP BY 1 ORDER BY 1`,
      [cipher.currentKeyId],
    );
    result.push({ table, column, byKey: Object.fromEntries(rows.map((row) => [row.key || '?', row.count])) });
  }
  return result;
}

// Restores a backup of one service's database:
//
// 1. reads the whole file and checks it (frames, checksums, the service, migrations this version knows) before
//    anything changes;
// 2. refuses a database that holds anything, unless told to replace it (then drops it; it must not be in use);
//    creates the database when it does not exist;
// 3. runs the service's own migrations up to those the backup recorded (and prepares the service's job queue),
//    so the tables are exactly those the rows came from, and checks every table and column is there;
// 4. in one transaction, with triggers and foreign keys quiet (`session_replication_role = replica`: the
//    append-only tables' triggers would refuse TRUNCATE), empties the tables (migrations may seed rows), copies
//    every table's rows in, sets every sequence where it stood, and reads every table back to check its row
//    count and row digest against the backup's; anything amiss rolls it all back;
// 5. ANALYZE, so the planner knows the new rows.
//
// A database this run created is dropped again if the restore fails, so it can simply be run again.
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import {
  createDataSource,
  databaseName,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  withDatabase,
} from '@second-chance/db';
import { type Logger, createLogger } from '@second-chance/service-kit';
import { PORTABLE_TEXT, columnList, countRelations, listTables, tableName } from './catalog';
import { type BackupTable, type Manifest, TableDigest, qualified } from './format';
import { readBackup } from './read';
import { type ServiceName, migrationsOf, serviceModule } from './services';

export interface RestoreOptions {
  service: ServiceName;
  /** The database to restore into (created if missing), as a user that may create it and set session_replication_role. */
  databaseUrl: string;
  file: string;
  /** Drop a database that holds anything and restore in its place. */
  replace?: boolean;
  log?: Logger;
  onStep?: (line: string) => void;
}

export interface RestoreReport {
  manifest: Manifest;
  /** The database was created (it did not exist, or it was replaced). */
  created: boolean;
  replaced: boolean;
  tables: number;
  rows: number;
  ms: number;
}

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';
const OBJECT_IN_USE = '55006';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'second-chance-restore' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What is at the target now: nothing, an empty database, or one holding this many tables, views and sequences. */
async function targetState(url: string): Promise<'missing' | number> {
  const name = databaseName(url);
  const exists = await withClient(withDatabase(url, 'postgres'), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return Boolean(rowCount);
  });
  return exists ? withClient(url, countRelations) : 'missing';
}

/** Refuses before anything changes when the login user may not load rows past triggers and foreign keys. */
async function checkPrivileges(url: string): Promise<void> {
  await withClient(withDatabase(url, 'postgres'), async (client) => {
    const [login] = (await client.query<{ user: string }>('SELECT current_user AS user')).rows;
    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
      const user = login?.user ?? '<login user>';
      throw new RestoreError(
        `the database user ${user} may not set session_replication_role, which loading past the append-only ` +
          `triggers and foreign keys needs: restore as a superuser, or (PostgreSQL 15 and later) have an ` +
          `administrator run GRANT SET ON PARAMETER session_replication_role TO ${user}`,
      );
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}

/** Checks that every table and column of the backup is in the migrated database, with the same type. */
async function compareSchema(client: pg.Client, manifest: Manifest): Promise<void> {
  const present = new Map((await listTables(client)).map((table) => [qualified(table), table]));
  const problems: string[] = [];
  for (const table of manifest.tables) {
    const found = present.get(qualified(table));
    if (!found) {
      problems.push(`table ${qualified(table)} is missing`);
      continue;
    }
    const columns = new Map(found.columns.map((column) => [column.name, column.type]));
    for (const column of table.columns) {
      const type = columns.get(column.name);
      if (type === undefined) problems.push(`column ${qualified(table)}.${column.name} is missing`);
      else if (type !== column.type) {
        problems.push(`column ${qualified(table)}.${column.name} is ${type}, the backup has ${column.type}`);
      }
    }
  }
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%s.%s', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S'`,
  );
  const sequences = new Set(rows.map((row) => row.name));
  for (const sequence of manifest.sequences) {
    if (!sequences.has(qualified(sequence))) problems.push(`sequence ${qualified(sequence)} is missing`);
  }
  if (problems.length) {
    throw new RestoreError(
      `after the migrations the database does not have the backup's tables: ${problems.slice(0, 20).join('; ')}` +
        (problems.length > 20 ? ` (and ${problems.length - 20} more)` : ''),
    );
  }
}

/** Writes a chunk, waiting while the stream is full; fails when the stream fails. */
function send(stream: Writable, chunk: Buffer): Promise<void> {
  if (stream.errored) return Promise.reject(stream.errored);
  return new Promise((resolve, reject) => {
    if (stream.write(chunk)) return resolve();
    const fail = (error: Error) => {
      stream.off('drain', drained);
      reject(error);
    };
    const drained = () => {
      stream.off('error', fail);
      resolve();
    };
    stream.once('error', fail);
    stream.once('drain', drained);
  });
}

function ended(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    stream.once('error', reject);
    stream.once('finish', () => resolve());
    stream.end();
  });
}

/** Loads every table's rows in one transaction and checks them against the backup; commits only if all match. */
async function load(client: pg.Client, options: RestoreOptions, manifest: Manifest): Promise<number> {
  const summaries = new Map(manifest.summaries.map((summary) => [qualified(summary), summary]));
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL session_replication_role = replica');
    for (const statement of PORTABLE_TEXT) await client.query(statement);
    if (manifest.tables.length) {
      await client.query(`TRUNCATE ${manifest.tables.map((table) => tableName(client, table)).join(', ')}`);
    }

    let copy: { table: BackupTable; stream: ReturnType<typeof copyFrom> } | undefined;
    const failed = (table: BackupTable, error: unknown) =>
      new RestoreError(`loading ${qualified(table)} failed: ${error instanceof Error ? error.message : String(error)}`);
    await readBackup(options.file, {
      rows: async (table, chunk) => {
        copy ??= {
          table,
          stream: client.query(copyFrom(`COPY ${tableName(client, table)} (${columnList(client, table)}) FROM STDIN`)),
        };
        await send(copy.stream, chunk).catch((error: unknown) => {
          throw failed(table, error);
        });
      },
      tableEnd: async (table, summary) => {
        let loaded = 0;
        if (copy) {
          const { stream } = copy;
          copy = undefined;
          await ended(stream).catch((error: unknown) => {
            throw failed(table, error);
          });
          loaded = stream.rowCount;
        }
        if (loaded !== summary.rows) {
          throw new RestoreError(`${qualified(table)}: ${loaded} rows loaded, the backup holds ${summary.rows}`);
        }
      },
    });

    for (const sequence of manifest.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        tableName(client, sequence),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }

    // Read back: every table holds exactly the backup's rows (the digest does not depend on their order).
    let rows = 0;
    for (const table of manifest.tables) {
      const digest = new TableDigest();
      const stream = client.query(
        copyTo(`COPY (SELECT ${columnList(client, table)} FROM ${tableName(client, table)}) TO STDOUT`),
      );
      for await (const chunk of stream as AsyncIterable<Buffer>) digest.update(chunk);
      const found = digest.finish(table);
      const expected = summaries.get(qualified(table));
      if (!expected || found.rows !== expected.rows || found.rowDigest !== expected.rowDigest) {
        throw new RestoreError(
          `${qualified(table)} does not read back as the backup holds it ` +
            `(${found.rows} rows, digest ${found.rowDigest}; the backup: ${expected?.rows ?? '?'} rows, ${expected?.rowDigest ?? '?'})`,
        );
      }
      rows += found.rows;
    }
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreReport> {
  const started = Date.now();
  const step = options.onStep ?? (() => undefined);
  const url = options.databaseUrl;
  const name = databaseName(url);
  const module = serviceModule(options.service);

  // 1. The whole file, before anything changes.
  const manifest = await readBackup(options.file);
  if (manifest.service !== options.service) {
    throw new RestoreError(`${options.file} is a backup of the ${manifest.service} service, not of ${options.service}`);
  }
  const known = migrationsOf(module);
  const unknown = manifest.migrations.filter((migration, i) => known[i]?.name !== migration);
  if (unknown.length) {
    throw new RestoreError(
      `the backup was taken after migrations this version of the ${options.service} service does not have ` +
        `(${unknown.join(', ')}): restore it with the version that took it, or a later one`,
    );
  }
  step(
    `${options.file}: ${options.service}, taken ${manifest.createdAt} from PostgreSQL ${manifest.serverVersion}; ` +
      `${manifest.tables.length} tables, ${manifest.summaries.reduce((n, s) => n + s.rows, 0)} rows; checksums match`,
  );

  // 2. The target.
  const state = await targetState(url);
  if (typeof state === 'number' && state > 0 && !options.replace) {
    throw new RestoreError(
      `${name} is not empty (${state} tables, views and sequences): restore into a new or empty database, ` +
        `or pass --replace to drop it and restore in its place`,
    );
  }
  await checkPrivileges(url);
  let replaced = false;
  if (typeof state === 'number' && state > 0) {
    try {
      await withClient(withDatabase(url, 'postgres'), (client) =>
        client.query(`DROP DATABASE ${client.escapeIdentifier(name)}`),
      );
    } catch (error) {
      if ((error as { code?: string }).code === OBJECT_IN_USE) {
        throw new RestoreError(
          `${name} is in use: stop the ${options.service} service (and anything else connected to it) first`,
        );
      }
      throw error;
    }
    replaced = true;
    step(`dropped ${name}`);
  }
  const created = await ensureDatabase(url);
  if (created) step(`created ${name}`);

  try {
    // 3. The service's own migrations, up to those the backup recorded.
    const dataSource = createDataSource({
      url,
      entities: module.entities,
      migrations: known.slice(0, manifest.migrations.length).map((m) => m.migration),
      poolSize: 2,
      applicationName: 'second-chance-restore',
    });
    await dataSource.initialize();
    try {
      const applied = await runMigrations(dataSource);
      step(`migrated: ${applied.length ? applied.join(', ') : 'nothing to run'}`);
      const log = options.log ?? createLogger(`${options.service}-restore`, process.env.LOG_LEVEL ?? 'warn');
      await module.background?.prepare({ db: dataSource, databaseUrl: url, log, links: {} });
    } finally {
      await dataSource.destroy();
    }

    // 4. The rows.
    const rows = await withClient(url, async (client) => {
      await compareSchema(client, manifest);
      return load(client, options, manifest);
    });
    step(
      `loaded and checked ${manifest.tables.length} tables, ${rows} rows; ${manifest.sequences.length} sequences set`,
    );

    // 5. Statistics for the planner.
    await withClient(url, (client) => client.query('ANALYZE'));
    return { manifest, created, replaced, tables: manifest.tables.length, rows, ms: Date.now() - started };
  } catch (error) {
    if (created) await dropDatabase(url).catch(() => undefined);
    throw error;
  }
}

// A logical backup of one service's database that any PostgreSQL version can take and restore: one consistent
// snapshot (a read-only REPEATABLE READ transaction), the applied migrations, every table's rows as COPY text,
// the sequences, and checksums (see format.ts). The file is written next to its final name and renamed when
// complete, readable by its owner only: it holds personal data.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { databaseName } from '@second-chance/db';
import {
  PORTABLE_TEXT,
  appliedMigrations,
  columnList,
  dataTables,
  listTables,
  readSequences,
  tableName,
} from './catalog';
import {
  type BackupHeader,
  CHUNK_BYTES,
  FORMAT_VERSION,
  FrameWriter,
  type Manifest,
  TableDigest,
  type TableSummary,
} from './format';
import { type ServiceName, migrationsOf, serviceModule } from './services';

export interface BackupOptions {
  service: ServiceName;
  /** The service's database (its DATABASE_URL), as a user that owns the tables. */
  databaseUrl: string;
  /** The file to write (replaced if it exists, once the backup is complete). */
  file: string;
  onTable?: (summary: TableSummary) => void;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function backupDatabase(options: BackupOptions): Promise<Manifest> {
  const known = migrationsOf(serviceModule(options.service)).map((m) => m.name);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'second-chance-backup' });
  await client.connect();
  const partial = `${options.file}.${randomBytes(4).toString('hex')}.partial`;
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  let complete = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    for (const statement of PORTABLE_TEXT) await client.query(statement);

    const migrations = await appliedMigrations(client);
    if (migrations === null || migrations.some((name) => !known.includes(name))) {
      throw new BackupError(
        `${databaseName(options.databaseUrl)} is not the ${options.service} service's database: ` +
          (migrations === null
            ? 'it has no migrations table'
            : `it has migrations the ${options.service} service does not know (${migrations.filter((n) => !known.includes(n)).join(', ')})`),
      );
    }
    const [server] = (await client.query<{ version: string }>(`SELECT current_setting('server_version') AS version`))
      .rows;
    const header: BackupHeader = {
      format: FORMAT_VERSION,
      service: options.service,
      createdAt: new Date().toISOString(),
      serverVersion: server?.version ?? 'unknown',
      database: databaseName(options.databaseUrl),
      migrations,
      tables: dataTables(await listTables(client)),
      sequences: await readSequences(client),
    };

    const writer = new FrameWriter(gzip);
    await writer.start();
    await writer.json('H', header);
    const summaries: TableSummary[] = [];
    for (const table of header.tables) {
      const digest = new TableDigest();
      const copy = client.query(
        copyTo(`COPY (SELECT ${columnList(client, table)} FROM ${tableName(client, table)}) TO STDOUT`),
      );
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (!pendingBytes) return;
        const chunk = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        digest.update(chunk);
        await writer.frame('D', chunk);
      };
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      await flush();
      const summary = digest.finish(table);
      summaries.push(summary);
      await writer.json('E', summary);
      options.onTable?.(summary);
    }
    await client.query('COMMIT');
    const sha256 = await writer.end();
    gzip.end();
    await written;
    await rename(partial, options.file);
    complete = true;
    return { ...header, summaries, sha256 };
  } finally {
    if (!complete) {
      gzip.destroy();
      await written.catch(() => undefined);
      await rm(partial, { force: true });
      await client.query('ROLLBACK').catch(() => undefined);
    }
    await client.end();
  }
}

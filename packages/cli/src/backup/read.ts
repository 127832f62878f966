// Reads a backup file from start to end, checking every frame, and hands each table's rows to the caller.
import { z } from 'zod';
import {
  type BackupHeader,
  type BackupTable,
  BackupFileError,
  FORMAT_VERSION,
  type Manifest,
  TableDigest,
  type TableSummary,
  qualified,
  readFrames,
} from './format';

const headerSchema = z.object({
  format: z.number(),
  service: z.string(),
  createdAt: z.string(),
  serverVersion: z.string(),
  database: z.string(),
  migrations: z.array(z.string()),
  tables: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string() })).min(1),
    }),
  ),
  sequences: z.array(z.object({ schema: z.string(), name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
});

const summarySchema = z.object({
  schema: z.string(),
  name: z.string(),
  rows: z.number(),
  bytes: z.number(),
  sha256: z.string(),
  rowDigest: z.string(),
});

export interface BackupReader {
  /** The header, before any rows. */
  header?(header: BackupHeader): Promise<void> | void;
  /** Each chunk of a table's rows, in order. */
  rows?(table: BackupTable, chunk: Buffer): Promise<void> | void;
  /** After a table's last chunk, once its checksums matched. */
  tableEnd?(table: BackupTable, summary: TableSummary): Promise<void> | void;
}

function json(file: string, payload: Buffer, what: string): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    throw new BackupFileError(file, `its ${what} is broken`);
  }
}

/** Reads and checks the whole file; returns its manifest. Throws `BackupFileError` on anything amiss. */
export async function readBackup(file: string, reader: BackupReader = {}): Promise<Manifest> {
  let header: BackupHeader | undefined;
  const summaries: TableSummary[] = [];
  let index = 0;
  let digest: TableDigest | undefined;
  let sha256: string | undefined;

  for await (const frame of readFrames(file)) {
    if (!header) {
      if (frame.kind !== 'H') throw new BackupFileError(file, 'it has no header');
      const parsed = headerSchema.safeParse(json(file, frame.payload, 'header'));
      if (!parsed.success) throw new BackupFileError(file, 'its header is not one this version understands');
      if (parsed.data.format !== FORMAT_VERSION) {
        throw new BackupFileError(file, `it is in format ${parsed.data.format}; this version reads ${FORMAT_VERSION}`);
      }
      header = parsed.data;
      await reader.header?.(header);
      continue;
    }
    const table = header.tables[index];
    if (frame.kind === 'D') {
      if (!table) throw new BackupFileError(file, 'it has rows after its last table');
      digest ??= new TableDigest();
      digest.update(frame.payload);
      await reader.rows?.(table, frame.payload);
    } else if (frame.kind === 'E') {
      if (!table) throw new BackupFileError(file, 'it has more tables than its header lists');
      const parsed = summarySchema.safeParse(json(file, frame.payload, `summary of ${qualified(table)}`));
      if (!parsed.success) throw new BackupFileError(file, `the summary of ${qualified(table)} is damaged`);
      let computed: TableSummary;
      try {
        computed = (digest ?? new TableDigest()).finish(table);
      } catch (error) {
        throw new BackupFileError(file, (error as Error).message);
      }
      const recorded = parsed.data;
      if (recorded.schema !== table.schema || recorded.name !== table.name) {
        throw new BackupFileError(file, `the rows of ${qualified(table)} are followed by another table's summary`);
      }
      if (
        recorded.sha256 !== computed.sha256 ||
        recorded.rows !== computed.rows ||
        recorded.bytes !== computed.bytes ||
        recorded.rowDigest !== computed.rowDigest
      ) {
        throw new BackupFileError(
          file,
          `the rows of ${qualified(table)} do not match their checksum (${computed.rows} rows read, ${recorded.rows} written)`,
        );
      }
      summaries.push(computed);
      await reader.tableEnd?.(table, computed);
      digest = undefined;
      index += 1;
    } else if (frame.kind === 'Z') {
      if (index !== header.tables.length) {
        throw new BackupFileError(file, `it ends after ${index} of its ${header.tables.length} tables`);
      }
      sha256 = (JSON.parse(frame.payload.toString('utf8')) as { sha256: string }).sha256;
    } else {
      throw new BackupFileError(file, 'it has a second header');
    }
  }
  if (!header || sha256 === undefined) throw new BackupFileError(file, 'it ends early (truncated?)');
  return { ...header, summaries, sha256 };
}

// The backup file: one gzip stream holding a magic line and frames. A frame is a kind byte, a 4-byte big-endian
// length and the payload:
//
//   H  the header (JSON): service, when, server version, applied migrations, tables with their columns, sequences
//   D  a chunk of one table's rows in PostgreSQL's COPY text format (the tables come in the header's order)
//   E  the end of a table (JSON): its name, rows, bytes, SHA-256 of its bytes, and a digest of its rows
//   Z  the end of the file (JSON): the SHA-256 of every byte before this frame
//
// Gzip's CRC, the per-table SHA-256 and the final SHA-256 each refuse a damaged or truncated file; the row digest
// (independent of row order) lets a restore check that the database holds exactly the rows the backup held.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type Readable, type Writable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const MAGIC = Buffer.from('SECOND-CHANCE-BACKUP 1\n', 'utf8');
export const FORMAT_VERSION = 1;
/** Rows are sent to the file in frames of about this size. */
export const CHUNK_BYTES = 256 * 1024;
/** No frame is larger: a damaged length is refused instead of allocating gigabytes. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export interface BackupColumn {
  name: string;
  /** As PostgreSQL prints it (`character varying(256)`), for the schema comparison at restore. */
  type: string;
}

export interface BackupTable {
  schema: string;
  name: string;
  columns: BackupColumn[];
}

export interface BackupSequence {
  schema: string;
  name: string;
  /** As text: a bigint may exceed a JavaScript number. */
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  format: number;
  service: string;
  /** ISO 8601, when the snapshot was taken. */
  createdAt: string;
  /** `server_version` of the PostgreSQL the backup was taken from. */
  serverVersion: string;
  database: string;
  /** The service's applied migrations, oldest first (TypeORM's `migrations` table). */
  migrations: string[];
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface TableSummary {
  schema: string;
  name: string;
  rows: number;
  bytes: number;
  /** SHA-256 (hex) of the table's bytes in the file. */
  sha256: string;
  /** The sum, modulo 2^64, of the first 8 bytes of each row's SHA-256 (hex): the same whatever the rows' order. */
  rowDigest: string;
}

export interface Manifest extends BackupHeader {
  summaries: TableSummary[];
  /** SHA-256 (hex) of the file's content before the end frame. */
  sha256: string;
}

export class BackupFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file} is not a usable backup: ${problem}`);
    this.name = 'BackupFileError';
  }
}

export const qualified = (table: { schema: string; name: string }) => `${table.schema}.${table.name}`;

/** Counts rows and computes both checksums of one table's COPY text, chunk by chunk. */
export class TableDigest {
  rows = 0;
  bytes = 0;
  private readonly whole = createHash('sha256');
  private digest = 0n;
  private partial: Buffer[] = [];

  update(chunk: Buffer): void {
    this.whole.update(chunk);
    this.bytes += chunk.length;
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      // In COPY's text format a row ends with the only unescaped newline: one line is one row.
      const piece = chunk.subarray(start, end + 1);
      const line = this.partial.length ? Buffer.concat([...this.partial, piece]) : piece;
      this.partial = [];
      this.rows += 1;
      this.digest =
        (this.digest + createHash('sha256').update(line).digest().readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
      start = end + 1;
    }
    if (start < chunk.length) this.partial.push(Buffer.from(chunk.subarray(start)));
  }

  /** Throws if the rows do not end with a newline (a truncated stream). */
  finish(table: { schema: string; name: string }): TableSummary {
    if (this.partial.length) throw new Error(`the rows of ${qualified(table)} end in the middle of a row`);
    return {
      schema: table.schema,
      name: table.name,
      rows: this.rows,
      bytes: this.bytes,
      sha256: this.whole.digest('hex'),
      rowDigest: this.digest.toString(16).padStart(16, '0'),
    };
  }
}

export type FrameKind = 'H' | 'D' | 'E' | 'Z';
const FRAME_KINDS: readonly FrameKind[] = ['H', 'D', 'E', 'Z'];

/** Writes frames into a stream (a gzip stream over the file), keeping the running SHA-256 of what it wrote. */
export class FrameWriter {
  private readonly hash = createHash('sha256');

  constructor(private readonly out: Writable) {}

  async start(): Promise<void> {
    await this.raw(MAGIC);
  }

  async frame(kind: Exclude<FrameKind, 'Z'>, payload: Buffer): Promise<void> {
    const head = Buffer.alloc(5);
    head.write(kind, 0, 'latin1');
    head.writeUInt32BE(payload.length, 1);
    await this.raw(head);
    await this.raw(payload);
  }

  async json(kind: 'H' | 'E', value: unknown): Promise<void> {
    await this.frame(kind, Buffer.from(JSON.stringify(value), 'utf8'));
  }

  /** The end frame, with the SHA-256 of everything before it. */
  async end(): Promise<string> {
    const sha256 = this.hash.digest('hex');
    const payload = Buffer.from(JSON.stringify({ sha256 }), 'utf8');
    const head = Buffer.alloc(5);
    head.write('Z', 0, 'latin1');
    head.writeUInt32BE(payload.length, 1);
    await write(this.out, head);
    await write(this.out, payload);
    return sha256;
  }

  private async raw(bytes: Buffer): Promise<void> {
    this.hash.update(bytes);
    await write(this.out, bytes);
  }
}

function write(out: Writable, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(bytes)) resolve();
    else {
      const fail = (error: Error) => reject(error);
      out.once('error', fail);
      out.once('drain', () => {
        out.off('error', fail);
        resolve();
      });
    }
  });
}

export interface Frame {
  kind: FrameKind;
  payload: Buffer;
}

/** The first `n` bytes of a list of buffers holding at least `n`. */
function peek(buffers: readonly Buffer[], n: number): Buffer {
  const out = Buffer.alloc(n);
  let at = 0;
  for (const buffer of buffers) {
    at += buffer.copy(out, at, 0, Math.min(buffer.length, n - at));
    if (at === n) break;
  }
  return out;
}

/** Reads the frames of a backup file, checking the magic line, each frame's length and the final SHA-256. */
export async function* readFrames(file: string, source?: Readable): AsyncGenerator<Frame> {
  // pipeline, not pipe: a read error (no such file) must end the iteration, not leave it waiting.
  const input = pipeline(source ?? createReadStream(file), createGunzip(), () => undefined);
  const hash = createHash('sha256');
  let buffered: Buffer[] = [];
  let length = 0;
  /** Bytes of the uncompressed content read so far (for messages). */
  let offset = 0;
  const take = (n: number): Buffer => {
    const all = buffered.length === 1 ? buffered[0]! : Buffer.concat(buffered);
    const rest = all.subarray(n);
    buffered = rest.length ? [rest] : [];
    length = rest.length;
    offset += n;
    return all.subarray(0, n);
  };
  let magicSeen = false;
  let ended = false;
  let next: { kind: FrameKind; size: number } | undefined;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      buffered.push(chunk);
      length += chunk.length;
      if (!magicSeen) {
        if (length < MAGIC.length) {
          if (!MAGIC.subarray(0, length).equals(peek(buffered, length))) {
            throw new BackupFileError(file, 'it does not start as a Second Chance backup does');
          }
          continue;
        }
        const magic = take(MAGIC.length);
        if (!magic.equals(MAGIC)) throw new BackupFileError(file, 'it does not start as a Second Chance backup does');
        hash.update(magic);
        magicSeen = true;
      }
      for (;;) {
        if (!next) {
          if (length < 5) break;
          if (ended) throw new BackupFileError(file, 'there is content after its end');
          const head = peek(buffered, 5);
          const kind = head.toString('latin1', 0, 1);
          const size = head.readUInt32BE(1);
          if (!FRAME_KINDS.includes(kind as FrameKind) || size > MAX_FRAME_BYTES) {
            throw new BackupFileError(file, `the frame at byte ${offset} of its content is damaged`);
          }
          next = { kind: kind as FrameKind, size };
        }
        if (length < 5 + next.size) break;
        const frame = take(5 + next.size);
        const { kind } = next;
        next = undefined;
        const payload = frame.subarray(5);
        if (kind === 'Z') {
          const expected = hash.digest('hex');
          const { sha256 } = JSON.parse(payload.toString('utf8')) as { sha256?: unknown };
          if (sha256 !== expected) throw new BackupFileError(file, 'its checksum does not match its content');
          ended = true;
        } else {
          hash.update(frame);
        }
        yield { kind, payload };
      }
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_ZLIB') {
      throw new BackupFileError(file, `the compressed data is damaged or cut short (${(error as Error).message})`);
    }
    if (code === 'ENOENT') throw new BackupFileError(file, 'there is no such file');
    if (error instanceof SyntaxError) throw new BackupFileError(file, 'a frame holds broken JSON');
    throw error;
  }
  if (!magicSeen) throw new BackupFileError(file, 'it is empty or too short');
  if (!ended || length > 0) throw new BackupFileError(file, 'it ends early (truncated?)');
}

// What the database benchmarks share: a seeded generator for synthetic data, a scratch database, number formats.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dropDatabase,
  ensureDatabase,
  freePort,
  redactUrl,
  startEmbeddedPostgres,
  withDatabase,
} from '@second-chance/db';

// ---------------------------------------------------------------------------------------------------------------
// A deterministic generator

/** mulberry32: a small, fast 32-bit PRNG; plenty for synthetic data. */
export function generator(seed: number) {
  let state = seed >>> 0;
  const u32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => u32() / 4_294_967_296;
  /** A whole number from `min` to `max`, both included. */
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const uniform = (min: number, max: number) => min + next() * (max - min);
  /** A standard normal deviate (Box–Muller). */
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  /** How many of `n` trials succeed with probability `p` each. */
  const binomial = (n: number, p: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (next() < p) k += 1;
    return k;
  };
  /** A version-4 UUID made from the generator, so ids repeat with the seed. */
  const uuid = () => {
    const hex = Array.from({ length: 16 }, (_, i) => {
      let byte = int(0, 255);
      if (i === 6) byte = (byte & 0x0f) | 0x40;
      if (i === 8) byte = (byte & 0x3f) | 0x80;
      return byte.toString(16).padStart(2, '0');
    }).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  /** 64 hex digits, the shape of the case reference (a SHA-256) the events carry. */
  const hex64 = () => Array.from({ length: 8 }, () => u32().toString(16).padStart(8, '0')).join('');
  return { next, int, pick, uniform, normal, binomial, uuid, hex64 };
}

export type Random = ReturnType<typeof generator>;

// ---------------------------------------------------------------------------------------------------------------
// The scratch database

export interface ScratchDatabase {
  url: string;
  description: string;
  drop(): Promise<void>;
}

/** A fresh database on the server DATABASE_URL names, or on a scratch embedded PostgreSQL (fsync off). */
/** `bench` names the database and the folder (`settlement`, `indicators`). */
export async function scratchDatabase(bench: string): Promise<ScratchDatabase> {
  const name = `bench_${bench}_${randomBytes(4).toString('hex')}`;
  if (process.env.DATABASE_URL) {
    const url = withDatabase(process.env.DATABASE_URL, name);
    await ensureDatabase(url);
    return { url, description: `${redactUrl(url)} (DATABASE_URL)`, drop: () => dropDatabase(url) };
  }
  const scratch = await mkdtemp(join(tmpdir(), `second-chance-bench-${bench}-`));
  await chmod(scratch, 0o755); // PostgreSQL runs as its own user when the benchmark runs as root
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg'), port: await freePort() });
    const url = postgres.url(name);
    await ensureDatabase(url);
    return {
      url,
      description: `a scratch embedded PostgreSQL on port ${postgres.port} (fsync off)`,
      drop: async () => {
        await postgres.stop();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

export const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

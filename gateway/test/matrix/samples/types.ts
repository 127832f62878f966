// What the matrix sends for an operation: a small document, variables that point at organisation A's records,
// and how to tell whether an answer holds any of them.
import type { Role } from '@second-chance/identity';
import type { Side, World } from '../world';

export type Variables = Record<string, unknown>;
export type Data = Record<string, unknown>;

export interface CallContext {
  world: World;
  /** Null for the unauthenticated callers. */
  role: Role | null;
  side: Side | null;
  /** What the table expects for this caller (unauthenticated callers are expected DENIED). */
  expected: 'ALLOWED' | 'DENIED';
}

export interface Probe {
  query: string;
  /** Variables pointing at A's records; may make fresh records (a mutation's caller expected to be allowed). */
  variables?: (call: CallContext) => Variables | Promise<Variables>;
  /** Whether the answer holds any of A's records; default: the root field is neither null nor empty. */
  holdsA?: (data: Data, call: CallContext) => boolean;
}

/** One probe, or several ways to the same field (an entity field reached from different roots): the operation
 *  is allowed when any of them shows A's records. */
export type Sample = Probe | readonly Probe[];

export type Samples = Readonly<Record<string, Sample>>;

/** Runs `make` once, on first use, and hands every later caller the same result. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/**
 * Records for a mutation: a caller expected to be allowed gets fresh ones (so one allowed call does not change
 * what the next one sees); callers expected to be denied share one set, which a refusal leaves as it was.
 */
export function perAllowedCall<T>(make: () => Promise<T>): (call: CallContext) => Promise<T> {
  const shared = once(make);
  return (call) => (call.expected === 'ALLOWED' ? make() : shared());
}

/** Not null, not undefined, not an empty list, not a connection without nodes. */
export function nonEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && 'nodes' in value) return nonEmpty(value.nodes);
  return true;
}

/** The value at a path of the answer (`at(data, 'housingArea', 'indicators')`). */
export function at(data: unknown, ...path: string[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** holdsA: the value at the path is not empty. */
export const shows =
  (...path: string[]) =>
  (data: Data): boolean =>
    nonEmpty(at(data, ...path));

/** The nodes of a connection (or the items of a list) at a path. */
export function items(data: unknown, ...path: string[]): Record<string, unknown>[] {
  const value = at(data, ...path);
  const list = Array.isArray(value) ? value : at(value, 'nodes');
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

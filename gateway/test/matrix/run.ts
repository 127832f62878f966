// Runs one operation of the matrix as every caller and compares each answer with the table.
import type { Role } from '@second-chance/identity';
import { type GraphQLResult, createTestKeys, identity, mintToken } from '@second-chance/testing';
import { type Cell, type MatrixRow, ROLE_COLUMNS } from './table';
import { type CallContext, type Data, type Probe, type Sample, nonEmpty } from './samples/types';
import { type Side, type World, organisationOf } from './world';

export type Verdict = 'ALLOWED' | 'DENIED';

/** What an answer showed: allowed or denied, and how (FORBIDDEN, NOT_FOUND, EMPTY, CONFLICT, data, ...). */
export interface Observation {
  verdict: Verdict | 'BROKEN';
  how: string;
  /** The first error's message, when there was one. */
  message?: string;
}

export interface Caller {
  label: string;
  role: Role | null;
  side: Side | null;
  /** The token to send: null for none; undefined for a fresh token of the role and side's organisation. */
  token?: string | null;
}

export interface Check {
  operation: string;
  caller: string;
  expected: Verdict | 'UNAUTHENTICATED';
  got: Observation;
  /** What the mismatch is, or null when the answer is what the table says. */
  mismatch: 'leak' | 'refused' | 'broken' | 'not UNAUTHENTICATED' | null;
}

/** The three callers without a valid token: none, an expired one, one signed by a key nobody trusts. */
export async function unauthenticatedCallers(world: World): Promise<Caller[]> {
  const who = identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101');
  const stranger = await createTestKeys('test-key');
  return [
    { label: 'no token', role: null, side: null, token: null },
    {
      label: 'expired token',
      role: null,
      side: null,
      token: await world.platform.token(who, Math.floor(Date.now() / 1000) - 120),
    },
    { label: 'token of an unknown key', role: null, side: null, token: await mintToken(stranger, who) },
  ];
}

export const SIDES: readonly Side[] = ['A', 'B'];

export function authenticatedCallers(): Caller[] {
  return ROLE_COLUMNS.flatMap(({ column, role }) =>
    SIDES.map((side) => ({ label: `${column} of ${side}`, role, side })),
  );
}

/** yes: allowed for A's and B's callers; own: for A's only; no: for neither. */
export function expectation(cell: Cell, side: Side): Verdict {
  if (cell === 'yes') return 'ALLOWED';
  if (cell === 'own') return side === 'A' ? 'ALLOWED' : 'DENIED';
  return 'DENIED';
}

/** The root field of the answer is neither null nor empty. */
function rootShown(data: Data): boolean {
  const [first] = Object.values(data);
  return nonEmpty(first);
}

/**
 * DENIED: refused (FORBIDDEN, UNAUTHENTICATED), not found (NOT_FOUND), or an answer holding none of A's records;
 * ALLOWED: A's records, or an error that shows the call got past authorization (BAD_USER_INPUT, CONFLICT).
 * Anything else (a validation error, an internal error) is a broken sample.
 */
export function observe(result: GraphQLResult<Data>, holdsA: (data: Data) => boolean): Observation {
  const errors = result.body.errors ?? [];
  const codes = errors.map((e) => {
    const code = e.extensions?.code;
    return typeof code === 'string' ? code : 'NO_CODE';
  });
  const messageOf = (code: string) => errors[codes.indexOf(code)]?.message ?? '';
  for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']) {
    if (codes.includes(code)) return { verdict: 'DENIED', how: code, message: messageOf(code) };
  }
  for (const code of ['CONFLICT', 'BAD_USER_INPUT']) {
    if (codes.includes(code)) return { verdict: 'ALLOWED', how: code, message: messageOf(code) };
  }
  if (codes.length) return { verdict: 'BROKEN', how: codes.join(', '), message: errors[0]?.message ?? '' };
  if (!result.body.data) return { verdict: 'BROKEN', how: `HTTP ${result.status} without data` };
  return holdsA(result.body.data) ? { verdict: 'ALLOWED', how: 'data' } : { verdict: 'DENIED', how: 'EMPTY' };
}

function probesOf(sample: Sample): readonly Probe[] {
  return isProbeList(sample) ? sample : [sample];
}

function isProbeList(sample: Sample): sample is readonly Probe[] {
  return Array.isArray(sample);
}

async function ask(world: World, caller: Caller, probe: Probe, context: CallContext): Promise<Observation> {
  const variables = (await probe.variables?.(context)) ?? {};
  const who =
    caller.token !== undefined
      ? caller.token
      : identity(
          caller.role as Role,
          organisationOf(world, caller.role as Role, caller.side as Side),
          `${caller.role}-${caller.side}`,
        );
  const result = await world.call<Data>(who, probe.query, variables);
  return observe(result, (data) => (probe.holdsA ? probe.holdsA(data, context) : rootShown(data)));
}

/** Every probe of the sample as the caller: allowed when any of them shows A's records. */
async function askAll(world: World, caller: Caller, sample: Sample, context: CallContext): Promise<Observation> {
  const observations: Observation[] = [];
  for (const probe of probesOf(sample)) observations.push(await ask(world, caller, probe, context));
  return (
    observations.find((o) => o.verdict === 'BROKEN') ??
    observations.find((o) => o.verdict === 'ALLOWED') ??
    observations.find((o) => o.how !== 'EMPTY') ??
    observations[0] ?? { verdict: 'BROKEN', how: 'no probe' }
  );
}

/**
 * The operation as every caller: first those the table expects to be refused (the unauthenticated, then the
 * roles), then those it expects to be allowed, so that an allowed change cannot hide a refusal.
 */
export async function runOperation(
  world: World,
  row: MatrixRow,
  sample: Sample,
  unauthenticated: readonly Caller[],
): Promise<Check[]> {
  const planned = [
    ...unauthenticated.map((caller) => ({ caller, expected: 'UNAUTHENTICATED' as const })),
    ...authenticatedCallers().map((caller) => ({
      caller,
      expected: expectation(row.cells[caller.role as Role], caller.side as Side),
    })),
  ].sort((a, b) => Number(a.expected === 'ALLOWED') - Number(b.expected === 'ALLOWED'));
  const checks: Check[] = [];
  for (const { caller, expected } of planned) {
    const context: CallContext = {
      world,
      role: caller.role,
      side: caller.side,
      expected: expected === 'ALLOWED' ? 'ALLOWED' : 'DENIED',
    };
    const got = await askAll(world, caller, sample, context);
    let mismatch: Check['mismatch'] = null;
    if (got.verdict === 'BROKEN') mismatch = 'broken';
    else if (expected === 'UNAUTHENTICATED') mismatch = got.how === 'UNAUTHENTICATED' ? null : 'not UNAUTHENTICATED';
    else if (expected === 'DENIED' && got.verdict === 'ALLOWED') mismatch = 'leak';
    else if (expected === 'ALLOWED' && got.verdict === 'DENIED') mismatch = 'refused';
    checks.push({ operation: row.operation, caller: caller.label, expected, got, mismatch });
  }
  return checks;
}

export function describeMismatch(check: Check): string {
  const what =
    check.mismatch === 'leak'
      ? 'LEAK: the table says refused'
      : check.mismatch === 'refused'
        ? 'refused, but the table says allowed'
        : check.mismatch === 'broken'
          ? 'the sample is broken'
          : 'expected UNAUTHENTICATED';
  const message = check.got.message ? `: ${check.got.message.slice(0, 200)}` : '';
  return `${check.operation} as ${check.caller}: ${what}; got ${check.got.verdict} (${check.got.how}${message})`;
}

/** The size of the run and how its answers came: counts by kind, and every refusal that was not FORBIDDEN. */
export function summarise(checks: readonly Check[], unauthenticatedCallers: number): string[] {
  const operations = new Set(checks.map((c) => c.operation)).size;
  const byRole = checks.filter((c) => c.expected !== 'UNAUTHENTICATED');
  const counts = (verdict: Verdict) => {
    const n = new Map<string, number>();
    for (const c of byRole.filter((c) => c.got.verdict === verdict)) n.set(c.got.how, (n.get(c.got.how) ?? 0) + 1);
    return [...n.entries()].map(([how, count]) => `${how} ${count}`).join(', ');
  };
  const quiet = new Map<string, string[]>();
  for (const c of byRole.filter((c) => c.got.verdict === 'DENIED' && c.got.how !== 'FORBIDDEN')) {
    const key = `${c.operation} ${c.got.how}`;
    quiet.set(key, [...(quiet.get(key) ?? []), c.caller]);
  }
  const throughErrors = byRole
    .filter((c) => c.got.verdict === 'ALLOWED' && c.got.how !== 'data')
    .map((c) => `${c.operation} as ${c.caller} (${c.got.how}: ${c.got.message ?? ''})`);
  return [
    `access matrix: ${operations} operations × ${ROLE_COLUMNS.length} roles × ${SIDES.length} organisations = ` +
      `${byRole.length} calls, + ${operations} × ${unauthenticatedCallers} unauthenticated = ` +
      `${checks.length - byRole.length}; ${checks.length} checks in all`,
    `allowed: ${counts('ALLOWED')}; denied: ${counts('DENIED')}`,
    `allowed through an error (past authorization): ${throughErrors.join('; ') || 'none'}`,
    `refused without FORBIDDEN: ${
      [...quiet.entries()].map(([key, callers]) => `${key} (${callers.join(', ')})`).join('; ') || 'none'
    }`,
  ];
}

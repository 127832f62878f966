// Fuzzing every mutation of the composed graph through the real gateway, with fast-check.
//
// The mutations are read from the composed schema (introspected through the gateway), so a new mutation is fuzzed
// as soon as it is composed; it needs an entry in gateway/test/fuzz/catalogue.ts (valid arguments in a fixture
// world made through the API, the caller who may make the call, callers who may not), or the first test fails.
//
// Each call starts from a mutation's valid base and puts hostile values into one to three places of its arguments:
// wrong types, nulls where a value is required, huge strings (under and over the gateway's 256 kb body limit),
// unicode (combining marks, RTL override, NUL, lone surrogates, emoji), negative and huge money, impossible and
// far-off dates, SQL and JSON injection, unknown ids, non-ids and real ids of another type or another state, enum
// values that do not exist, input fields the schema does not have. A few calls write the values into the document,
// declare a variable with another type, add an unknown argument, cut the document short or send garbage. 85 % are
// made as a caller who may make the call (so the validation is what is exercised), 15 % as one who may not. When
// an accepted call uses its base up (the case moved on), the base is made anew through the API.
//
// Every answer must be a result (data, no errors) or a clear error: a code among BAD_USER_INPUT, NOT_FOUND,
// CONFLICT, FORBIDDEN, UNAUTHENTICATED, GRAPHQL_VALIDATION_FAILED and GRAPHQL_PARSE_FAILED and a message; never an
// internal error, a stack, SQL or an HTTP 5xx. Only a request that is no GraphQL request at all gets BAD_REQUEST: a
// body over the limit (413, refused before it is read) or an empty document. A caller who may not make a call is
// never let through, and the gateway never accepts what the schema refuses.
//
// The databases are unchanged by every refused call: each subgraph's database is fingerprinted (gateway/test/fuzz/
// fingerprint.ts: per table, row count and a hash of the rows' content; graphile-worker's `graphile_worker` schema
// is left out) before every call that could reach a subgraph and after every accepted call, which re-bases the
// fingerprint. A fingerprint that changed across refused calls only fails the test and names those calls.
//
// CI runs a fixed seed: FUZZ_SEED (default 20261121), FUZZ_RUNS calls (default 10,200), FUZZ_RENEWALS bases made
// anew per mutation (default 3). The nightly run takes a new seed and many more calls, and with FUZZ_KEEP_GOING=1
// reports every problem instead of stopping at the first (FUZZ_VERBOSE=1 adds the figures per mutation):
//
//   FUZZ_RUNS=200000 FUZZ_SEED=$RANDOM FUZZ_RENEWALS=20 FUZZ_KEEP_GOING=1 FUZZ_VERBOSE=1 pnpm exec jest gateway/test/fuzz
//
// A failure names the seed and the failing run's path; FUZZ_SEED=<seed> FUZZ_RUNS=<path + 1> makes the same calls
// in the same order again (the world's ids are new, their roles the same).
import fc from 'fast-check';
import {
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  buildClientSchema,
  getIntrospectionQuery,
  getVariableValues,
  isEnumType,
  parse,
  validate,
  type IntrospectionQuery,
} from 'graphql';
import type { GraphQLResult, TestPlatform } from '@second-chance/testing';
import { type BaseCall, catalogue } from './catalogue';
import { type Fingerprint, type Fingerprinter, differences, EXCLUDED_SCHEMAS, fingerprinter } from './fingerprint';
import {
  type MutationShape,
  type Plan,
  applyEdits,
  inlineOperationText,
  isRecord,
  mutationsOf,
  operationText,
  planFor,
} from './hostile';
import { type Who, type World, buildWorld, startFuzzPlatform, tokenCache } from './world';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_200);
const KEEP_GOING = process.env.FUZZ_KEEP_GOING === '1';
/** How often a mutation's base is made anew with new records after accepted calls used it up. */
const RENEWALS = Number(process.env.FUZZ_RENEWALS ?? 3);
/** The gateway's body limit (256 kb). */
const BODY_LIMIT = 256 * 1024;
const SUBGRAPHS = ['housing', 'households', 'finance', 'evaluation'];

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
]);

/**
 * What the shared error formatter answers when PostgreSQL refuses a value (packages/service-kit/src/errors.ts): a
 * clear error that changes nothing, but one the service's own validation should have given, naming the field.
 * Such calls are counted and shown in the summary.
 */
const DATABASE_REFUSAL = 'a value is not acceptable here';

/** What must never reach a client: SQL, database errors, stack frames, file paths. */
const LEAKS: readonly RegExp[] = [
  /syntax error at or near/i,
  /violates (foreign key|unique|check|not-null|exclusion) constraint/i,
  /duplicate key value/i,
  /invalid input (syntax|value) for/i,
  /\b(relation|column|constraint) "[^"]+"/i,
  /QueryFailedError|EntityNotFound|TypeORMError|ZodError/,
  /\bSELECT\b[\s\S]+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b[\s\S]+\bSET\b|\bDELETE FROM\b/,
  /\bpg_catalog\b|\bgraphile_worker\b/,
  /\n\s+at |\bat [\w.$<>]+ \(|node_modules|\.[jt]s:\d+/,
  /Cannot read propert|is not a function|undefined is not|Unexpected token .* in JSON/,
];

let platform: TestPlatform;
let schema: GraphQLSchema;
let world: World;
let bases: Record<string, BaseCall>;
let mutations: MutationShape[];

beforeAll(async () => {
  // The gateway's rate limit is off: the fuzzer sends thousands of requests a minute on purpose.
  platform = await startFuzzPlatform({ rateLimit: false });
  const token = tokenCache(platform);
  const { body } = await platform.query<IntrospectionQuery>(
    await token({ subject: 'fuzz-admin', organisation: { type: 'PLATFORM', id: 'sc' }, roles: ['platform-admin'] }),
    getIntrospectionQuery(),
  );
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body.errors)}`);
  schema = buildClientSchema(body.data);
  mutations = mutationsOf(schema);
  world = await buildWorld(platform, new Set(mutations.map((m) => m.name)));
  bases = catalogue(world);
}, 180_000);
afterAll(() => platform?.close());

test('every mutation of the composed graph has a valid base to fuzz from', () => {
  const missing = mutations.filter((m) => !bases[m.name]).map((m) => m.name);
  expect({ missing }).toEqual({ missing: [] });
  const stale = Object.keys(bases).filter((name) => !mutations.some((m) => m.name === name));
  expect({ stale }).toEqual({ stale: [] });
  // Every base passes the schema (a typo in the catalogue would make every call of its mutation fuzz nothing).
  const invalid = mutations.flatMap((m) => {
    const problems = refusedBySchema(operationText(m), bases[m.name]!.variables);
    return problems ? [`${m.name}: ${problems}`] : [];
  });
  expect({ invalid }).toEqual({ invalid: [] });
  expect(mutations.length).toBeGreaterThanOrEqual(61);
});

test('the fingerprint notices a row written and notices it gone again, in every database', async () => {
  for (const name of SUBGRAPHS) {
    const db = platform.subgraph(name).owner;
    const print = await fingerprinter(name, db);
    const before = await print.take();
    await db.query(`INSERT INTO migrations ("timestamp", name) VALUES (0, 'fuzz fingerprint probe')`);
    const written = await print.take();
    await db.query(`DELETE FROM migrations WHERE name = 'fuzz fingerprint probe'`);
    expect(differences(before, written)).toEqual([expect.stringMatching(new RegExp(`^${name}:public\\.migrations `))]);
    expect(differences(before, await print.take())).toEqual([]);
  }
});

test('what the fuzzer found stays fixed: refused offers and proposals leave nothing behind', async () => {
  const token = tokenCache(platform);
  const prints = await Promise.all(
    ['households', 'housing'].map((name) => fingerprinter(name, platform.subgraph(name).owner)),
  );
  const take = async () => Object.assign({}, ...(await Promise.all(prints.map((p) => p.take())))) as Fingerprint;
  const refused = async (mutation: string, variables: Record<string, unknown>, code: string, message: RegExp) => {
    const before = await take();
    const shape = mutations.find((m) => m.name === mutation)!;
    const result = await platform.query(await token(world.people.caseworker101), operationText(shape), variables);
    expect(result.body.errors?.map((e) => ({ code: e.extensions?.code, message: e.message }))).toEqual([
      { code, message: expect.stringMatching(message) },
    ]);
    expect(differences(before, await take())).toEqual([]);
  };
  // Housing refuses to reserve a vacancy let through the waiting list for a caseworker: the offer written
  // before the reservation was asked for used to stay behind as FAILED.
  for (const vacancyId of [world.ids.vacancyWaitingList, world.ids.vacancyMunicipalAllocation]) {
    await refused(
      'makeOffer',
      { input: { caseId: world.ids.caseSearching, vacancyId } },
      'FORBIDDEN',
      /may not reserve this (WAITING_LIST|MUNICIPAL_ALLOCATION) vacancy/,
    );
  }
  // A proposal accepted with a time to answer of -1 or 2^31 - 1 days: the first left a FAILED offer behind
  // (housing refused a reservation that had already expired), the second sent PostgreSQL a date that is no date.
  for (const responseDays of [-1, 0, 22, 2_147_483_647]) {
    await refused(
      'acceptProposal',
      { proposalId: world.ids.proposal, responseDays },
      'BAD_USER_INPUT',
      /^responseDays: at (least 1 day|most 21 days)$/,
    );
  }
});

/** Why the gateway refuses the document and variables before any subgraph sees them, or null when it does not. */
function refusedBySchema(query: string, variables: Record<string, unknown>): string | null {
  let document;
  try {
    document = parse(query);
  } catch (error) {
    return `parse: ${(error as Error).message}`;
  }
  const invalid = validate(schema, document);
  if (invalid.length) return `validation: ${invalid[0]!.message}`;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables);
  return coerced.errors?.length ? `variables: ${coerced.errors[0]!.message}` : null;
}

interface Request {
  plan: Plan;
  who: Who;
  query: string;
  /** The variables sent (none when the values are written into the document). */
  variables: Record<string, unknown>;
  /** The base's variables after the plan's edits. */
  edited: Record<string, unknown>;
  /** The call names the same records and municipalities as its base (a caller who may not stays one who may not). */
  sameTargets: boolean;
  bytes: number;
}

function requestOf(plan: Plan): Request {
  const mutation = mutations.find((m) => m.name === plan.mutation)!;
  const base = bases[plan.mutation]!;
  const variables = applyEdits(base.variables, plan.edits);
  const who = plan.denied === null ? base.as : (base.denied[plan.denied] ?? null);
  let query: string;
  let sent = variables;
  switch (plan.shape.kind) {
    case 'variables':
      query = operationText(mutation);
      break;
    case 'inline':
      query = inlineOperationText(mutation, variables);
      sent = {};
      break;
    case 'retyped':
      query = operationText(mutation, { retype: { arg: plan.shape.arg, as: plan.shape.as } });
      break;
    case 'unknownArgument':
      query = operationText(mutation, { unknownArgument: true });
      break;
    case 'truncated': {
      const text = operationText(mutation);
      query = text.slice(0, plan.shape.at % text.length);
      break;
    }
    case 'garbage':
      query = plan.shape.text;
      break;
  }
  const bytes = Buffer.byteLength(JSON.stringify({ query, variables: sent }));
  const sameTargets = JSON.stringify(targetsOf(base.variables)) === JSON.stringify(targetsOf(variables));
  return { plan, who, query, variables: sent, edited: variables, sameTargets, bytes };
}

/**
 * The ids and municipality codes in arguments, by path: who may make a call depends on them. A call whose edits
 * change them may name a record the "denied" caller owns (a letting officer's own vacancy), and be allowed.
 */
function targetsOf(value: unknown, path = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => targetsOf(v, `${path}.${i}`, into));
  else if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (/^ids?$|Ids?$|Codes?$/.test(key)) into[`${path}.${key}`] = v;
      else targetsOf(v, `${path}.${key}`, into);
    }
  }
  return into;
}

/** A value for a message: long strings shortened. */
function show(value: unknown, max = 400): string {
  const text =
    JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'string' && v.length > 60 ? `${v.slice(0, 24)}…(${v.length} chars)` : v,
    ) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function summary(request: Request, result?: GraphQLResult<unknown>): string {
  const who = request.who
    ? `${request.who.roles.join(',')} of ${request.who.organisation.type}:${request.who.organisation.id}`
    : 'no token';
  const answer = result
    ? ` → HTTP ${result.status} ${show(result.body.errors?.map((e) => ({ code: e.extensions?.code, message: e.message })) ?? result.body.data, 300)}`
    : '';
  return `${request.plan.mutation} as ${who}${request.plan.denied === null ? '' : ' (may not)'}, ${request.plan.shape.kind}, edits ${show(request.plan.edits, 300)}${answer}`;
}

/** Strings the request carried: a message may repeat them (an unknown id, say) without leaking anything. */
function sentStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string' && value.length >= 3) into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => sentStrings(v, into));
  else if (isRecord(value)) Object.entries(value).forEach(([k, v]) => (sentStrings(k, into), sentStrings(v, into)));
  return into;
}

interface Verdict {
  accepted: boolean;
  codes: string[];
  problems: string[];
  /** PostgreSQL, not the service's validation, refused a value (reported, not a failure: see the summary). */
  refusedByDatabase: boolean;
}

function judge(request: Request, result: GraphQLResult<unknown>, reaches: boolean): Verdict {
  const problems: string[] = [];
  const { status, body } = result;
  const oversize = request.bytes > BODY_LIMIT;
  if (status >= 500) problems.push(`HTTP ${status}`);
  if (!isRecord(body)) {
    return { accepted: false, codes: [], problems: [...problems, 'the answer is not JSON'], refusedByDatabase: false };
  }
  const errors: { message?: unknown; extensions?: Record<string, unknown> }[] = Array.isArray(body.errors)
    ? body.errors
    : [];
  const data = isRecord(body.data) ? body.data[request.plan.mutation] : undefined;
  const codes = errors.map((e) => String(e.extensions?.code));
  const echoes = sentStrings([request.query, request.edited]).sort((a, b) => b.length - a.length);
  for (const error of errors) {
    const code = String(error.extensions?.code);
    // BAD_REQUEST is the answer to a request that is no GraphQL request at all: a body over the limit (413), or an
    // empty document ("GraphQL operations must contain a non-empty `query`", 400).
    const notGraphQL = (oversize && status === 413) || (request.query === '' && status === 400);
    const allowed = CLIENT_CODES.has(code) || (notGraphQL && code === 'BAD_REQUEST');
    if (!allowed) problems.push(`error code ${code}`);
    const message = typeof error.message === 'string' ? error.message : '';
    if (!message.trim()) problems.push('an error without a message');
    let text = `${message} ${JSON.stringify(error.extensions ?? {})}`;
    for (const echo of echoes) text = text.split(echo).join('‹sent›');
    const leak = LEAKS.find((pattern) => pattern.test(text));
    if (leak) problems.push(`the error shows ${String(leak)}: ${show(message, 200)}`);

    if (error.extensions && ('stacktrace' in error.extensions || 'exception' in error.extensions)) {
      problems.push('the error carries a stack trace');
    }
  }
  if (oversize && (status !== 413 || codes[0] !== 'BAD_REQUEST')) {
    problems.push(`a body of ${request.bytes} bytes (over the limit) was not refused with 413`);
  }
  if (!oversize && status === 413) problems.push(`a body of ${request.bytes} bytes was refused as too large`);
  const accepted = errors.length === 0 && data !== undefined && data !== null;
  if (errors.length && data !== undefined && data !== null) problems.push('both a result and errors');
  if (!errors.length && !accepted) problems.push('neither a result nor an error');
  if (accepted && request.plan.denied !== null && request.sameTargets) {
    problems.push('a caller who may not make the call was let through');
  }
  if (accepted && !reaches) problems.push('the gateway accepted what the schema refuses');
  const refusedByDatabase = errors.some((e) => e.message === DATABASE_REFUSAL);
  return { accepted, codes, problems, refusedByDatabase };
}

/** The databases a mutation can change: its own subgraph's, and those of the subgraphs it calls (transitively). */
function databasesOf(): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  const calls = (name: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(name)) return seen;
    seen.add(name);
    for (const callee of platform.subgraph(name).module.calls ?? []) calls(callee, seen);
    return seen;
  };
  for (const name of SUBGRAPHS) {
    const { typeDefs } = platform.subgraph(name).module;
    for (const definition of typeDefs.definitions) {
      if (
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        definition.name.value === 'Mutation'
      ) {
        for (const field of definition.fields ?? []) owners.set(field.name.value, [...calls(name)]);
      }
    }
  }
  return owners;
}

test(
  `${RUNS} hostile calls across every mutation: clear errors, nothing internal, refused calls change nothing`,
  async () => {
    const token = tokenCache(platform);
    // Straight to the listening gateway over kept-alive connections (what a client does; supertest would open a
    // server per request).
    const address = platform.gateway.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('the gateway is not listening');
    const url = `http://127.0.0.1:${address.port}/graphql`;
    const send = async (bearer: string | null, query: string, variables: Record<string, unknown>) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: response.status, body } as GraphQLResult<unknown>;
    };

    // Fingerprints per database. A subgraph writes only its own database, and reaches another only through the
    // API of a subgraph it calls: a call is checked against the databases of its mutation's subgraph and callees.
    const prints = new Map<string, Fingerprinter>();
    for (const name of SUBGRAPHS) prints.set(name, await fingerprinter(name, platform.subgraph(name).owner));
    const databases = databasesOf();
    const take = async (names: Iterable<string>): Promise<Fingerprint> => {
      const parts = await Promise.all([...names].map((n) => prints.get(n)!.take()));
      return parts.reduce<Fingerprint>((all, part) => ({ ...all, ...part }), {});
    };

    const context = {
      ids: world.ids,
      enumValues: Object.values(schema.getTypeMap())
        .filter((t) => isEnumType(t) && !t.name.startsWith('__'))
        .flatMap((t) => (isEnumType(t) ? t.getValues().map((v) => v.name) : [])),
      today: world.today,
      now: Date.now(),
    };
    const plans = fc.oneof(
      ...mutations.map((mutation) =>
        planFor(
          {
            mutation,
            variables: bases[mutation.name]!.variables,
            deniedCount: bases[mutation.name]!.denied.length,
            keep: bases[mutation.name]!.keep ?? [],
          },
          context,
        ),
      ),
    );

    const stats = {
      calls: 0,
      accepted: 0,
      rejected: 0,
      refusedByGateway: 0,
      fingerprints: 0,
      renewals: 0,
      refusedByDatabase: new Map<string, { count: number; example: string }>(),
      byCode: new Map<string, number>(),
      byMutation: new Map<string, { accepted: number; rejected: number; codes: Map<string, number> }>(),
    };
    const problems: string[] = [];
    const fail = (message: string) => {
      problems.push(message);
      if (!KEEP_GOING || problems.length >= 200) throw new Error(problems.join('\n\n'));
    };
    const base = await take(SUBGRAPHS);
    stats.fingerprints += SUBGRAPHS.length;
    /** The refused calls since the fingerprint was last compared, and the databases they could have changed. */
    let pending: string[] = [];
    let touched = new Set<string>();
    const compare = async () => {
      const now = await take(touched);
      stats.fingerprints += touched.size;
      const changed = differences(
        Object.fromEntries(Object.keys(now).map((table) => [table, base[table] ?? 'none'])),
        now,
      );
      if (changed.length) {
        Object.assign(base, now);
        fail(
          `the database changed across ${pending.length} refused call(s):\n  ${changed.join('\n  ')}\n` +
            `the calls:\n  ${pending.join('\n  ')}`,
        );
      }
      pending = [];
      touched = new Set();
    };

    const renewed = new Map<string, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        const request = requestOf(plan);
        const oversize = request.bytes > BODY_LIMIT;
        const reaches = request.who !== null && !oversize && refusedBySchema(request.query, request.variables) === null;
        // A call that could reach a subgraph may be accepted: what the refused calls before it did is checked now.
        if (reaches && pending.length) await compare();
        const result = await send(request.who ? await token(request.who) : null, request.query, request.variables);
        const verdict = judge(request, result, reaches);
        stats.calls += 1;
        const tally = stats.byMutation.get(plan.mutation) ?? { accepted: 0, rejected: 0, codes: new Map() };
        stats.byMutation.set(plan.mutation, tally);
        if (!reaches) stats.refusedByGateway += 1;
        if (verdict.accepted) {
          stats.accepted += 1;
          tally.accepted += 1;
        } else {
          stats.rejected += 1;
          tally.rejected += 1;
          const code = verdict.codes[0] ?? `HTTP ${result.status}`;
          stats.byCode.set(code, (stats.byCode.get(code) ?? 0) + 1);
          if (reaches) tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
        }
        if (verdict.refusedByDatabase) {
          const seen = stats.refusedByDatabase.get(plan.mutation);
          if (seen) seen.count += 1;
          else stats.refusedByDatabase.set(plan.mutation, { count: 1, example: summary(request) });
        }
        if (verdict.problems.length) fail(`${verdict.problems.join('; ')}\n  ${summary(request, result)}`);
        const changeable = databases.get(plan.mutation) ?? SUBGRAPHS;
        if (verdict.accepted) {
          // The accepted call may have changed its databases: they are fingerprinted again (all of them after
          // a base was made anew, which goes through several subgraphs).
          let again = changeable;
          for (const [name, used] of Object.entries(bases)) {
            const usedUp = name === plan.mutation || used.renewAfter?.includes(plan.mutation);
            if (!used.renew || !usedUp) continue;
            if (!used.renewWritesNothing) {
              if ((renewed.get(name) ?? 0) >= RENEWALS) continue;
              renewed.set(name, (renewed.get(name) ?? 0) + 1);
              again = SUBGRAPHS;
            }
            stats.renewals += 1;
            used.variables = await used.renew();
          }
          Object.assign(base, await take(again));
          stats.fingerprints += again.length;
        } else {
          pending.push(summary(request, result));
          for (const name of changeable) touched.add(name);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    if (pending.length) await compare();
    const seconds = (Date.now() - started) / 1000;

    const byCode = [...stats.byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`);
    const quiet = [...stats.byMutation].filter(([, t]) => t.accepted + t.rejected < 50).map(([name]) => name);
    const tables = [...prints.values()].reduce((n, p) => n + p.tables.length, 0);
    // eslint-disable-next-line no-console -- the run's figures are what the fuzzer reports
    console.log(
      [
        `fuzz: seed ${SEED}, ${stats.calls} calls in ${seconds.toFixed(1)} s (${(stats.calls / seconds).toFixed(0)}/s) ` +
          `over ${stats.byMutation.size} of ${mutations.length} mutations`,
        `  accepted ${stats.accepted}, rejected ${stats.rejected} (${stats.refusedByGateway} refused by the gateway before any subgraph)`,
        `  rejected by code: ${byCode.join(', ')}`,
        `  bases made anew after accepted calls: ${stats.renewals}`,
        `  database fingerprints: ${stats.fingerprints} (of ${tables} tables in ${SUBGRAPHS.length} databases; left out: ${EXCLUDED_SCHEMAS.join(', ')})`,
        ...(quiet.length ? [`  mutations with fewer than 50 calls: ${quiet.join(', ')}`] : []),
        ...(stats.refusedByDatabase.size
          ? [
              `  refused by PostgreSQL rather than by the service's validation ("${DATABASE_REFUSAL}"):`,
              ...[...stats.refusedByDatabase].map(([name, r]) => `    ${name}: ${r.count}, e.g. ${r.example}`),
            ]
          : []),
        ...(process.env.FUZZ_VERBOSE === '1'
          ? [...stats.byMutation].map(
              ([name, t]) =>
                `  ${name}: accepted ${t.accepted}, rejected ${t.rejected}; in the subgraph: ${[...t.codes].map(([c, n]) => `${c} ${n}`).join(', ')}`,
            )
          : []),
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(stats.calls).toBe(RUNS);
    // Every mutation was fuzzed.
    expect(mutations.filter((m) => !stats.byMutation.has(m.name)).map((m) => m.name)).toEqual([]);
  },
  Math.max(900_000, RUNS * 100),
);

// What the fuzzer sends: the composed graph's mutations as operations, the places in their arguments a value can
// go (slots), hostile values for each kind of slot, and plans (which mutation, which caller, which edits of the
// valid base, which shape of request) as fast-check arbitraries.
import fc from 'fast-check';
import {
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isScalarType,
} from 'graphql';

export type Path = readonly (string | number)[];

export interface MutationShape {
  name: string;
  args: readonly { name: string; type: GraphQLInputType }[];
  /** The selection set: `{ __typename }` for an object (or a list of them), nothing for a scalar. */
  selection: string;
}

/** Every root mutation of the schema, in the schema's order. */
export function mutationsOf(schema: GraphQLSchema): MutationShape[] {
  const root = schema.getMutationType();
  if (!root) return [];
  return Object.values(root.getFields()).map((field) => ({
    name: field.name,
    args: field.args.map((a) => ({ name: a.name, type: a.type })),
    selection: isLeafType(getNamedType(field.type)) ? '' : ' { __typename }',
  }));
}

/** `mutation Fuzz($a: T!, …) { m(a: $a, …) { __typename } }`, with a variable declared as another type if asked. */
export function operationText(
  mutation: MutationShape,
  options: { retype?: { arg: number; as: string }; unknownArgument?: boolean } = {},
): string {
  const declarations = mutation.args.map(
    (a, i) => `$${a.name}: ${options.retype?.arg === i ? options.retype.as : String(a.type)}`,
  );
  const args = mutation.args.map((a) => `${a.name}: $${a.name}`);
  if (options.unknownArgument) args.push('fuzzUnknownArgument: 1');
  const header = declarations.length ? `(${declarations.join(', ')})` : '';
  const call = args.length ? `(${args.join(', ')})` : '';
  return `mutation Fuzz${header} { ${mutation.name}${call}${mutation.selection} }`;
}

/** The operation with every argument written into the document as a literal (no type checks on the way). */
export function inlineOperationText(mutation: MutationShape, variables: Record<string, unknown>): string {
  const args = mutation.args
    .filter((a) => variables[a.name] !== undefined)
    .map((a) => `${a.name}: ${literal(variables[a.name], a.type)}`);
  return `mutation Fuzz { ${mutation.name}${args.length ? `(${args.join(', ')})` : ''}${mutation.selection} }`;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const nullable = type ? getNullableType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const element = nullable && isListType(nullable) ? nullable.ofType : undefined;
    return `[${value.map((v) => literal(v, element)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, v]) => `${key}: ${literal(v, fields[key]?.type)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  if (typeof value === 'string')
    return nullable && isEnumType(nullable) && NAME.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return value === true ? 'true' : 'false';
}

/** A place in a mutation's arguments that a value can be put (present in the base or not). */
export interface Slot {
  path: Path;
  type: GraphQLInputType;
}

/** Every slot of a mutation's arguments: each argument, each field of its input objects, list elements. */
export function slotsOf(mutation: MutationShape, variables: Record<string, unknown>): Slot[] {
  const slots: Slot[] = [];
  const walk = (type: GraphQLInputType, value: unknown, path: Path, depth: number) => {
    slots.push({ path, type });
    if (depth > 6) return;
    const nullable = getNullableType(type);
    if (isInputObjectType(nullable)) {
      const object = isRecord(value) ? value : {};
      for (const field of Object.values(nullable.getFields())) {
        walk(field.type, object[field.name], [...path, field.name], depth + 1);
      }
    } else if (isListType(nullable)) {
      const element = nullable.ofType;
      const items = Array.isArray(value) && value.length ? value.slice(0, 2) : [undefined];
      items.forEach((item, i) => walk(element, item, [...path, i], depth + 1));
    }
  };
  for (const arg of mutation.args) walk(arg.type, variables[arg.name], [arg.name], 0);
  return slots;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ----------------------------------------------------------------------------------------------------------------
// Hostile values

/** A JSON object with an own `__proto__` key, as a client sends it (never touching any prototype here). */
const json = (text: string): unknown => JSON.parse(text) as unknown;

/** The body limit is 256 kb; these sizes reach just under it and beyond it. */
const HUGE_SIZES = [1_000, 10_000, 100_000, 200_000, 250_000, 262_000, 270_000, 600_000];

const huge = fc
  .tuple(fc.constantFrom(...HUGE_SIZES), fc.constantFrom('a', 'ø', '😀', "'", '\u0000', 'e\u0301', '1'))
  .map(([size, unit]) => unit.repeat(Math.ceil(size / unit.length)));

const INJECTION = [
  "'; DROP TABLE household; --",
  "'; DROP TABLE vacancy CASCADE; --",
  '1 OR 1=1',
  "' OR '1'='1",
  '" OR ""="',
  '1; SELECT pg_sleep(10)--',
  "'); DELETE FROM agreement; --",
  '$1',
  '%s%s%s%n',
  '\\',
  "\\'",
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  '${jndi:ldap://example.invalid/a}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
];

const UNICODE = [
  '',
  ' ',
  '   \t\n  ',
  'e\u0301\u0302\u0303\u0304\u0305',
  `Z${'\u0336\u0337\u0338'.repeat(200)}`,
  '\u202Egnp.exe\u202C',
  '\u200F\u202Bمرحبا\u202C',
  '\u0000',
  'før\u0000efter',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ude00y',
  '😀',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈🇩🇰',
  '\uFEFF',
  '\u200B\u200C\u200D',
  'Æblegrød på Ærø',
  '𝕏𝔸𝕄𝕃',
  '\r\n\r\n',
  '\u0085\u2028\u2029',
  'ＦＵＬＬＷＩＤＴＨ',
  'İıŞş',
  '\u{10FFFF}',
  '\u{E0001}\u{E0041}',
];

const strings: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...INJECTION) },
  { weight: 5, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: huge },
);

/** Values of the wrong type for any slot. */
const wrongType: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null,
  {},
  [],
  [null],
  [[]],
  [1, 'a', null, {}],
  0,
  -1,
  1.5,
  true,
  false,
  '',
  json('{"__proto__":{"polluted":true}}'),
  json('{"constructor":{"prototype":{"polluted":true}}}'),
  json('{"$ne":null}'),
  json('{"$gt":""}'),
  json('{"kind":"MUNICIPALITY","id":"101"}'),
);

const INT_EDGES = [
  -1,
  0,
  1,
  -2147483648,
  2147483647,
  2147483648,
  -2147483649,
  4294967296,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e21,
  1e308,
  -1e308,
  1.5,
  0.1,
  5e-324,
  -0,
];
const NUMERIC_STRINGS = ['NaN', '-NaN', 'Infinity', '-Infinity', '1', '-1', '1e3', '0x10', '1_000', ' 5', '١٢٣', ''];

const ints: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INT_EDGES) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC_STRINGS) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
);

const floats: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INT_EDGES, -1e-9, 1.7976931348623157e308) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(...NUMERIC_STRINGS) },
);

/** Money in øre: negative, zero, 2^31 (past GraphQL's Int), 2^53 (past a safe integer), fractions, NaN-like text. */
const ore: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      -1,
      0,
      -5_000_000,
      2 ** 31,
      2 ** 31 - 1,
      2 ** 32,
      2 ** 53 - 1,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 53),
      1e21,
      1.5,
      0.01,
      -0,
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('NaN', '1000', '1e6', '-0', '0x10', '10.00', '1 000', 'Infinity') },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
);

const booleans: fc.Arbitrary<unknown> = fc.constantFrom('true', 'false', 1, 0, 'yes', '', 'TRUE', [true]);

function dates(today: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '0000-00-00',
        '0000-01-01',
        '0001-01-01',
        '1899-12-31',
        '1900-01-01',
        '2199-12-31',
        '2200-01-01',
        '9999-12-31',
        '10000-01-01',
        '+010000-01-01',
        '-000001-01-01',
        '2026-02-30',
        '2025-02-29',
        '2024-02-29',
        '2026-04-31',
        '2026-13-01',
        '2026-00-10',
        '2026-12-00',
        '2026-1-1',
        '26-01-01',
        '2026/01/01',
        '01-01-2026',
        ' 2026-01-01',
        '2026-01-01 ',
        '2026-01-01\u0000',
        '2026-01-01T00:00:00Z',
        '２０２６-０１-０１',
        '',
        20260101,
      ),
    },
    { weight: 2, arbitrary: fc.integer({ min: -40_000, max: 40_000 }).map((days) => shiftDate(today, days)) },
    { weight: 1, arbitrary: fc.constantFrom(today, shiftDate(today, 1), shiftDate(today, -1)) },
  );
}

function dateTimes(now: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '9999-12-31T23:59:59Z',
        '0000-01-01T00:00:00Z',
        '0000-00-00T00:00:00Z',
        '10000-01-01T00:00:00Z',
        '+275760-09-13T00:00:00Z',
        '2026-02-30T12:00:00Z',
        '2026-01-01T24:00:00Z',
        '2026-01-01T23:60:00Z',
        '2026-01-01T12:00:00',
        '2026-01-01',
        '2026-01-01T12:00:00+25:00',
        '2026-01-01T12:00:00.1234567891Z',
        'now',
        '',
        1_700_000_000_000,
      ),
    },
    {
      weight: 2,
      arbitrary: fc.integer({ min: -1000, max: 1000 }).map((hours) => new Date(now + hours * 3_600_000).toISOString()),
    },
  );
}

export interface HostileContext {
  /** Every id of the fixture world, by what it is (`vacancyWaitingList`): ids of another type, or of another state. */
  ids: Readonly<Record<string, string>>;
  /** Every enum value of the schema (a value of another enum for any enum slot). */
  enumValues: readonly string[];
  today: string;
  now: number;
}

/** The world's ids of the kind a slot names (`vacancyId`, `input.caseId`: vacancies, cases), if it names one. */
function kin(slot: Slot, ids: Readonly<Record<string, string>>): string[] {
  const last = slot.path.filter((p): p is string => typeof p === 'string').pop() ?? '';
  const kind = last.replace(/Id$/, '').toLowerCase();
  if (!kind || kind === 'id') return [];
  return Object.entries(ids)
    .filter(([key]) => key.toLowerCase().includes(kind))
    .map(([, id]) => id);
}

function idValues(slot: Slot, context: HostileContext): fc.Arbitrary<unknown> {
  const all = [...new Set(Object.values(context.ids))];
  const real = fc.constantFrom(...all);
  const related = kin(slot, context.ids);
  return fc.oneof(
    // Ids of the same kind in another state (a vacancy let through the waiting list, a case already moved).
    { weight: related.length ? 3 : 0, arbitrary: related.length ? fc.constantFrom(...related) : real },
    { weight: 2, arbitrary: real },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: real.chain((id) =>
        fc.constantFrom(
          id.toUpperCase(),
          ` ${id}`,
          `${id} `,
          `${id}x`,
          id.slice(0, 35),
          id.replace(/-/g, ''),
          `{${id}}`,
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        'not-an-id',
        '1',
        '101',
        '000',
        '1000',
        'MUNICIPALITY:101',
        'HOUSING_ORGANISATION:x',
        1,
        -1,
        2147483648,
      ),
    },
    { weight: 1, arbitrary: strings },
  );
}

function enumValues(type: GraphQLNamedType, context: HostileContext): fc.Arbitrary<unknown> {
  const own = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
  const others = context.enumValues.filter((v) => !own.includes(v));
  return fc.oneof(
    fc.constantFrom('NOT_A_VALUE', '', ' ', '__proto__', 'constructor', 'null', 0, true),
    fc.constantFrom(...own).chain((v) => fc.constantFrom(v.toLowerCase(), ` ${v}`, `${v}\u0000`, `${v}S`)),
    others.length ? fc.constantFrom(...others) : fc.constant('OTHER_ENUM'),
  );
}

/** Hostile values for one slot, by what the slot holds. */
export function hostileFor(slot: Slot, base: unknown, context: HostileContext): fc.Arbitrary<unknown> {
  const named = getNamedType(slot.type);
  const nullable = getNullableType(slot.type);
  const specific = ((): fc.Arbitrary<unknown> => {
    if (isListType(nullable)) {
      const element = Array.isArray(base) && base.length ? (base[0] as unknown) : 'x';
      return fc.oneof(
        fc.constantFrom<unknown>([], [null], [[element]], element),
        fc
          .constantFrom(2, 99, 121, 501, 2001)
          .map((n) => Array.from({ length: n }, () => (isRecord(element) ? { ...element } : element))),
      );
    }
    if (isInputObjectType(nullable)) {
      const fields = Object.keys(nullable.getFields());
      return fc.constantFrom<unknown>(
        {},
        Object.fromEntries(fields.map((f) => [f, null])),
        isRecord(base) ? [base] : ['x'],
        'x',
        42,
      );
    }
    if (isEnumType(named)) return enumValues(named, context);
    if (isScalarType(named)) {
      switch (named.name) {
        case 'ID':
          return idValues(slot, context);
        case 'String':
          return strings;
        case 'Int':
          return ints;
        case 'Float':
          return floats;
        case 'Boolean':
          return booleans;
        case 'Date':
          return dates(context.today);
        case 'DateTime':
          return dateTimes(context.now);
        case 'Ore':
          return ore;
        default:
          return fc.oneof(strings, ints);
      }
    }
    return wrongType;
  })();
  return fc.oneof({ weight: 4, arbitrary: specific }, { weight: 1, arbitrary: wrongType });
}

// ----------------------------------------------------------------------------------------------------------------
// Plans

export type Edit =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'drop'; path: Path }
  /** An input field the schema does not have, on the object at `path` (`[]`: a variable no one declared). */
  | { op: 'extra'; path: Path; key: string; value: unknown };

export type Shape =
  | { kind: 'variables' }
  | { kind: 'inline' }
  | { kind: 'retyped'; arg: number; as: string }
  | { kind: 'unknownArgument' }
  | { kind: 'truncated'; at: number }
  | { kind: 'garbage'; text: string };

export interface Plan {
  mutation: string;
  /** Index into the base's `denied` callers, or null for the caller who is allowed. */
  denied: number | null;
  edits: Edit[];
  shape: Shape;
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'fuzzExtra', 'id', '$where', 'toString', '', 'a b', 'ÆØÅ'];

export interface PlanTarget {
  mutation: MutationShape;
  variables: Record<string, unknown>;
  deniedCount: number;
  /** Paths never dropped or nulled (see BaseCall.keep). */
  keep: readonly string[];
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key] as unknown;
    else if (isRecord(value) && typeof key === 'string') value = value[key];
    else return undefined;
  }
  return value;
}

function editFor(target: PlanTarget, slots: readonly Slot[], context: HostileContext): fc.Arbitrary<Edit> {
  return fc.integer({ min: 0, max: slots.length - 1 }).chain((index) => {
    const slot = slots[index]!;
    const kept = target.keep.includes(slot.path.join('.'));
    const base = valueAt(target.variables, slot.path);
    const set = hostileFor(slot, base, context)
      .filter((value) => !(kept && value === null))
      .map((value): Edit => ({ op: 'set', path: slot.path, value }));
    const options: { weight: number; arbitrary: fc.Arbitrary<Edit> }[] = [{ weight: 8, arbitrary: set }];
    if (!kept) {
      options.push(
        { weight: 1, arbitrary: fc.constant<Edit>({ op: 'set', path: slot.path, value: null }) },
        { weight: 1, arbitrary: fc.constant<Edit>({ op: 'drop', path: slot.path }) },
      );
    }
    if (isInputObjectType(getNullableType(slot.type))) {
      options.push({
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom(...EXTRA_KEYS), fc.oneof(wrongType, strings))
          .map(([key, value]): Edit => ({ op: 'extra', path: slot.path, key, value })),
      });
    }
    return fc.oneof(...options);
  });
}

export function planFor(target: PlanTarget, context: HostileContext): fc.Arbitrary<Plan> {
  const slots = slotsOf(target.mutation, target.variables);
  const edits = slots.length
    ? fc.array(editFor(target, slots, context), { minLength: 1, maxLength: 3 })
    : fc.constant<Edit[]>([]);
  const extraVariable = fc
    .tuple(fc.constantFrom(...EXTRA_KEYS), wrongType)
    .map(([key, value]): Edit[] => [{ op: 'extra', path: [], key, value }]);
  const shape: fc.Arbitrary<Shape> = fc.oneof(
    { weight: 86, arbitrary: fc.constant<Shape>({ kind: 'variables' }) },
    { weight: 6, arbitrary: fc.constant<Shape>({ kind: 'inline' }) },
    {
      weight: target.mutation.args.length ? 2 : 0,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 0, max: Math.max(0, target.mutation.args.length - 1) }),
          fc.constantFrom('String', 'String!', 'Int', 'ID!', '[ID!]!', 'JSON', 'Boolean!'),
        )
        .map(([arg, as]): Shape => ({ kind: 'retyped', arg, as })),
    },
    { weight: 2, arbitrary: fc.constant<Shape>({ kind: 'unknownArgument' }) },
    { weight: 2, arbitrary: fc.nat().map((at): Shape => ({ kind: 'truncated', at })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constantFrom(...INJECTION, ...UNICODE), fc.string({ unit: 'binary', maxLength: 200 }))
        .map((text): Shape => ({ kind: 'garbage', text: String(text) })),
    },
  );
  const caller = fc.oneof(
    { weight: 85, arbitrary: fc.constant<number | null>(null) },
    {
      weight: target.deniedCount ? 15 : 0,
      arbitrary: fc.integer({ min: 0, max: Math.max(0, target.deniedCount - 1) }),
    },
  );
  return fc
    .tuple(caller, fc.oneof({ weight: 19, arbitrary: edits }, { weight: 1, arbitrary: extraVariable }), shape)
    .map(([denied, planEdits, planShape]) => ({
      mutation: target.mutation.name,
      denied,
      edits: planEdits,
      shape: planShape,
    }));
}

/** The base's variables with the plan's edits applied (the base is not touched). */
export function applyEdits(variables: Record<string, unknown>, edits: readonly Edit[]): Record<string, unknown> {
  // A JSON round trip: a deep copy, and exactly what the server will parse (an own `__proto__` key stays a key).
  const root = JSON.parse(JSON.stringify(variables)) as Record<string, unknown>;
  for (const edit of edits) {
    // Values are copied in: a value may be (part of) the base itself, and a later edit may change what it holds.
    if (edit.op === 'extra') {
      const target = edit.path.length ? valueAt(root, edit.path) : root;
      if (isRecord(target)) defineKey(target, edit.key, copy(edit.value));
      continue;
    }
    const key = edit.path[edit.path.length - 1]!;
    const parent = ensureParent(root, edit.path);
    if (parent === undefined) continue;
    if (edit.op === 'drop') {
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else if (isRecord(parent)) delete parent[String(key)];
    } else if (Array.isArray(parent) && typeof key === 'number') {
      parent[key] = copy(edit.value);
    } else if (isRecord(parent)) {
      defineKey(parent, String(key), copy(edit.value));
    }
  }
  return JSON.parse(JSON.stringify(root)) as Record<string, unknown>;
}

/** A deep copy as JSON carries it (what the server would parse). */
function copy(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Sets an own property, even `__proto__` (never the prototype). */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The object or array that holds the last key of `path`, created along the way where the base has nothing. */
function ensureParent(root: Record<string, unknown>, path: Path): Record<string, unknown> | unknown[] | undefined {
  let current: unknown = root;
  for (let i = 0; i < path.length - 1; i += 1) {
    const key = path[i]!;
    let child: unknown;
    if (Array.isArray(current) && typeof key === 'number') child = current[key];
    else if (isRecord(current)) child = current[String(key)];
    else return undefined;
    if (child === undefined || child === null) {
      child = typeof path[i + 1] === 'number' ? [] : {};
      if (Array.isArray(current) && typeof key === 'number') current[key] = child;
      else defineKey(current as Record<string, unknown>, String(key), child);
    }
    current = child;
  }
  return Array.isArray(current) || isRecord(current) ? current : undefined;
}

function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

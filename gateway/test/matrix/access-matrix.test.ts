// The authorization matrix of the whole graph: every root query and mutation and every field one subgraph adds
// to another's entity, asked through the real gateway by every role, once for the organisation that owns the
// records (A) and once for another of the same type (B), and by three callers without a valid token. Every
// answer is checked against docs/access-matrix.md, the table people read.
import { operationsOf } from './operations';
import {
  type Caller,
  type Check,
  SIDES,
  authenticatedCallers,
  describeMismatch,
  runOperation,
  summarise,
  unauthenticatedCallers,
} from './run';
import { evaluationSamples } from './samples/evaluation';
import { financeSamples } from './samples/finance';
import { householdsSamples } from './samples/households';
import { housingSamples } from './samples/housing';
import type { Samples } from './samples/types';
import { ROLE_COLUMNS, readMatrix } from './table';
import { type World, composedSupergraph, startWorld } from './world';

const SUBGRAPHS = ['housing', 'households', 'finance', 'evaluation'] as const;
const rows = readMatrix();
const operations = operationsOf(composedSupergraph());
const inSchema = new Map(operations.map((operation) => [operation.name, operation]));

test('the table has one row for every operation of the composed schema, under its subgraph, and no other', () => {
  const rowOf = new Map(rows.map((row) => [row.operation, row]));
  const problems = [
    ...operations
      .filter((operation) => !rowOf.has(operation.name))
      .map((operation) => `${operation.name} (${operation.subgraph}, ${operation.kind}) has no row`),
    ...rows
      .filter((row) => !inSchema.has(row.operation))
      .map((row) => `line ${row.line}: ${row.operation} is not an operation of the schema`),
    ...rows
      .filter((row) => inSchema.has(row.operation) && inSchema.get(row.operation)?.subgraph !== row.subgraph)
      .map((row) => `line ${row.line}: ${row.operation} belongs under ## ${inSchema.get(row.operation)?.subgraph}`),
  ];
  expect(problems).toEqual([]);
  // Every kind is there: the table is not just the root fields.
  expect(new Set(operations.map((o) => o.kind))).toEqual(new Set(['query', 'mutation', 'entity field']));
});

describe('every caller gets what the table says', () => {
  let world: World;
  let unauthenticated: Caller[];
  let samples: Samples;
  const checks: Check[] = [];
  const seconds: Record<string, number> = {};
  let setupSeconds = 0;

  beforeAll(async () => {
    const started = Date.now();
    world = await startWorld();
    unauthenticated = await unauthenticatedCallers(world);
    samples = {
      ...housingSamples(world),
      ...householdsSamples(world),
      ...financeSamples(world),
      ...evaluationSamples(world),
    };
    setupSeconds = (Date.now() - started) / 1000;
  }, 300_000);

  afterAll(async () => {
    if (checks.length) {
      const timing = Object.entries(seconds).map(([subgraph, s]) => `${subgraph} ${s.toFixed(1)}`);
      console.warn(
        [
          ...summarise(checks, unauthenticated.length),
          `requests through the gateway: ${world.requests.matrix} asked by the matrix (an entity field may be ` +
            `asked several ways), ${world.requests.records} to make records (the world, and fresh ones for ` +
            `mutations); ${world.requests.rateLimited} retried after the gateway's rate limit`,
          `seconds: world ${setupSeconds.toFixed(1)}, ${timing.join(', ')}`,
        ].join('\n'),
      );
    }
    await world?.platform.close();
  });

  test.each(SUBGRAPHS)(
    '%s',
    async (subgraph) => {
      const started = Date.now();
      const problems: string[] = [];
      for (const row of rows.filter((r) => r.subgraph === subgraph && inSchema.has(r.operation))) {
        const sample = samples[row.operation];
        if (!sample) {
          problems.push(`${row.operation}: no sample in gateway/test/matrix/samples/${subgraph}.ts`);
          continue;
        }
        const mine = await runOperation(world, row, sample, unauthenticated);
        checks.push(...mine);
        problems.push(...mine.filter((check) => check.mismatch).map(describeMismatch));
      }
      seconds[subgraph] = (Date.now() - started) / 1000;
      expect(problems).toEqual([]);
    },
    600_000,
  );

  test('every sample is of an operation of the schema', () => {
    expect(Object.keys(samples).filter((name) => !inSchema.has(name))).toEqual([]);
    expect(authenticatedCallers()).toHaveLength(ROLE_COLUMNS.length * SIDES.length);
  });
});

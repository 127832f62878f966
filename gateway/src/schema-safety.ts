// Schema safety: every change to the graph is compared with the last released schemas, so that one partner's
// change cannot break another partner's front-end (the client-facing API schema of the composed supergraph) or
// the gateway's query plans (each subgraph's own schema, federation directives included).
//
// `pnpm schema:release` writes the snapshots under gateway/released/ (committed with a release);
// `pnpm schema:check` compares the current schemas with them (GraphQL Inspector's `diff`), prints every change
// with its criticality, and fails on a breaking change unless gateway/released/accepted-breaking.json lists it
// with a reason: a deliberate break is a reviewed decision, not an accident.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type Change, ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { type GraphQLSchema, buildSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { z } from 'zod';
import { CompositionError, type SubgraphSdl } from './composition';
import { SUBGRAPHS, defaultUrl, schemaFile } from './subgraphs';

/** Where the released snapshots live, relative to the workspace root. */
export const RELEASED_DIRECTORY = 'gateway/released';
/** The snapshot of the client-facing API schema (what front-ends see). */
export const API_SCHEMA = 'api';
export const ACCEPTED_FILE = 'accepted-breaking.json';

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';

/** The schemas the check compares: the API schema and each subgraph's SDL, by name (`api`, `housing`, …). */
export type SchemaSet = Record<string, string>;

export interface SchemaChange {
  /** `api` or a subgraph's name. */
  schema: string;
  /** GraphQL Inspector's change type (`FIELD_REMOVED`), or `SUBGRAPH_ADDED` / `SUBGRAPH_REMOVED`. */
  type: string;
  /** What changed (`Query.household`), or the message when the change has no path. */
  path: string;
  message: string;
  criticality: Criticality;
  reason?: string;
  /** The entry of the allow file that lets this breaking change through. */
  acceptedBecause?: string;
}

/** An entry of accepted-breaking.json: one breaking change, deliberately made, with the reason. */
export interface AcceptedBreak {
  schema: string;
  type: string;
  path: string;
  reason: string;
}

const acceptedSchema = z.array(
  z.object({
    schema: z.string().min(1),
    type: z.string().min(1),
    path: z.string().min(1),
    reason: z.string().trim().min(10, 'say why the break is acceptable (at least 10 characters)'),
  }),
);

export interface SchemaCheck {
  changes: SchemaChange[];
  /** Breaking changes the allow file does not list: the check fails when there is any. */
  blocking: SchemaChange[];
  /** Allow-file entries that match no change (left over, or mistyped). */
  unused: AcceptedBreak[];
}

/** The client-facing API schema of the composed supergraph, printed in a stable order. */
export function apiSchemaSdl(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return printSchema(lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema()));
}

/** The schemas as they are in the working tree: each subgraph's SDL file and the API schema they compose to. */
export function currentSchemas(root: string): SchemaSet {
  const subgraphs = SUBGRAPHS.map((s) => ({
    name: s.name,
    url: defaultUrl(s),
    sdl: readFileSync(schemaFile(root, s), 'utf8'),
  }));
  return {
    [API_SCHEMA]: apiSchemaSdl(subgraphs),
    ...Object.fromEntries(subgraphs.map((s) => [s.name, s.sdl])),
  };
}

/** The last released schemas (the snapshots `pnpm schema:release` wrote). */
export function releasedSchemas(root: string): SchemaSet {
  const directory = join(root, RELEASED_DIRECTORY);
  if (!existsSync(join(directory, `${API_SCHEMA}.graphql`))) {
    throw new Error(`no released schema in ${RELEASED_DIRECTORY}: run pnpm schema:release once and commit it`);
  }
  const schemas: SchemaSet = {};
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.graphql'))) {
    schemas[file.replace(/\.graphql$/, '')] = readFileSync(join(directory, file), 'utf8');
  }
  return schemas;
}

export function readAccepted(root: string): AcceptedBreak[] {
  const file = join(root, RELEASED_DIRECTORY, ACCEPTED_FILE);
  if (!existsSync(file)) return [];
  return parseAccepted(readFileSync(file, 'utf8'));
}

export function parseAccepted(text: string): AcceptedBreak[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${ACCEPTED_FILE} is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const parsed = acceptedSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`${ACCEPTED_FILE} must be a list of { schema, type, path, reason }: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function buildFor(schema: string, sdl: string): GraphQLSchema {
  try {
    // A subgraph's schema as the gateway sees it: with `_service`, `_entities` and the federation directives,
    // so that an entity leaving `_Entity` (the gateway can no longer fetch it there) counts as breaking.
    return schema === API_SCHEMA ? buildSchema(sdl) : buildSubgraphSchema([{ typeDefs: parse(sdl) }]);
  } catch (error) {
    throw new Error(`the ${schema} schema is not valid: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

const KEY_CHANGES: readonly string[] = [
  ChangeType.DirectiveUsageObjectRemoved,
  ChangeType.DirectiveUsageInterfaceRemoved,
  ChangeType.DirectiveUsageArgumentAdded,
  ChangeType.DirectiveUsageArgumentRemoved,
];

/**
 * A subgraph that drops or changes an entity's `@key` breaks the plans the gateway makes with the other
 * subgraphs (they refer to the entity by that key); Inspector alone rates it only dangerous.
 */
function federationCriticality(schema: string, change: Change): { level: Criticality; reason?: string } | undefined {
  if (schema === API_SCHEMA || !KEY_CHANGES.includes(change.type as string)) return undefined;
  const meta = change.meta as Record<string, unknown>;
  const directive = meta.removedDirectiveName ?? meta.directiveName;
  if (directive !== 'key') return undefined;
  if (change.type === ChangeType.DirectiveUsageArgumentAdded && meta.oldArgumentValue === null) return undefined;
  return {
    level: 'BREAKING',
    reason: 'an entity key other subgraphs and the gateway’s query plans refer to was removed or changed',
  };
}

function criticalityOf(level: CriticalityLevel): Criticality {
  if (level === CriticalityLevel.Breaking) return 'BREAKING';
  if (level === CriticalityLevel.Dangerous) return 'DANGEROUS';
  return 'NON_BREAKING';
}

/** Every change from `before` to `after` of one schema, with its criticality. */
export async function diffSchema(schema: string, before: string, after: string): Promise<SchemaChange[]> {
  const changes = await diff(buildFor(schema, before), buildFor(schema, after));
  return changes.map((change) => {
    const federation = federationCriticality(schema, change);
    const reason = federation?.reason ?? change.criticality.reason;
    return {
      schema,
      type: change.type as string,
      path: change.path ?? change.message,
      message: change.message,
      criticality: federation?.level ?? criticalityOf(change.criticality.level),
      ...(reason ? { reason } : {}),
    };
  });
}

const matches = (accepted: AcceptedBreak, change: SchemaChange) =>
  accepted.schema === change.schema && accepted.type === change.type && accepted.path === change.path;

/** Compares every schema with its released snapshot; a schema on one side only is a change of its own. */
export async function checkSchemas(
  released: SchemaSet,
  current: SchemaSet,
  accepted: readonly AcceptedBreak[] = [],
): Promise<SchemaCheck> {
  const names = [...new Set([...Object.keys(released), ...Object.keys(current)])].sort((a, b) =>
    a === API_SCHEMA ? -1 : b === API_SCHEMA ? 1 : a.localeCompare(b),
  );
  const changes: SchemaChange[] = [];
  for (const name of names) {
    const before = released[name];
    const after = current[name];
    if (before === undefined) {
      changes.push({
        schema: name,
        type: 'SUBGRAPH_ADDED',
        path: name,
        message: `Subgraph '${name}' was added`,
        criticality: 'NON_BREAKING',
      });
    } else if (after === undefined) {
      changes.push({
        schema: name,
        type: 'SUBGRAPH_REMOVED',
        path: name,
        message: `Subgraph '${name}' was removed`,
        criticality: 'BREAKING',
        reason: 'the gateway can no longer plan through it',
      });
    } else {
      changes.push(...(await diffSchema(name, before, after)));
    }
  }
  for (const change of changes) {
    if (change.criticality !== 'BREAKING') continue;
    const entry = accepted.find((a) => matches(a, change));
    if (entry) change.acceptedBecause = entry.reason;
  }
  return {
    changes,
    blocking: changes.filter((c) => c.criticality === 'BREAKING' && c.acceptedBecause === undefined),
    unused: accepted.filter((a) => !changes.some((c) => c.criticality === 'BREAKING' && matches(a, c))),
  };
}

/** The check's report, one line per change, grouped by schema. */
export function formatCheck(check: SchemaCheck): string[] {
  const lines: string[] = [];
  let schema: string | undefined;
  for (const change of check.changes) {
    if (change.schema !== schema) {
      schema = change.schema;
      lines.push(schema === API_SCHEMA ? 'API schema (what front-ends see):' : `subgraph ${schema}:`);
    }
    const accepted = change.acceptedBecause ? ` [accepted: ${change.acceptedBecause}]` : '';
    const reason =
      change.criticality !== 'NON_BREAKING' && change.reason && change.reason !== change.message
        ? ` (${change.reason})`
        : '';
    // One line per change, whatever a description holds.
    const line = `${change.type} ${change.path}: ${change.message}${reason}`.replace(/\s+/g, ' ');
    lines.push(`  ${change.criticality.padEnd(12)} ${line}${accepted}`);
  }
  for (const entry of check.unused) {
    lines.push(
      `note: ${ACCEPTED_FILE} lists ${entry.schema} ${entry.type} ${entry.path}, which is not a breaking change now`,
    );
  }
  const count = (level: Criticality) => check.changes.filter((c) => c.criticality === level).length;
  lines.push(
    `${check.changes.length} change${check.changes.length === 1 ? '' : 's'} since the last release: ` +
      `${count('BREAKING')} breaking (${check.blocking.length} not accepted), ${count('DANGEROUS')} dangerous, ` +
      `${count('NON_BREAKING')} safe`,
  );
  if (check.blocking.length) {
    lines.push(
      `breaking changes must not reach the partners unannounced: undo them, or list each in ` +
        `${RELEASED_DIRECTORY}/${ACCEPTED_FILE} as { "schema", "type", "path", "reason" } for review`,
    );
  }
  return lines;
}

/** The blocking changes as allow-file entries, for a reviewer to fill in the reasons. */
export function acceptanceTemplate(check: SchemaCheck): AcceptedBreak[] {
  return check.blocking.map((c) => ({ schema: c.schema, type: c.type, path: c.path, reason: '' }));
}

/**
 * Writes the current schemas as the released ones and empties the allow file (its entries were accepted
 * against the previous release). Returns the files written, relative to the workspace root.
 */
export function releaseSchemas(root: string): string[] {
  const directory = join(root, RELEASED_DIRECTORY);
  mkdirSync(directory, { recursive: true });
  const current = currentSchemas(root);
  const written: string[] = [];
  const keep = new Set(Object.keys(current).map((name) => `${name}.graphql`));
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.graphql') && !keep.has(f))) {
    // A subgraph that left the graph leaves the release too.
    rmSync(join(directory, file));
  }
  for (const [name, sdl] of Object.entries(current)) {
    writeFileSync(join(directory, `${name}.graphql`), sdl.endsWith('\n') ? sdl : `${sdl}\n`);
    written.push(`${RELEASED_DIRECTORY}/${name}.graphql`);
  }
  writeFileSync(join(directory, ACCEPTED_FILE), '[]\n');
  written.push(`${RELEASED_DIRECTORY}/${ACCEPTED_FILE}`);
  return written;
}

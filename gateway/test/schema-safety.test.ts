// Schema safety: a change to a subgraph's schema is compared with the last released schemas, for the API the
// front-ends see and for each subgraph; a breaking change fails the check unless it is accepted with a reason.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@second-chance/db';
import { SUBGRAPHS } from '../src';
import {
  API_SCHEMA,
  RELEASED_DIRECTORY,
  type SchemaSet,
  type SchemaChange,
  apiSchemaSdl,
  checkSchemas,
  currentSchemas,
  parseAccepted,
  readAccepted,
  releasedSchemas,
} from '../src/schema-safety';

const root = workspaceRoot(__dirname);
let released: SchemaSet;

beforeAll(() => {
  released = releasedSchemas(root);
});

/** The released schemas with one subgraph's SDL edited, and the API schema composed again from them. */
function edited(subgraph: string, edit: (sdl: string) => string): SchemaSet {
  const before = released[subgraph]!;
  const after = edit(before);
  expect(after).not.toBe(before); // the edit found its text
  const schemas: SchemaSet = { ...released, [subgraph]: after };
  const sdls = SUBGRAPHS.map((s) => ({ name: s.name, url: `http://${s.name}/graphql`, sdl: schemas[s.name]! }));
  return { ...schemas, [API_SCHEMA]: apiSchemaSdl(sdls) };
}

const summary = (changes: readonly SchemaChange[]) =>
  changes.map((c) => `${c.schema} ${c.criticality} ${c.type} ${c.path}`).sort();

test('the committed snapshots are the released schemas, and the check is green on the current ones', async () => {
  // Every subgraph and the API schema have a snapshot, and nothing the platform serves now breaks them.
  expect(Object.keys(released).sort()).toEqual([API_SCHEMA, ...SUBGRAPHS.map((s) => s.name)].sort());
  const check = await checkSchemas(released, currentSchemas(root), readAccepted(root));
  expect(check.blocking).toEqual([]);
  expect(check.unused).toEqual([]);
});

test('removing a field breaks the API schema and the subgraph that had it', async () => {
  const current = edited('housing', (sdl) => sdl.replace(/\n {2}residentCount: Int\n/, '\n'));
  const check = await checkSchemas(released, current);
  expect(summary(check.blocking)).toEqual([
    'api BREAKING FIELD_REMOVED HousingArea.residentCount',
    'housing BREAKING FIELD_REMOVED HousingArea.residentCount',
  ]);
  expect(check.blocking[0]!.message).toMatch(/residentCount.*removed/);
});

test('making an argument required, or adding a required one, breaks every client that leaves it out', async () => {
  const required = await checkSchemas(
    released,
    edited('housing', (sdl) => sdl.replace('officialStatus(year: Int)', 'officialStatus(year: Int!)')),
  );
  expect(summary(required.blocking)).toEqual([
    'api BREAKING FIELD_ARGUMENT_TYPE_CHANGED HousingArea.officialStatus.year',
    'housing BREAKING FIELD_ARGUMENT_TYPE_CHANGED HousingArea.officialStatus.year',
  ]);
  const added = await checkSchemas(
    released,
    edited('housing', (sdl) => sdl.replace('lettingPolicy(asOf: Date)', 'lettingPolicy(asOf: Date, channel: String!)')),
  );
  expect(summary(added.blocking)).toEqual([
    'api BREAKING FIELD_ARGUMENT_ADDED HousingArea.lettingPolicy.channel',
    'housing BREAKING FIELD_ARGUMENT_ADDED HousingArea.lettingPolicy.channel',
  ]);
});

test("changing a field's type breaks it", async () => {
  const check = await checkSchemas(
    released,
    edited('housing', (sdl) => sdl.replace(/\n {2}residentCount: Int\n/, '\n  residentCount: String\n')),
  );
  expect(summary(check.blocking)).toEqual([
    'api BREAKING FIELD_TYPE_CHANGED HousingArea.residentCount',
    'housing BREAKING FIELD_TYPE_CHANGED HousingArea.residentCount',
  ]);
});

test('adding an optional field is safe: reported, not blocking', async () => {
  const current = edited('housing', (sdl) =>
    sdl.replace(
      /\n {2}residentCount: Int\n/,
      '\n  residentCount: Int\n  """\n  Homes in the area.\n  """\n  homes: Int\n',
    ),
  );
  const check = await checkSchemas(released, current);
  expect(check.blocking).toEqual([]);
  expect(summary(check.changes)).toEqual([
    'api NON_BREAKING FIELD_ADDED HousingArea.homes',
    'api NON_BREAKING FIELD_DESCRIPTION_ADDED HousingArea.homes',
    'housing NON_BREAKING FIELD_ADDED HousingArea.homes',
    'housing NON_BREAKING FIELD_DESCRIPTION_ADDED HousingArea.homes',
  ]);
});

test("a subgraph that drops an entity's key breaks the gateway's plans, though the API schema is unchanged", async () => {
  // Only the subgraph's own schema shows it: front-ends see the same API.
  const before = released.finance!;
  const after = before.replace('type HousingOrganisation @key(fields: "id") {', 'type HousingOrganisation {');
  expect(after).not.toBe(before);
  const check = await checkSchemas({ finance: before }, { finance: after });
  expect(summary(check.blocking)).toEqual([
    'finance BREAKING DIRECTIVE_USAGE_OBJECT_REMOVED HousingOrganisation.@key',
    'finance BREAKING UNION_MEMBER_REMOVED _Entity',
  ]);
});

test('the allow file lets a listed breaking change through, with its reason; nothing else', async () => {
  const current = edited('housing', (sdl) => sdl.replace(/\n {2}residentCount: Int\n/, '\n'));
  const reason = 'Replaced by HousingArea.indicators; every partner was told in release 2026.4';
  const accepted = parseAccepted(
    JSON.stringify([{ schema: 'api', type: 'FIELD_REMOVED', path: 'HousingArea.residentCount', reason }]),
  );
  const check = await checkSchemas(released, current, accepted);
  // The API break is accepted; the subgraph's own break is a separate decision, still blocking.
  expect(summary(check.blocking)).toEqual(['housing BREAKING FIELD_REMOVED HousingArea.residentCount']);
  expect(check.changes.find((c) => c.schema === 'api')?.acceptedBecause).toBe(reason);

  const both = await checkSchemas(released, current, [
    ...accepted,
    { schema: 'housing', type: 'FIELD_REMOVED', path: 'HousingArea.residentCount', reason },
  ]);
  expect(both.blocking).toEqual([]);
  expect(both.unused).toEqual([]);

  // An entry for another path lets nothing through, and is reported as unused.
  const other = await checkSchemas(released, current, [{ ...accepted[0]!, path: 'HousingArea.name' }]);
  expect(other.blocking).toHaveLength(2);
  expect(other.unused).toHaveLength(1);
});

test('an allow-file entry without a reason, or a file that is not a list, is refused', () => {
  expect(() =>
    parseAccepted(JSON.stringify([{ schema: 'api', type: 'FIELD_REMOVED', path: 'HousingArea.residentCount' }])),
  ).toThrow(/reason/);
  expect(() =>
    parseAccepted(
      JSON.stringify([{ schema: 'api', type: 'FIELD_REMOVED', path: 'HousingArea.residentCount', reason: ' ' }]),
    ),
  ).toThrow(/say why/);
  expect(() => parseAccepted('{"schema": "api"}')).toThrow(/must be a list/);
  expect(() => parseAccepted('[')).toThrow(/not JSON/);
  expect(parseAccepted('[]')).toEqual([]);
});

describe('the command', () => {
  let workspace: string;
  const cli = join(root, 'gateway', 'src', 'schema-cli.ts');
  const run = (command: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', cli, command], { cwd: workspace, encoding: 'utf8' });

  beforeAll(() => {
    // A workspace of its own whose subgraphs serve the released schemas, to edit freely.
    workspace = mkdtempSync(join(tmpdir(), 'schema-check-'));
    writeFileSync(join(workspace, 'pnpm-workspace.yaml'), 'packages: []\n');
    symlinkSync(join(root, 'node_modules'), join(workspace, 'node_modules'));
    for (const subgraph of SUBGRAPHS) {
      mkdirSync(join(workspace, subgraph.directory, 'src'), { recursive: true });
      writeFileSync(join(workspace, subgraph.directory, 'src', 'schema.graphql'), released[subgraph.name]!);
    }
    cpSync(join(root, RELEASED_DIRECTORY), join(workspace, RELEASED_DIRECTORY), { recursive: true });
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  test('prints every change with its criticality and exits 1 on an unaccepted break, 0 once it is accepted', () => {
    expect(run('check').status).toBe(0);

    const file = join(workspace, 'services', 'housing', 'src', 'schema.graphql');
    const sdl = released.housing!.replace(/\n {2}residentCount: Int\n/, '\n  homes: Int\n');
    writeFileSync(file, sdl);
    const failed = run('check');
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(
      /API schema \(what front-ends see\):\n {2}BREAKING +FIELD_REMOVED HousingArea\.residentCount/,
    );
    expect(failed.stdout).toMatch(/subgraph housing:\n(.*\n)* {2}NON_BREAKING +FIELD_ADDED HousingArea\.homes/);
    expect(failed.stdout).toMatch(
      /6 changes since the last release: 2 breaking \(2 not accepted\), 0 dangerous, 4 safe/,
    );

    writeFileSync(
      join(workspace, RELEASED_DIRECTORY, 'accepted-breaking.json'),
      JSON.stringify(
        ['api', 'housing'].map((schema) => ({
          schema,
          type: 'FIELD_REMOVED',
          path: 'HousingArea.residentCount',
          reason: 'Counted by the evaluation subgraph now (release 2026.4)',
        })),
      ),
    );
    const passed = run('check');
    expect(passed.status).toBe(0);
    expect(passed.stdout).toMatch(/\[accepted: Counted by the evaluation subgraph now/);

    // A release makes the current schemas the released ones and starts a new allow file.
    expect(run('release').status).toBe(0);
    const after = run('check');
    expect(after.status).toBe(0);
    expect(after.stdout).toMatch(/^0 changes since the last release/);
  }, 60_000);
});

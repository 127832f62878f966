// Backup and restore of every service's database, end to end: the whole platform with data made through the API
// (housing stock, households with cases in every state, an agreement, grants, entitlements, a settlement run,
// indicators, an allocation round, an erasure), a fixed set of queries through the gateway as several roles,
// each database backed up, dropped (or replaced), restored, each subgraph started again on it: the databases hold
// the same rows and the platform gives the same answers. A restore over a non-empty database, a damaged file and
// a backup of another service are refused, and change nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createDataSource, dropDatabase, withDatabase } from '@second-chance/db';
import { type TestPlatform, expectNoErrors } from '@second-chance/testing';
import {
  BackupFileError,
  type Manifest,
  RestoreError,
  type ServiceName,
  backupDatabase,
  readBackup,
  restoreDatabase,
} from '../../packages/cli/src/backup';
import { CPR } from './e2e/platform';
import { type Fingerprint, differences, fingerprinter } from './fuzz/fingerprint';
import { type World, buildWorld, startFuzzPlatform } from './fuzz/world';

const SERVICES: readonly ServiceName[] = ['housing', 'households', 'finance', 'evaluation'];
const silent = { onStep: () => undefined };

let platform: TestPlatform;
let world: World;
let directory: string;
const files: Record<string, string> = {};
const manifests: Record<string, Manifest> = {};

/** The fixed set of questions: who asks, what, with which variables. Nothing here reads the audit log. */
function questions(w: World): { who: keyof World['people']; query: string; variables?: Record<string, unknown> }[] {
  const { ids } = w;
  return [
    {
      who: 'caseworker101',
      query: `{ relocationCases(first: 100) { nodes { id state sendingMunicipalityCode receivingMunicipalityCode
        receivingOrganisationId moveDate movedOn createdAt
        history { action fromState toState reason actor occurredAt }
        offers { id status note responseDeadline vacancy { id status unit { id rooms } } }
        grant { id status requestedOre approvedOre shares { amountOre payer { key } } }
        household { id size adults children } } } }`,
    },
    {
      who: 'caseworker101',
      query: `query ($id: ID!) { household(id: $id) { id size adults children homeAddress erasedAt
        needs { minRooms }
        members { id name birthDate cpr(reveal: true) isAdult facts { kind value startedOn endedOn } }
        consents { id purpose givenOn inForce withdrawnOn }
        processingRestriction { restricted reason } } }`,
      variables: { id: ids.household },
    },
    {
      who: 'caseworker101',
      query: `query ($cpr: String!) { householdByCpr(cpr: $cpr) { id members { name cpr } } }`,
      variables: { cpr: CPR.mother.cpr },
    },
    {
      who: 'caseworker101',
      query: `query ($erased: ID!, $restricted: ID!) {
        erased: household(id: $erased) { id erasedAt members { name } }
        restricted: household(id: $restricted) { id processingRestriction { restricted reason } } }`,
      variables: { erased: ids.householdToErase, restricted: ids.householdRestricted },
    },
    {
      who: 'caseworker101',
      query: `{ nominations(first: 100) { nodes { id nominatedByOrganisationId } }
        inMoverApplications(first: 100) { nodes { id municipalityCode } }
        allocationProposals(first: 100) { nodes { id status cost why case { id } vacancy { id } } } }`,
    },
    {
      who: 'letting',
      query: `query ($org: ID) { vacancies(filter: { organisationId: $org, statuses: [OPEN, RESERVED, LET] }, first: 100) {
        nodes { id status channel availableFrom unit { id rooms monthlyRentOre } offers { id status } } }
        offersOfMyVacancies(first: 100) { nodes { id status housingOrganisationId } } }`,
      variables: { org: ids.organisation },
    },
    {
      who: 'finance461',
      query: `{ compensationEntitlements(first: 100) { nodes { id status yearlyOre totalOre claimDeadline claimedOn
        adults children case { id } agreement { id name } } } }`,
    },
    {
      who: 'finance101',
      query: `query ($period: String!) {
        grants(first: 100) { nodes { id status requestedOre approvedOre paidOre purpose shares { amountOre payer { key } } } }
        settlementRuns(first: 10) { nodes { id period entries grossOre netOre reproducible } }
        statement(party: { kind: MUNICIPALITY, id: "101" }, period: $period) { netOre owesOre isOwedOre lines { amountOre } } }`,
      variables: { period: w.lastQuarter },
    },
    {
      who: 'evaluator',
      query: `query ($area: ID!, $year: Int!) {
        followedFamilies(first: 100) { nodes { pseudonym group movedOn nominatedOn } }
        areaIndicators(first: 100) { nodes { year residents outsideWorkOrEducationPct area { id name } } }
        indicatorImports(first: 10) { nodes { id } }
        takeUpFunnel(filter: { period: YEAR }) { period nominated { count } moved { count } }
        housingArea(id: $area) { id name indicators { year residents } classification(year: $year) { status }
          officialStatus(year: $year) { status } } }`,
      variables: { area: ids.area, year: w.listYear },
    },
    {
      who: 'admin',
      query: `{ municipalities { code name region }
        housingOrganisations(first: 100) { nodes { id name cvrNumber } }
        allocationRounds(first: 10) { nodes { id placed seekers vacancies objective } }
        agreements(first: 100) { nodes { id name parties { key } } } }`,
    },
  ];
}

async function ask(w: World): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const { who, query, variables } of questions(w)) {
    const result = await platform.query(await platform.token(w.people[who]), query, variables);
    answers.push(expectNoErrors(result));
  }
  return answers;
}

/** Every table of every service's database (the job queue's too), as fingerprints. */
async function fingerprints(): Promise<Fingerprint> {
  const all: Fingerprint = {};
  for (const service of SERVICES) {
    const subgraph = platform.subgraph(service);
    Object.assign(all, await (await fingerprinter(service, subgraph.owner)).take());
  }
  const [jobs] = await platform.subgraph('households').owner.query<{ print: string }[]>(
    `SELECT count(*)::text || ':' || coalesce(sum(hashtextextended(j::text, 0)::numeric), 0)::text AS print
         FROM graphile_worker._private_jobs j`,
  );
  all['households:graphile_worker._private_jobs'] = jobs!.print;
  return all;
}

/** Stops a subgraph (as an operator would), does `work` on its database, and starts it again on the same URL. */
async function whileStopped(service: ServiceName, work: (databaseUrl: string) => Promise<void>): Promise<void> {
  const subgraph = platform.subgraph(service);
  await subgraph.server.stop();
  const separateOwner = subgraph.owner !== subgraph.dataSource;
  if (separateOwner && subgraph.owner.isInitialized) await subgraph.owner.destroy();
  await work(subgraph.databaseUrl);
  await platform.restartSubgraph(service, { gatewaySecrets: [subgraph.secret] });
  if (separateOwner) {
    subgraph.owner = createDataSource({
      url: subgraph.databaseUrl,
      entities: subgraph.module.entities,
      migrations: subgraph.module.migrations,
      poolSize: 2,
    });
    await subgraph.owner.initialize();
  }
}

/** Whether the server has a database of this URL's name (pg_database is the same from every database). */
async function databaseExists(url: string): Promise<boolean> {
  const rows = await platform
    .subgraph('housing')
    .owner.query<unknown[]>('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)]);
  return rows.length > 0;
}

let before: Fingerprint;
let answersBefore: unknown[];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'second-chance-backup-'));
  platform = await startFuzzPlatform();
  world = await buildWorld(platform, new Set(['restrictProcessing', 'liftRestriction', 'erasePersonalData']));
  const { call, people, ids, lastQuarter, listYear, csvHeader } = world;
  // More of what each service keeps: figures for the area, a settlement run, an erased household.
  await call(
    people.evaluator,
    `mutation ($input: ImportAreaIndicatorsInput!) { importAreaIndicators(input: $input) { id } }`,
    {
      input: {
        csv: [
          csvHeader,
          `${ids.area};${listYear - 1};2400;44,5;2,1;0,7;62;52;55,2;31`,
          `${ids.area};${listYear};2450;45,5;2,3;0,7;61;51;56;30`,
        ].join('\n'),
        source: 'dst.csv',
      },
    },
  );
  await call(people.finance101, `mutation ($p: String!) { runSettlement(period: $p) { id } }`, { p: lastQuarter });
  await call(
    people.caseworker101,
    `mutation ($id: ID!) { erasePersonalData(householdId: $id, reason: "Anmodning om sletning", idempotencyKey: "backup-erasure") { householdId } }`,
    { id: ids.householdToErase },
  );
  await platform.subgraph('households').runJobs();

  answersBefore = await ask(world);
  before = await fingerprints();
  for (const service of SERVICES) {
    files[service] = join(directory, `${service}.backup`);
    manifests[service] = await backupDatabase({
      service,
      databaseUrl: platform.subgraph(service).databaseUrl,
      file: files[service],
    });
  }
}, 600_000);

afterAll(async () => {
  await platform?.close();
  rmSync(directory, { recursive: true, force: true });
});

test('each backup records the migrations, every table with its rows and checksums, and the sequences', async () => {
  const households = manifests.households!;
  expect(households.service).toBe('households');
  expect(households.migrations.length).toBeGreaterThanOrEqual(6);
  const rows = Object.fromEntries(households.summaries.map((s) => [`${s.schema}.${s.name}`, s.rows]));
  // The job queue's tables come along (events waiting in the outbox are data); the migration bookkeeping does not.
  expect(rows['graphile_worker._private_jobs']).toBeDefined();
  expect(rows['public.migrations']).toBeUndefined();
  expect(rows['public.household']).toBeGreaterThanOrEqual(20);
  expect(rows['public.audit_entry']).toBeGreaterThan(0);
  expect(households.sequences.map((s) => `${s.schema}.${s.name}`)).toContain('public.audit_entry_id_seq');
  // Each database's row counts are the database's own.
  for (const service of SERVICES) {
    const [counted] = await platform.subgraph(service).owner.query<
      { count: number }[]
    >(`SELECT count(*)::int AS count FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
            AND table_name <> 'migrations'`);
    expect(manifests[service]!.tables).toHaveLength(counted!.count);
  }
  // Reading the file gives the same manifest; the personal data is there only encrypted.
  expect(await readBackup(files.households!)).toEqual(households);
  const text = gunzipSync(readFileSync(files.households!)).toString('utf8');
  expect(text).not.toContain(CPR.mother.cpr);
  expect(text).not.toContain(CPR.mother.cpr.replace('-', ''));
  // Readable by its owner only.
  expect(execFileSync('stat', ['-c', '%a', files.households!], { encoding: 'utf8' }).trim()).toBe('600');
});

test('after dropping every database and restoring it, the platform holds the same rows and gives the same answers', async () => {
  // housing, households and evaluation: the database is dropped, then restored into a new one of the same name.
  for (const service of ['housing', 'households', 'evaluation'] as const) {
    await whileStopped(service, async (databaseUrl) => {
      await dropDatabase(databaseUrl);
      const report = await restoreDatabase({ service, databaseUrl, file: files[service]!, ...silent });
      expect(report).toEqual(expect.objectContaining({ created: true, replaced: false }));
      expect(report.rows).toBe(manifests[service]!.summaries.reduce((sum, s) => sum + s.rows, 0));
    });
  }
  // finance: restoring over the live database is refused; replacing it (the service stopped) is not.
  await whileStopped('finance', async (databaseUrl) => {
    await expect(restoreDatabase({ service: 'finance', databaseUrl, file: files.finance!, ...silent })).rejects.toThrow(
      /is not empty \(\d+ tables, views and sequences\): restore into a new or empty database, or pass --replace/,
    );
    const report = await restoreDatabase({
      service: 'finance',
      databaseUrl,
      file: files.finance!,
      replace: true,
      ...silent,
    });
    expect(report).toEqual(expect.objectContaining({ created: true, replaced: true }));
  });

  expect(differences(before, await fingerprints())).toEqual([]);
  // The questions have answers worth comparing: many cases, the erased household, money, figures.
  const [cases, , byCpr, rights, , , entitlements, money, evaluation] = answersBefore;
  const at = (answer: unknown, path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], answer);
  const count = (answer: unknown, path: string) => (at(answer, path) as unknown[]).length;
  expect(count(cases, 'relocationCases.nodes')).toBeGreaterThanOrEqual(15);
  expect(at(byCpr, 'householdByCpr.members.0.name')).toBe('Fuzz Mor');
  expect(at(rights, 'erased.erasedAt')).toEqual(expect.any(String));
  expect(at(rights, 'restricted.processingRestriction.restricted')).toBe(true);
  expect(count(entitlements, 'compensationEntitlements.nodes')).toBeGreaterThanOrEqual(3);
  expect(count(money, 'settlementRuns.nodes')).toBe(1);
  expect(at(money, 'grants.nodes')).toContainEqual(expect.objectContaining({ status: 'APPROVED' }));
  expect(count(evaluation, 'areaIndicators.nodes')).toBe(2);
  expect(count(evaluation, 'followedFamilies.nodes')).toBeGreaterThanOrEqual(1);
  expect(await ask(world)).toEqual(answersBefore);

  // The restored platform works on: sequences stand where they stood (new audit entries, new rows), jobs run.
  const { make, people, call } = world;
  const caseId = await make.movedCase();
  await platform.subgraph('households').runJobs();
  const { compensationEntitlements } = await call<{
    compensationEntitlements: { nodes: { case: { id: string } }[] };
  }>(people.finance461, `{ compensationEntitlements(first: 100) { nodes { case { id } } } }`);
  expect(compensationEntitlements.nodes.map((e) => e.case.id)).toContain(caseId);
}, 300_000);

test('a restore over a database that holds anything is refused, and changes nothing', async () => {
  const fingerprint = await fingerprints();
  for (const service of SERVICES) {
    await expect(
      restoreDatabase({
        service,
        databaseUrl: platform.subgraph(service).databaseUrl,
        file: files[service]!,
        ...silent,
      }),
    ).rejects.toThrow(RestoreError);
  }
  expect(differences(fingerprint, await fingerprints())).toEqual([]);
});

test('a replace while the service is running is refused: the database is in use', async () => {
  // The running service holds a connection of its pool (idle ones close after a while, so hold one).
  const evaluation = platform.subgraph('evaluation');
  const connection = evaluation.dataSource.createQueryRunner();
  await connection.connect();
  try {
    await expect(
      restoreDatabase({
        service: 'evaluation',
        databaseUrl: evaluation.databaseUrl,
        file: files.evaluation!,
        replace: true,
        ...silent,
      }),
    ).rejects.toThrow(/is in use: stop the evaluation service/);
    expect(await connection.query('SELECT count(*)::int AS n FROM area_indicators')).toEqual([{ n: 2 }]);
  } finally {
    await connection.release();
  }
});

describe('a file that is not a sound backup of the service is refused before anything changes', () => {
  const fresh = () => withDatabase(platform.subgraph('households').databaseUrl, `restore_${Date.now()}`);
  const refused = async (file: string, message: RegExp, service: ServiceName = 'households') => {
    const databaseUrl = fresh();
    const attempt = restoreDatabase({ service, databaseUrl, file, ...silent });
    await expect(attempt).rejects.toThrow(message);
    // Refused before the database was even made.
    expect(await databaseExists(databaseUrl)).toBe(false);
  };
  const variant = (name: string, bytes: Buffer) => {
    const file = join(directory, name);
    writeFileSync(file, bytes);
    return file;
  };

  test('a byte changed in the compressed file', async () => {
    const bytes = Buffer.from(readFileSync(files.households!));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    await refused(variant('flipped.backup', bytes), /is not a usable backup: .*(damaged|checksum)/);
  });

  test('a row changed inside an intact gzip stream', async () => {
    const text = gunzipSync(readFileSync(files.households!));
    const at = text.indexOf(Buffer.from('Fuzz Mor'));
    expect(at).toBeGreaterThan(0);
    text.write('Fuzz Far', at);
    await expect(readBackup(variant('edited-row.backup', gzipSync(text)))).rejects.toThrow(BackupFileError);
    await refused(join(directory, 'edited-row.backup'), /the rows of public\.\w+ do not match their checksum/);
  });

  test('a file cut short', async () => {
    const bytes = readFileSync(files.households!);
    await refused(variant('cut.backup', bytes.subarray(0, Math.floor(bytes.length * 0.7))), /cut short|ends early/);
    const whole = gunzipSync(bytes);
    await refused(variant('cut-inside.backup', gzipSync(whole.subarray(0, whole.length - 80))), /ends early|cut short/);
  });

  test('something else entirely, and a backup of another service', async () => {
    await refused(
      variant('other.backup', gzipSync(Buffer.from('SELECT 1;\n'))),
      /does not start as a Second Chance backup/,
    );
    await refused(variant('plain.backup', Buffer.from('not even gzip')), /damaged/);
    await refused(join(directory, 'missing.backup'), /no such file/);
    await refused(files.finance!, /is a backup of the finance service, not of households/);
  });
});

test('the commands: pnpm backup writes the file, pnpm restore puts it into a new database and refuses a second time', async () => {
  const root = join(__dirname, '..', '..');
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'packages/cli/src/backup', script), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: directory, LOG_LEVEL: 'warn' },
    });
  const source = platform.subgraph('evaluation').databaseUrl;
  const backup = run('backup-cli.ts', ['--service', 'evaluation', '--out', 'cli.backup', '--database-url', source]);
  expect(backup.stderr).toBe('');
  expect(backup.status).toBe(0);
  expect(backup.stdout).toMatch(/public\.area_indicators +2 rows/);
  expect(backup.stdout).toMatch(/wrote .*cli\.backup: \d+ tables, [\d,]+ rows, \d+ sequences, \d+ migrations/);

  const target = withDatabase(source, `restore_cli_${Date.now()}`);
  const args = ['--service', 'evaluation', '--from', 'cli.backup', '--database-url', target];
  const restore = run('restore-cli.ts', args);
  expect(restore.status).toBe(0);
  expect(restore.stdout).toMatch(/checksums match\n.*created restore_cli_\d+\n.*migrated: .*\n.*loaded and checked/);
  const again = run('restore-cli.ts', args);
  expect(again.status).toBe(1);
  expect(again.stderr).toMatch(/^refused: restore_cli_\d+ is not empty/);
  await dropDatabase(target);
}, 120_000);

// Finishing a key rotation, on a real PostgreSQL and the real households subgraph: values written under key A
// stay readable after the service moves to key B (A still listed), `rotate-keys` re-encrypts them under B in
// batches (each one transaction, resumable, idempotent), after which A can be removed and every value still
// reads. A value under a key the service does not hold fails clearly; a new CPR_HASH_KEY needs the CPR numbers
// hashed again, which the command does from the decrypted numbers.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { GATEWAY_ASSERTION_HEADER, generateGatewaySecret, signGatewayAssertion } from '@second-chance/identity';
import { createLogger, createSubgraphServer, openSubgraphDatabase } from '@second-chance/service-kit';
import { type GraphQLResult, createTestDatabase, dropDatabase, expectNoErrors, identity } from '@second-chance/testing';
import { createHouseholdsSubgraph, generateKeys } from '../src';
import { PersonalDataCipher } from '../src/privacy/cipher';
import type { PersonalDataKeys } from '../src/privacy/keys';
import {
  type RotationProgress,
  encryptedColumns,
  reencryptPersonalData,
  rehashCprNumbers,
  valuesNotUnderCurrentKey,
} from '../src/privacy/rotation';

const log = createLogger('test', 'silent');
const caseworker = identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101');

const keysA = generateKeys('A');
const keyB = randomBytes(32);
/** The service after the new key B was put in front: B encrypts, A still decrypts. */
const keysBA: PersonalDataKeys = { ...keysA, encryption: { B: keyB, A: keysA.encryption.A as Buffer }, current: 'B' };
/** The service after the rotation: A removed. */
const keysB: PersonalDataKeys = { ...keysA, encryption: { B: keyB }, current: 'B' };

/** One version of the households service on the database, with its keys (a deployment). */
interface Deployment {
  db: DataSource;
  call<D>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<D>>;
  ok<D>(query: string, variables?: Record<string, unknown>): Promise<D>;
  stop(): Promise<void>;
}

async function deploy(url: string, keys: PersonalDataKeys): Promise<Deployment> {
  const module = createHouseholdsSubgraph({ keys, offerResponseDays: 5, subscribers: [] });
  const { dataSource } = await openSubgraphDatabase(module, url, log);
  const secret = generateGatewaySecret();
  const server = await createSubgraphServer(module, { dataSource, gatewaySecrets: [secret], log });
  const call = async <D>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<D>> => {
    const response = await request(server.app)
      .post('/graphql')
      .set(GATEWAY_ASSERTION_HEADER, await signGatewayAssertion(secret, 'households', caseworker))
      .send({ query, variables });
    return { status: response.status, body: response.body as GraphQLResult<D>['body'] };
  };
  return {
    db: dataSource,
    call,
    ok: async <D>(query: string, variables?: Record<string, unknown>) =>
      expectNoErrors(await call<D>(query, variables)),
    stop: () => server.stop(),
  };
}

interface Person {
  name: string;
  cpr: string;
  birthDate: string;
  address: string | null;
  releasedOn: string | null;
}

/** Synthetic people (the serial digits are made up), each a household of one. */
const PEOPLE: Person[] = [
  {
    name: 'Test Mor',
    cpr: '120388-1234',
    birthDate: '1988-03-12',
    address: 'Testvej 1, 2100 København Ø',
    releasedOn: '2024-02-01',
  },
  {
    name: 'Test Far',
    cpr: '030785-4321',
    birthDate: '1985-07-03',
    address: 'Prøvegade 2, 8000 Aarhus C',
    releasedOn: null,
  },
  { name: 'Test Enlig', cpr: '010190-1111', birthDate: '1990-01-01', address: null, releasedOn: '2023-06-30' },
  {
    name: 'Test Ældre',
    cpr: '241160-2222',
    birthDate: '1960-11-24',
    address: 'Ålegade 3, 5000 Odense C',
    releasedOn: '2019-12-31',
  },
];

async function register(service: Deployment, person: Person): Promise<string> {
  const { registerHousehold } = await service.ok<{ registerHousehold: { id: string; members: { id: string }[] } }>(
    `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id } } }`,
    {
      input: {
        members: [{ name: person.name, cpr: person.cpr, birthDate: person.birthDate }],
        ...(person.address ? { home: { address: person.address } } : {}),
        needs: { minRooms: 1, stepFreeAccess: false, acceptableMunicipalityCodes: [] },
      },
    },
  );
  if (person.releasedOn) {
    await service.ok(
      `mutation ($id: ID!, $on: Date!) { recordCriminalRecordFact(memberId: $id, input: { kind: PRISON_RELEASE, releasedOn: $on }) { id } }`,
      { id: registerHousehold.members[0]?.id, on: person.releasedOn },
    );
  }
  return registerHousehold.id;
}

const READ = `query ($id: ID!) { household(id: $id) { homeAddress members { cpr(reveal: true) criminalRecordFacts { releasedOn } } } }`;

/** What the service shows of a household's encrypted data. */
async function read(service: Deployment, householdId: string): Promise<Omit<Person, 'name' | 'birthDate'>> {
  const { household } = await service.ok<{
    household: {
      homeAddress: string | null;
      members: { cpr: string; criminalRecordFacts: { releasedOn: string }[] }[];
    };
  }>(READ, { id: householdId });
  const [member] = household.members;
  return {
    cpr: member?.cpr ?? '',
    address: household.homeAddress,
    releasedOn: member?.criminalRecordFacts[0]?.releasedOn ?? null,
  };
}

async function findByCpr(service: Deployment, cpr: string): Promise<string | null> {
  const { householdByCpr } = await service.ok<{ householdByCpr: { id: string } | null }>(
    `query ($cpr: String!) { householdByCpr(cpr: $cpr) { id } }`,
    { cpr },
  );
  return householdByCpr?.id ?? null;
}

/** Every stored ciphertext, by table, column and row. */
async function storedValues(db: DataSource): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const { table, column } of encryptedColumns(db)) {
    const rows = await db.query<{ id: string; value: string }[]>(
      `SELECT id::text AS id, "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL`,
    );
    for (const row of rows) values.set(`${table}.${column}:${row.id}`, row.value);
  }
  return values;
}

const keyIds = (values: Map<string, string>) => [...values.values()].map((v) => PersonalDataCipher.keyIdOf(v));

describe('re-encryption after a key rotation', () => {
  let url: string;
  const ids = new Map<string, string>();
  let onlyA: Deployment;
  let rotating: Deployment;

  beforeAll(async () => {
    url = await createTestDatabase('households_keys');
    onlyA = await deploy(url, keysA);
    for (const person of PEOPLE.slice(0, 3)) ids.set(person.cpr, await register(onlyA, person));
    await onlyA.stop();
    rotating = await deploy(url, keysBA);
  });

  afterAll(async () => {
    await rotating.stop();
    await dropDatabase(url);
  });

  test('the encrypted columns are the CPR numbers, addresses and criminal-record release dates', () => {
    expect(encryptedColumns(rotating.db)).toEqual([
      { table: 'criminal_record_fact', column: 'released_on_ciphertext' },
      { table: 'household', column: 'home_address_ciphertext' },
      { table: 'household_member', column: 'cpr_ciphertext' },
    ]);
  });

  test('with B in front and A still listed, old values read and new values are written under B', async () => {
    expect(new Set(keyIds(await storedValues(rotating.db)))).toEqual(new Set(['A']));
    for (const person of PEOPLE.slice(0, 3)) {
      expect(await read(rotating, ids.get(person.cpr) ?? '')).toEqual({
        cpr: person.cpr,
        address: person.address,
        releasedOn: person.releasedOn,
      });
    }
    const late = PEOPLE[3] as Person;
    ids.set(late.cpr, await register(rotating, late));
    const stored = await storedValues(rotating.db);
    expect(keyIds(stored).filter((k) => k === 'B')).toHaveLength(3);
    expect(keyIds(stored).filter((k) => k === 'A')).toHaveLength(7);
  });

  test('re-encryption runs in batches, each committed on its own: an interrupted run keeps its work and resumes', async () => {
    const cipher = new PersonalDataCipher(keysBA);
    const before = await storedValues(rotating.db);
    const underB = [...before].filter(([, value]) => PersonalDataCipher.keyIdOf(value) === 'B');

    // Stopped after the first batch (two rows) has committed.
    await expect(
      reencryptPersonalData(rotating.db, cipher, {
        batchSize: 2,
        onBatch: () => {
          throw new Error('stopped by the operator');
        },
      }),
    ).rejects.toThrow('stopped by the operator');
    const afterStop = await storedValues(rotating.db);
    expect(keyIds(afterStop).filter((k) => k === 'A')).toHaveLength(5);

    const batches: RotationProgress[] = [];
    const report = await reencryptPersonalData(rotating.db, cipher, {
      batchSize: 2,
      onBatch: (p) => void batches.push(p),
    });
    expect(report.map((c) => [c.column, c.reencrypted, c.changedMeanwhile, c.unreadable])).toEqual([
      ['released_on_ciphertext', {}, 0, []],
      ['home_address_ciphertext', { A: 2 }, 0, []],
      ['cpr_ciphertext', { A: 3 }, 0, []],
    ]);
    // Addresses: one batch of two; CPR numbers: two and one.
    expect(batches.map((b) => [b.column, b.written])).toEqual([
      ['home_address_ciphertext', 2],
      ['cpr_ciphertext', 2],
      ['cpr_ciphertext', 1],
    ]);

    const after = await storedValues(rotating.db);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(new Set(keyIds(after))).toEqual(new Set(['B']));
    // Values already under B are left as they were; the others are new ciphertexts of the same plaintext.
    for (const [where, value] of underB) expect(after.get(where)).toBe(value);
    for (const [where, value] of before) expect(cipher.decrypt(after.get(where) ?? '')).toBe(cipher.decrypt(value));

    // Nothing is left: a second run changes nothing.
    const again = await reencryptPersonalData(rotating.db, cipher, { batchSize: 2 });
    expect(again.map((c) => c.reencrypted)).toEqual([{}, {}, {}]);
    expect(await storedValues(rotating.db)).toEqual(after);
    expect((await valuesNotUnderCurrentKey(rotating.db, cipher)).map((c) => c.byKey)).toEqual([{}, {}, {}]);
  });

  test('with A removed from the keys, every value still reads and every CPR number is still found', async () => {
    const rotated = await deploy(url, keysB);
    try {
      for (const person of PEOPLE) {
        const id = ids.get(person.cpr) ?? '';
        expect(await read(rotated, id)).toEqual({
          cpr: person.cpr,
          address: person.address,
          releasedOn: person.releasedOn,
        });
        expect(await findByCpr(rotated, person.cpr)).toBe(id);
      }
    } finally {
      await rotated.stop();
    }
  });

  test('a value under a key the service does not hold fails with a clear error, not garbage, and is reported', async () => {
    const keysC: PersonalDataKeys = { ...keysA, encryption: { C: randomBytes(32) }, current: 'C' };
    const other = await deploy(url, keysC);
    const stranger: Person = {
      name: 'Test Fremmed',
      cpr: '050505-5555',
      birthDate: '2005-05-05',
      address: 'Fremmedvej 5',
      releasedOn: null,
    };
    const strangerId = await register(other, stranger);
    await other.stop();

    const rotated = await deploy(url, keysB);
    try {
      const answer = await rotated.call<{ household: { homeAddress: string | null } | null }>(
        `query ($id: ID!) { household(id: $id) { homeAddress } }`,
        { id: strangerId },
      );
      expect(answer.body.data?.household?.homeAddress ?? null).toBeNull();
      expect(answer.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['household', 'homeAddress'], 'INTERNAL_SERVER_ERROR'],
      ]);
      expect(JSON.stringify(answer.body)).not.toContain(stranger.address);

      const cipher = new PersonalDataCipher(keysB);
      const [row] = await rotated.db.query<{ value: string }[]>(
        'SELECT home_address_ciphertext AS value FROM household WHERE id = $1',
        [strangerId],
      );
      expect(() => cipher.decrypt(row?.value ?? '')).toThrow(
        'cannot decrypt a value encrypted with key C: PERSONAL_DATA_KEYS does not hold that key',
      );

      const report = await reencryptPersonalData(rotated.db, cipher);
      const unreadable = report.flatMap((c) => c.unreadable);
      expect(unreadable.map((u) => [u.table, u.keyId, u.reason])).toEqual([
        ['household', 'C', 'cannot decrypt a value encrypted with key C: PERSONAL_DATA_KEYS does not hold that key'],
        [
          'household_member',
          'C',
          'cannot decrypt a value encrypted with key C: PERSONAL_DATA_KEYS does not hold that key',
        ],
      ]);
      expect(unreadable[0]?.id).toBe(strangerId);
      expect(report.every((c) => Object.keys(c.reencrypted).length === 0)).toBe(true);
      expect((await valuesNotUnderCurrentKey(rotated.db, cipher)).map((c) => c.byKey)).toEqual([
        {},
        { C: 1 },
        { C: 1 },
      ]);
      const [unchanged] = await rotated.db.query<{ value: string }[]>(
        'SELECT home_address_ciphertext AS value FROM household WHERE id = $1',
        [strangerId],
      );
      expect(unchanged?.value).toBe(row?.value);
    } finally {
      await rotated.stop();
    }
  });

  test('a new CPR_HASH_KEY finds nobody until the CPR numbers are hashed again from the decrypted numbers', async () => {
    const keysNewHash: PersonalDataKeys = { ...keysB, cprHash: randomBytes(32) };
    const service = await deploy(url, keysNewHash);
    try {
      const cipher = new PersonalDataCipher(keysNewHash);
      const person = PEOPLE[0] as Person;
      expect(await findByCpr(service, person.cpr)).toBeNull();

      const check = await rehashCprNumbers(service.db, cipher, { dryRun: true });
      expect(check).toMatchObject({ stale: 4, rehashed: 0 });
      expect(check.unreadable.map((u) => u.keyId)).toEqual(['C']);

      const batches: number[] = [];
      const done = await rehashCprNumbers(service.db, cipher, {
        batchSize: 3,
        onBatch: (p) => void batches.push(p.written),
      });
      expect(done).toMatchObject({ stale: 4, rehashed: 4, changedMeanwhile: 0, conflicts: [] });
      // Five members with a CPR number in batches of three; the one under key C is not rewritten.
      expect(batches).toHaveLength(2);
      expect(batches.reduce((a, b) => a + b, 0)).toBe(4);
      for (const p of PEOPLE) expect(await findByCpr(service, p.cpr)).toBe(ids.get(p.cpr));

      expect(await rehashCprNumbers(service.db, cipher)).toMatchObject({ stale: 0, rehashed: 0 });
    } finally {
      await service.stop();
    }
  });
});

/** Runs the command as an operator would, with the given environment. */
function rotateKeys(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/rotate-keys.ts', ...args],
      { cwd: join(__dirname, '..'), env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('pnpm --filter @second-chance/households rotate-keys', () => {
  let url: string;
  const b64 = (key: Buffer) => key.toString('base64');
  const env = (keys: string, cprHash = keysA.cprHash) => ({
    DATABASE_URL: url,
    PERSONAL_DATA_KEYS: keys,
    CPR_HASH_KEY: b64(cprHash),
    PSEUDONYM_KEY: b64(keysA.pseudonym),
  });
  const A = `A:${b64(keysA.encryption.A as Buffer)}`;
  const B = `B:${b64(keyB)}`;

  beforeAll(async () => {
    url = await createTestDatabase('households_rotate_cli');
    const service = await deploy(url, keysA);
    for (const person of PEOPLE.slice(0, 2)) await register(service, person);
    await service.stop();
  });

  afterAll(() => dropDatabase(url));

  test('checks, re-encrypts, and confirms the old key can go; re-hashes after a new CPR_HASH_KEY', async () => {
    const before = await rotateKeys(env(`${B},${A}`), ['--check']);
    expect(before.stderr).toBe('');
    expect(before.stdout).toContain('current key B; also readable: A');
    expect(before.stdout).toContain('left under other keys: household.home_address_ciphertext A: 2');
    expect(before.stdout).toContain('left under other keys: household_member.cpr_ciphertext A: 2');
    expect(before.stdout).toContain('CPR hashes not made with CPR_HASH_KEY: 0');
    expect(before.code).toBe(1);

    const run = await rotateKeys(env(`${B},${A}`), ['--batch-size', '1']);
    expect(run.stdout).toContain('criminal_record_fact.released_on_ciphertext: 1 re-encrypted (A: 1)');
    expect(run.stdout).toContain('household.home_address_ciphertext: 2 re-encrypted (A: 2)');
    expect(run.stdout).toContain('household_member.cpr_ciphertext: 2 re-encrypted (A: 2)');
    expect(run.stdout).toContain('every value is under key B: the other keys may be removed from PERSONAL_DATA_KEYS');
    expect(run.code).toBe(0);

    const after = await rotateKeys(env(B), ['--check']);
    expect(after.stdout).toContain('every value is under key B');
    expect(after.code).toBe(0);

    const newHash = randomBytes(32);
    const stale = await rotateKeys(env(B, newHash), ['--check']);
    expect(stale.stdout).toContain('CPR hashes not made with CPR_HASH_KEY: 2');
    expect(stale.code).toBe(1);
    const rehashed = await rotateKeys(env(B, newHash), ['--rehash-cpr']);
    expect(rehashed.stdout).toContain('CPR hashes re-hashed: 2');
    expect(rehashed.code).toBe(0);
    expect((await rotateKeys(env(B, newHash), ['--check'])).code).toBe(0);
  }, 120_000);

  test('refuses a batch size that is not a whole number', async () => {
    const result = await rotateKeys(env(B), ['--batch-size', 'many']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('a whole number from 1 to 10000');
  }, 60_000);
});

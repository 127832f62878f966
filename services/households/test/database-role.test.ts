// The households service's database role, on a real PostgreSQL: every session of the service's pool runs as
// `households_app`, which reads and writes the working tables but may only read and add to the audit log, the
// case history and the event outbox, owns nothing and cannot lift the protection; the owner who runs the
// migrations is stopped by the append-only trigger.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@second-chance/db';
import { createLogger, openSubgraphDatabase } from '@second-chance/service-kit';
import { createTestDatabase, dropDatabase } from '@second-chance/testing';
import { createHouseholdsSubgraph, generateKeys } from '../src';
import { HOUSEHOLDS_DATABASE_ROLE } from '../src/privacy/database-role';

const log = createLogger('test', 'silent');
const households = createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] });
let url: string;
/** The service's pool, as openSubgraphDatabase gives it to the running service. */
let app: DataSource;
/** The login user that ran the migrations and owns the tables. */
let owner: DataSource;

beforeAll(async () => {
  url = await createTestDatabase('households_role');
  ({ dataSource: app } = await openSubgraphDatabase(households, url, log));
  owner = createDataSource({ url, entities: households.entities, migrations: households.migrations, poolSize: 2 });
  await owner.initialize();
  // The job queue's schema, as on the service's start.
  await households.background?.prepare({ db: app, databaseUrl: url, log, links: {} });
  // A row in each append-only table (row triggers fire only for rows), written by the service.
  await addAuditEntry(app, 'caseworker-101');
  const [household] = await app.query<{ id: string }[]>(
    `INSERT INTO household (responsible_municipality_code, registered_by) VALUES ('101', 'caseworker-101') RETURNING id`,
  );
  const [kase] = await app.query<{ id: string }[]>(
    `INSERT INTO relocation_case (household_id, state, sending_municipality_code, version)
     VALUES ($1, 'NOMINATED', '101', 1) RETURNING id`,
    [household?.id],
  );
  await app.query(
    `INSERT INTO case_event (case_id, action, to_state, actor, actor_organisation_type, actor_organisation_id, reason)
     VALUES ($1, 'NOMINATE', 'NOMINATED', 'caseworker-101', 'MUNICIPALITY', '101', 'a reason')`,
    [kase?.id],
  );
});

afterAll(async () => {
  await app.destroy();
  await owner.destroy();
  await dropDatabase(url);
});

const APPEND_ONLY = ['audit_entry', 'case_event', 'domain_event'];

async function addAuditEntry(db: DataSource, actor: string): Promise<string> {
  const [row] = await db.query<{ id: string }[]>(
    `INSERT INTO audit_entry (actor, actor_organisation_type, actor_organisation_id, actor_roles, via, household_id, fields, operation)
     VALUES ($1, 'MUNICIPALITY', '101', 'caseworker', 'gateway', $2, '{member.cpr(revealed)}', 'query') RETURNING id`,
    [actor, randomUUID()],
  );
  return row?.id ?? '';
}

describe('who the service is in the database', () => {
  test('every session of the pool runs as households_app; the login user stays the session user', async () => {
    // More statements at once than one connection can carry: the pool opens several.
    const sessions = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.query<{ role: string; login: string; pid: number }[]>(
          'SELECT current_user AS role, session_user AS login, pg_backend_pid() AS pid, pg_sleep(0.05)',
        ),
      ),
    );
    const rows = sessions.flat();
    expect(new Set(rows.map((r) => r.pid)).size).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set([HOUSEHOLDS_DATABASE_ROLE]));
    const [{ login }] = (await owner.query<{ login: string }[]>('SELECT current_user AS login')) as [{ login: string }];
    expect(new Set(rows.map((r) => r.login))).toEqual(new Set([login]));
  });

  test('connections the pool opens again, after the server dropped them, take the role too', async () => {
    const before = await app.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
    const [{ dropped }] = (await owner.query<{ dropped: number }[]>(
      `SELECT count(pg_terminate_backend(pid))::int AS dropped FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'second-chance-households' AND pid <> pg_backend_pid()`,
    )) as [{ dropped: number }];
    expect(dropped).toBeGreaterThan(0);
    // An idle connection the server closed is noticed and replaced; one in use may fail once.
    let rows: { role: string; pid: number }[] = [];
    for (let attempt = 0; attempt < 5 && rows.length === 0; attempt++) {
      rows = await app
        .query<{ role: string; pid: number }[]>('SELECT current_user AS role, pg_backend_pid() AS pid')
        .catch(() => []);
    }
    expect(rows[0]?.role).toBe(HOUSEHOLDS_DATABASE_ROLE);
    expect(rows[0]?.pid).not.toBe(before[0]?.pid);
  });

  test('the role cannot log in, owns nothing, and has no special powers', async () => {
    const [role] = await owner.query<Record<string, boolean>[]>(
      `SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles
        WHERE rolname = $1`,
      [HOUSEHOLDS_DATABASE_ROLE],
    );
    expect(role).toEqual({
      rolcanlogin: false,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      rolreplication: false,
    });
    const [owned] = await owner.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM pg_class WHERE relowner = $1::regrole`,
      [HOUSEHOLDS_DATABASE_ROLE],
    );
    expect(owned?.count).toBe(0);
    const [tables] = await owner.query<{ owner: string }[]>(
      `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE tablename = ANY($1)`,
      [APPEND_ONLY],
    );
    expect(tables?.owner).not.toBe(HOUSEHOLDS_DATABASE_ROLE);
  });
});

describe('the audit log, the case history and the event outbox', () => {
  test('the service reads and adds to the audit log', async () => {
    const id = await addAuditEntry(app, 'caseworker-101');
    const rows = await app.query<{ actor: string }[]>('SELECT actor FROM audit_entry WHERE id = $1', [id]);
    expect(rows).toEqual([{ actor: 'caseworker-101' }]);
  });

  test('the service adds to the event outbox (its sequence included)', async () => {
    const rows = await app.query<{ sequence: string }[]>(
      `INSERT INTO domain_event (id, type, version, aggregate_type, aggregate_id, occurred_at, payload)
       VALUES ($1, 'test.added', 1, 'test', $2, now(), '{}') RETURNING sequence`,
      [randomUUID(), randomUUID()],
    );
    expect(Number(rows[0]?.sequence)).toBeGreaterThan(0);
  });

  test.each(APPEND_ONLY)('the service may not UPDATE, DELETE or TRUNCATE %s: permission denied', async (table) => {
    // case_event's reason may be blanked once a household is erased (its own trigger decides); nothing else.
    const column = table === 'domain_event' ? 'type' : 'actor';
    for (const sql of [
      `UPDATE "${table}" SET ${column} = 'someone else'`,
      `DELETE FROM "${table}"`,
      `TRUNCATE "${table}"`,
    ]) {
      await expect(app.query(sql)).rejects.toMatchObject({
        code: '42501',
        message: `permission denied for table ${table}`,
      });
    }
  });

  test('an entry the service wrote stays as it was after the attempts', async () => {
    const id = await addAuditEntry(app, 'caseworker-stays');
    await expect(app.query('UPDATE audit_entry SET actor = $1 WHERE id = $2', ['x', id])).rejects.toThrow(
      /permission denied/,
    );
    await expect(app.query('DELETE FROM audit_entry WHERE id = $1', [id])).rejects.toThrow(/permission denied/);
    expect(await owner.query('SELECT actor FROM audit_entry WHERE id = $1', [id])).toEqual([
      { actor: 'caseworker-stays' },
    ]);
  });

  test.each(APPEND_ONLY)('even the owner is refused by the trigger on %s', async (table) => {
    const column = table === 'domain_event' ? 'type' : 'actor';
    for (const sql of [
      `UPDATE "${table}" SET ${column} = 'someone else'`,
      `DELETE FROM "${table}"`,
      `TRUNCATE "${table}"`,
    ]) {
      await expect(owner.query(sql)).rejects.toThrow(`${table} is append-only`);
    }
  });

  test('the service cannot lift the protection', async () => {
    const attempts = [
      'DROP TRIGGER audit_entry_append_only ON audit_entry',
      'ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only',
      'DROP TABLE audit_entry',
      'DROP FUNCTION refuse_change_of_record() CASCADE',
      // Replica mode would skip the triggers: only a superuser may set it.
      'SET session_replication_role = replica',
      'CREATE TABLE audit_copy (id bigint)',
      `CREATE SCHEMA elsewhere`,
    ];
    for (const sql of attempts) {
      await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });
    }
    // A grant by someone who holds no grant option grants nothing (PostgreSQL only warns).
    await app.query('GRANT UPDATE, DELETE ON audit_entry TO households_app');
    expect(
      await owner.query(
        `SELECT has_table_privilege('households_app', 'audit_entry', 'UPDATE') AS "update",
                has_table_privilege('households_app', 'audit_entry', 'DELETE') AS "delete"`,
      ),
    ).toEqual([{ update: false, delete: false }]);
    const [trigger] = await owner.query<{ enabled: string }[]>(
      `SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'audit_entry_append_only'`,
    );
    expect(trigger?.enabled).toBe('O');
  });
});

describe('the rest of the database', () => {
  test('the working tables are read and written as usual', async () => {
    const [household] = await app.query<{ id: string }[]>(
      `INSERT INTO household (responsible_municipality_code, registered_by) VALUES ('101', 'caseworker-101') RETURNING id`,
    );
    await app.query(`UPDATE household SET min_rooms = 3 WHERE id = $1`, [household?.id]);
    expect(await app.query('SELECT min_rooms FROM household WHERE id = $1', [household?.id])).toEqual([
      { min_rooms: 3 },
    ]);
    await app.query('DELETE FROM household WHERE id = $1', [household?.id]);
    expect(await app.query('SELECT 1 FROM household WHERE id = $1', [household?.id])).toEqual([]);
  });

  test('the demonstration data is written as the role', async () => {
    await households.seedDemo?.(app, log);
    const [count] = await owner.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM household WHERE registered_by = 'demo-seed'`,
    );
    expect(count?.count).toBe(2);
  });

  test('the migrations table is the owner’s alone', async () => {
    await expect(app.query('SELECT * FROM migrations')).rejects.toMatchObject({ code: '42501' });
  });

  test('a table a later migration creates is the role’s to use, without a grant of its own', async () => {
    await owner.query('CREATE TABLE later_table (id int PRIMARY KEY, note text)');
    try {
      await app.query(`INSERT INTO later_table VALUES (1, 'a')`);
      await app.query(`UPDATE later_table SET note = 'b'`);
      expect(await app.query('SELECT note FROM later_table')).toEqual([{ note: 'b' }]);
      await expect(app.query('TRUNCATE later_table')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await owner.query('DROP TABLE later_table');
    }
  });

  test('the role adds jobs through households_add_job, and cannot touch the queue otherwise', async () => {
    await app.query(
      `SELECT households_add_job('deliver_event', '{"eventId":"x","subscriber":"none"}'::json, $1, NULL, 3)`,
      ['role-test-job'],
    );
    const jobs = await owner.query<{ task: string; attempts: number }[]>(
      `SELECT t.identifier AS task, j.max_attempts AS attempts FROM graphile_worker._private_jobs j
         JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.key = 'role-test-job'`,
    );
    expect(jobs).toEqual([{ task: 'deliver_event', attempts: 3 }]);
    for (const sql of [
      'SELECT count(*) FROM graphile_worker._private_jobs',
      `SELECT graphile_worker.add_job('deliver_event', '{}'::json)`,
      'DELETE FROM graphile_worker._private_jobs',
    ]) {
      await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });
    }
  });
});

describe('the login user', () => {
  const login = `households_login_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const loginUrl = () => {
    const parsed = new URL(url);
    parsed.username = login;
    parsed.password = password;
    return parsed.toString();
  };

  beforeAll(() => owner.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}'`));
  afterAll(() => owner.query(`DROP ROLE IF EXISTS ${login}`));

  test('must be allowed to take the role (GRANT households_app TO <login>), or cannot connect', async () => {
    const refused = createDataSource({ url: loginUrl(), entities: [], migrations: [], role: HOUSEHOLDS_DATABASE_ROLE });
    await expect(refused.initialize()).rejects.toThrow(/permission denied to set role "households_app"/);
    await refused.destroy().catch(() => undefined);

    await owner.query(`GRANT ${HOUSEHOLDS_DATABASE_ROLE} TO ${login}`);
    const allowed = createDataSource({ url: loginUrl(), entities: [], migrations: [], role: HOUSEHOLDS_DATABASE_ROLE });
    await allowed.initialize();
    try {
      expect(await allowed.query('SELECT current_user AS role')).toEqual([{ role: HOUSEHOLDS_DATABASE_ROLE }]);
      await expect(allowed.query(`UPDATE audit_entry SET actor = 'x'`)).rejects.toThrow(/permission denied/);
    } finally {
      await allowed.destroy();
      await owner.query(`REVOKE ${HOUSEHOLDS_DATABASE_ROLE} FROM ${login}`);
    }
  });
});

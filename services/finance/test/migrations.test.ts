// The schema changes only through migrations: after they run, the entities and the database agree, the books
// are append-only and balanced, and every migration can be reverted and applied again.
import { randomBytes } from 'node:crypto';
import { createDataSource } from '@second-chance/db';
import { checkMigrations, testServerUrl } from '@second-chance/testing';
import { createFinanceSubgraph } from '../src';

test('migrations bring an empty database exactly to the entities, keep the ledger append-only and balanced, and revert cleanly', () =>
  checkMigrations(createFinanceSubgraph({ eventSecrets: [] }), async (db) => {
    const run = '00000000-0000-4000-8000-000000000001';
    const entry = '00000000-0000-4000-8000-000000000002';
    const source = '00000000-0000-4000-8000-000000000003';
    await db.query(
      `INSERT INTO settlement_run (id, period, period_start, period_end, entries, gross_ore, net_ore, created_by)
       VALUES ($1, '2025Q1', '2025-01-01', '2025-04-01', 1, 100, 100, 'test')`,
      [run],
    );
    const line = (id: string, party: string, amount: number) =>
      `('${id}', '${entry}', '${run}', '2025Q1', '${party}', 'x', ${amount}, 'COMPENSATION', '${source}', '${source}', false)`;
    const insert = (...lines: string[]) =>
      db.query(
        `INSERT INTO ledger_line (id, entry_id, run_id, period, party, counterparty, amount_ore, kind, source_id, case_id, adjustment)
         VALUES ${lines.join(', ')}`,
      );
    await expect(insert(line('00000000-0000-4000-8000-000000000010', 'MUNICIPALITY:101', 100))).rejects.toThrow(
      /does not balance/,
    );
    await expect(
      insert(
        line('00000000-0000-4000-8000-000000000011', 'MUNICIPALITY:101', -100),
        line('00000000-0000-4000-8000-000000000012', 'MUNICIPALITY:751', 99),
      ),
    ).rejects.toThrow(/does not balance/);
    await insert(
      line('00000000-0000-4000-8000-000000000013', 'MUNICIPALITY:101', -100),
      line('00000000-0000-4000-8000-000000000014', 'MUNICIPALITY:751', 100),
    );
    await expect(db.query('UPDATE ledger_line SET amount_ore = 0')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM ledger_line')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM settlement_run')).rejects.toThrow(/append-only/);
  }));

// A partner's own database server: the service logs in as an ordinary user (no superuser, no CREATEROLE) to
// whom an administrator granted finance_tenant, as deploy/initdb.sql and docs/operations.md say.
test('migrations run as an ordinary login user that an administrator made a member of finance_tenant', async () => {
  const admin = createDataSource({ url: testServerUrl(), entities: [], migrations: [], poolSize: 1 });
  await admin.initialize();
  const login = `finance_login_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const database = `${login}_db`;
  try {
    await admin.query(
      `DO $$ BEGIN CREATE ROLE finance_tenant NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
    await admin.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}'`);
    await admin.query(`GRANT finance_tenant TO ${login}`);
    await admin.query(`CREATE DATABASE ${database} OWNER ${login}`);
    const url = new URL(testServerUrl());
    url.username = login;
    url.password = password;
    url.pathname = `/${database}`;
    const finance = createFinanceSubgraph({ eventSecrets: [] });
    const db = createDataSource({
      url: url.toString(),
      entities: finance.entities,
      migrations: finance.migrations,
      poolSize: 1,
    });
    await db.initialize();
    try {
      await db.runMigrations({ transaction: 'each' });
      const [role] = await db.query<{ member: boolean }[]>(
        `SELECT pg_has_role(current_user, 'finance_tenant', 'MEMBER') AS member`,
      );
      expect(role?.member).toBe(true);
      expect(await db.showMigrations()).toBe(false);
    } finally {
      await db.destroy();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`DROP ROLE IF EXISTS ${login}`);
    await admin.destroy();
  }
}, 60_000);

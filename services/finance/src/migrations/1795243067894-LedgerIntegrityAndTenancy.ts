import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Records that never change once written: the ledger, the runs, payments, agreement versions, received events. */
const APPEND_ONLY = [
  'settlement_run',
  'ledger_entry',
  'ledger_line',
  'settlement_transfer',
  'grant_payment',
  'agreement_version',
  'received_event',
];

/** Tables a tenant reads, and the expression that decides which rows it sees. */
const TENANT_TABLES: Record<string, string> = {
  agreement: 'finance_visible(party_keys)',
  agreement_version: 'finance_visible(party_keys)',
  moving_grant: 'finance_visible(party_keys)',
  grant_payment: 'finance_visible(party_keys)',
  compensation_entitlement: 'finance_visible(party_keys)',
  ledger_entry: 'finance_visible(party_keys)',
  ledger_line: 'finance_visible(ARRAY[party]::text[])',
  settlement_transfer: 'finance_visible(party_keys)',
};

/**
 * The books' integrity and tenant isolation in the database itself.
 *
 * - Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE on the ledger and the other records.
 * - Double entry: the lines an INSERT writes must sum to zero per entry (both lines of an entry are written by
 *   one statement), or the statement fails.
 * - Row-level security: requests run as the role `finance_tenant` with `finance.parties` naming the caller's
 *   parties (`MUNICIPALITY:101`, or `*` for platform administrators); the policies show only rows the caller
 *   is a party to, whatever SQL is sent. The role may only read. The service's own user owns the tables and
 *   is not subject to the policies: settlement runs and received events are written as the platform.
 *   Creating the role needs CREATEROLE once per cluster (deploy/initdb.sql creates it for the compose file).
 */
export class LedgerIntegrityAndTenancy1795243067894 implements MigrationInterface {
  name = 'LedgerIntegrityAndTenancy1795243067894';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION finance_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: rows are never changed or deleted', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of APPEND_ONLY) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION finance_refuse_change()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        unbalanced uuid;
      BEGIN
        SELECT entry_id INTO unbalanced FROM new_lines GROUP BY entry_id
          HAVING sum(amount_ore) <> 0 OR count(*) < 2 LIMIT 1;
        IF unbalanced IS NOT NULL THEN
          RAISE EXCEPTION 'ledger entry % does not balance: the lines of an entry sum to zero', unbalanced
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER ledger_line_balanced AFTER INSERT ON ledger_line REFERENCING NEW TABLE AS new_lines
         FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_balance()`,
    );

    // The role is the cluster's, shared by every finance database in it: create it once, whoever comes first.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'finance_tenant') THEN
          CREATE ROLE finance_tenant NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END
      $$`);
    await queryRunner.query(`
      DO $$
      BEGIN
        -- Already a member (an administrator ran deploy/initdb.sql or GRANT finance_tenant TO the login): nothing
        -- to do; granting it again would need the ADMIN option on the role, which a login user does not have.
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, 'finance_tenant', 'MEMBER') THEN
          EXECUTE format('GRANT finance_tenant TO %I', current_user);
        END IF;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'the finance service cannot take the role finance_tenant: a database administrator runs GRANT finance_tenant TO %', current_user;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION finance_visible(keys text[]) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT current_setting('finance.parties', true) = '*'
            OR keys && string_to_array(nullif(current_setting('finance.parties', true), ''), ',')
      $$`);
    await queryRunner.query('GRANT USAGE ON SCHEMA public TO finance_tenant');
    await queryRunner.query('GRANT SELECT ON settlement_run TO finance_tenant');
    for (const [table, visible] of Object.entries(TENANT_TABLES)) {
      await queryRunner.query(`GRANT SELECT ON "${table}" TO finance_tenant`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_read ON "${table}" FOR SELECT TO finance_tenant USING (${visible})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(TENANT_TABLES)) {
      await queryRunner.query(`DROP POLICY tenant_read ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`REVOKE ALL ON "${table}" FROM finance_tenant`);
    }
    await queryRunner.query('REVOKE ALL ON settlement_run FROM finance_tenant');
    await queryRunner.query('REVOKE USAGE ON SCHEMA public FROM finance_tenant');
    await queryRunner.query('DROP FUNCTION finance_visible(text[])');
    await queryRunner.query('DROP TRIGGER ledger_line_balanced ON ledger_line');
    await queryRunner.query('DROP FUNCTION ledger_entries_balance()');
    for (const table of APPEND_ONLY) await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    await queryRunner.query('DROP FUNCTION finance_refuse_change()');
  }
}

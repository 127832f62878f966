import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The records that must never change once written: the audit log of personal data reads, the history of
 * each case, and the outbox of domain events. A trigger refuses UPDATE and DELETE on them, whoever asks.
 */
export class AppendOnlyRecords1795241157089 implements MigrationInterface {
  name = 'AppendOnlyRecords1795241157089';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_change_of_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: rows are never changed or deleted', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['audit_entry', 'case_event', 'domain_event']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_entry', 'case_event', 'domain_event']) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_change_of_record()`);
  }
}

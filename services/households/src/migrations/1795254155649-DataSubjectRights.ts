import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data subject's rights: restriction of processing and erasure on the household, the erasure record, the
 * audit log's action and reason. The case history stays append-only, with one exception that erasure needs: once
 * a household is erased, the free-text reasons in its cases' history may be blanked (set to NULL), and nothing
 * else of a row may change; the service's role may update that one column. The erasure record is only added to.
 */
export class DataSubjectRights1795254155649 implements MigrationInterface {
  name = 'DataSubjectRights1795254155649';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "personal_data_erasure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "requested_by_organisation" character varying(100) NOT NULL, "idempotency_key" character varying(200) NOT NULL, "erased_by" character varying(256) NOT NULL, "reason" character varying(500) NOT NULL, "records" jsonb NOT NULL, "erased_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6887ef84be2bd57ad8068add672" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0b17bb7e9b92b64ecc7b5a7ceb" ON "personal_data_erasure"  ("household_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "personal_data_erasure_idempotency" ON "personal_data_erasure"  ("requested_by_organisation", "idempotency_key") `);
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "action" character varying(20) NOT NULL DEFAULT 'READ'`);
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "reason" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "household" ADD "restricted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "household" ADD "restricted_by" character varying(256)`);
    await queryRunner.query(`ALTER TABLE "household" ADD "restriction_reason" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "household" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);

    await queryRunner.query(`DROP TRIGGER case_event_append_only ON "case_event"`);
    await queryRunner.query(
      `CREATE TRIGGER case_event_append_only BEFORE DELETE OR TRUNCATE ON "case_event"
         FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION case_event_erasure_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reason IS NULL
           AND to_jsonb(NEW) - 'reason' = to_jsonb(OLD) - 'reason'
           AND EXISTS (SELECT 1 FROM relocation_case c JOIN household h ON h.id = c.household_id
                        WHERE c.id = OLD.case_id AND h.erased_at IS NOT NULL) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'case_event is append-only: rows are never changed or deleted, except that erasing a household blanks the reasons in its history'
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER case_event_erasure_only BEFORE UPDATE ON "case_event"
         FOR EACH ROW EXECUTE FUNCTION case_event_erasure_only()`,
    );
    // The service's role (ApplicationRole), where it exists.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'households_app') THEN
          GRANT UPDATE (reason) ON "case_event" TO households_app;
          REVOKE UPDATE, DELETE ON "personal_data_erasure" FROM households_app;
        END IF;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'households_app') THEN
          REVOKE UPDATE (reason) ON "case_event" FROM households_app;
        END IF;
      END
      $$`);
    await queryRunner.query(`DROP TRIGGER case_event_erasure_only ON "case_event"`);
    await queryRunner.query(`DROP FUNCTION case_event_erasure_only()`);
    await queryRunner.query(`DROP TRIGGER case_event_append_only ON "case_event"`);
    await queryRunner.query(
      `CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "case_event"
         FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record()`,
    );
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "erased_at"`);
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "restriction_reason"`);
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "restricted_by"`);
    await queryRunner.query(`ALTER TABLE "household" DROP COLUMN "restricted_at"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "reason"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "action"`);
    await queryRunner.query(`DROP INDEX "public"."personal_data_erasure_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b17bb7e9b92b64ecc7b5a7ceb"`);
    await queryRunner.query(`DROP TABLE "personal_data_erasure"`);
  }
}

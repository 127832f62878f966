import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A direct, indexed path from a housing organisation to its open and reserved vacancies: the letting
 * officer's vacancy board. Without it the board read every active vacancy in the country and looked up each
 * one's unit to keep the organisation's (at national scale 10,035 unit lookups to keep 250 rows, 187 ms; with
 * it 2.7 ms, see docs/performance.md).
 *
 * `vacancy.organisation_id` is a copy of the unit's department's organisation, set by the database on every
 * insert (and whenever the unit changes), never by the service. A department's organisation and a unit's
 * department are fixed once registered (no operation moves them), and triggers refuse a change, so the copy
 * cannot drift.
 */
export class VacancyOrganisation1795300000000 implements MigrationInterface {
  name = 'VacancyOrganisation1795300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vacancy" ADD "organisation_id" uuid`);
    await queryRunner.query(`
      UPDATE "vacancy" v SET "organisation_id" = d."organisation_id"
        FROM "unit" u JOIN "department" d ON d."id" = u."department_id"
       WHERE u."id" = v."unit_id"`);
    await queryRunner.query(`ALTER TABLE "vacancy" ALTER COLUMN "organisation_id" SET NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION "vacancy_set_organisation"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT d."organisation_id" INTO NEW."organisation_id"
          FROM "unit" u JOIN "department" d ON d."id" = u."department_id"
         WHERE u."id" = NEW."unit_id";
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "vacancy_set_organisation" BEFORE INSERT OR UPDATE OF "unit_id", "organisation_id" ON "vacancy"
        FOR EACH ROW EXECUTE FUNCTION "vacancy_set_organisation"()`);
    await queryRunner.query(`
      CREATE FUNCTION "refuse_moving_housing_stock"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% cannot move to another %', TG_ARGV[0], TG_ARGV[1] USING ERRCODE = 'check_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "department_organisation_fixed" BEFORE UPDATE OF "organisation_id" ON "department"
        FOR EACH ROW WHEN (OLD."organisation_id" IS DISTINCT FROM NEW."organisation_id")
        EXECUTE FUNCTION "refuse_moving_housing_stock"('a department', 'housing organisation')`);
    await queryRunner.query(`
      CREATE TRIGGER "unit_department_fixed" BEFORE UPDATE OF "department_id" ON "unit"
        FOR EACH ROW WHEN (OLD."department_id" IS DISTINCT FROM NEW."department_id")
        EXECUTE FUNCTION "refuse_moving_housing_stock"('a unit', 'department')`);
    await queryRunner.query(
      `CREATE INDEX "vacancy_active_by_organisation" ON "vacancy" ("organisation_id", "available_from", "id") WHERE "status" IN ('OPEN', 'RESERVED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."vacancy_active_by_organisation"`);
    await queryRunner.query(`DROP TRIGGER "unit_department_fixed" ON "unit"`);
    await queryRunner.query(`DROP TRIGGER "department_organisation_fixed" ON "department"`);
    await queryRunner.query(`DROP FUNCTION "refuse_moving_housing_stock"()`);
    await queryRunner.query(`DROP TRIGGER "vacancy_set_organisation" ON "vacancy"`);
    await queryRunner.query(`DROP FUNCTION "vacancy_set_organisation"()`);
    await queryRunner.query(`ALTER TABLE "vacancy" DROP COLUMN "organisation_id"`);
  }
}

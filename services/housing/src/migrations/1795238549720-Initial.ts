import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795238549720 implements MigrationInterface {
  name = 'Initial1795238549720';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "municipality" ("code" character(3) NOT NULL, "name" character varying(100) NOT NULL, "region" character varying(20) NOT NULL, "region_code" smallint NOT NULL, CONSTRAINT "PK_f01eb47e7b81481ca5a146a786d" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "housing_organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "cvr_number" character(8) NOT NULL, "municipality_code" character(3) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9776638a6aba51f8cc920703efc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "housing_organisation_cvr_unique" ON "housing_organisation"  ("cvr_number") `);
    await queryRunner.query(`CREATE TABLE "housing_area" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "municipality_code" character(3) NOT NULL, "administrator_id" uuid NOT NULL, "resident_count" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08eb0b8d8b36419b81b41520fa3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d676a80fe543fe1cdd9df73e4d" ON "housing_area"  ("administrator_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "housing_area_name_unique" ON "housing_area"  ("municipality_code", "name") `);
    await queryRunner.query(`CREATE TABLE "department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "area_id" uuid NOT NULL, "number" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9a2213262c1593bffb581e382f5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f1ba840ebdc158f24396a71d78" ON "department"  ("area_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "department_number_unique" ON "department"  ("organisation_id", "number") `);
    await queryRunner.query(`CREATE TABLE "letting_policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "area_id" uuid NOT NULL, "valid_from" date NOT NULL, "flexible_letting_criteria" character varying(40) array NOT NULL, "flexible_letting_note" character varying(1000), "combined_letting" boolean NOT NULL, "municipal_allocation_share_bp" integer NOT NULL, "set_by" character varying(256) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_20ffacd4ca0ed9cf9781e7c9a70" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "letting_policy_valid_from_unique" ON "letting_policy"  ("area_id", "valid_from") `);
    await queryRunner.query(`CREATE TABLE "official_area_status" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "area_id" uuid NOT NULL, "year" smallint NOT NULL, "status" character varying(30) NOT NULL, "published_on" date NOT NULL, "recorded_by" character varying(256) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22c9ae843a2dad9b6d970fdb579" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "official_area_status_year_unique" ON "official_area_status"  ("area_id", "year") `);
    await queryRunner.query(`CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "department_id" uuid NOT NULL, "street" character varying(200) NOT NULL, "house_number" character varying(10) NOT NULL, "floor" character varying(10) NOT NULL DEFAULT '', "door" character varying(10) NOT NULL DEFAULT '', "postal_code" character(4) NOT NULL, "city" character varying(100) NOT NULL, "rooms" smallint NOT NULL, "floor_area_m2" integer NOT NULL, "monthly_rent_ore" bigint NOT NULL, "kind" character varying(20) NOT NULL, "step_free_access" boolean NOT NULL, "elevator" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "unit_address_unique" ON "unit"  ("department_id", "street", "house_number", "floor", "door") `);
    await queryRunner.query(`CREATE TABLE "vacancy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid NOT NULL, "available_from" date NOT NULL, "channel" character varying(30) NOT NULL, "status" character varying(20) NOT NULL, "reservation_id" uuid, "reserved_until" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_by" character varying(256) NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "withdrawn_reason" character varying(500), CONSTRAINT "PK_8fa1981f63bc24e1712707d492b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e0412f40e6cbd8d2e8cf99bc12" ON "vacancy"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9f13a73371fa14d0649562f66d" ON "vacancy"  ("status", "available_from") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "vacancy_one_active_per_unit" ON "vacancy"  ("unit_id") WHERE "status" IN ('OPEN', 'RESERVED')`);
    await queryRunner.query(`CREATE TABLE "reservation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vacancy_id" uuid NOT NULL, "holder_organisation_type" character varying(30) NOT NULL, "holder_organisation_id" character varying(64) NOT NULL, "holder_subject" character varying(256) NOT NULL, "reference" character varying(100), "idempotency_key" character varying(100) NOT NULL, "reserved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_48b1f9922368359ab88e8bfa525" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_11b85fec355238b7d4898f773d" ON "reservation"  ("vacancy_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "reservation_idempotency_unique" ON "reservation"  ("holder_organisation_type", "holder_organisation_id", "idempotency_key") `);
    await queryRunner.query(`ALTER TABLE "housing_organisation" ADD CONSTRAINT "FK_8b3c938df7279791732fb2dfac9" FOREIGN KEY ("municipality_code") REFERENCES "municipality"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "housing_area" ADD CONSTRAINT "FK_a76469cc3df627afdfd30131354" FOREIGN KEY ("municipality_code") REFERENCES "municipality"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "housing_area" ADD CONSTRAINT "FK_d676a80fe543fe1cdd9df73e4dd" FOREIGN KEY ("administrator_id") REFERENCES "housing_organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "department" ADD CONSTRAINT "FK_c84ade69c16ffb4806bc12eceaf" FOREIGN KEY ("organisation_id") REFERENCES "housing_organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "department" ADD CONSTRAINT "FK_f1ba840ebdc158f24396a71d78c" FOREIGN KEY ("area_id") REFERENCES "housing_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "letting_policy" ADD CONSTRAINT "FK_846c83a4da444bc3cdd60a94748" FOREIGN KEY ("area_id") REFERENCES "housing_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "official_area_status" ADD CONSTRAINT "FK_58bf1fe59004774cfe07214d63f" FOREIGN KEY ("area_id") REFERENCES "housing_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "unit" ADD CONSTRAINT "FK_54b0962d7c79cb6ed7833dca81f" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "FK_e0412f40e6cbd8d2e8cf99bc121" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "FK_99d5457ee34564bea36f0de7751" FOREIGN KEY ("reservation_id") REFERENCES "reservation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reservation" ADD CONSTRAINT "FK_11b85fec355238b7d4898f773d1" FOREIGN KEY ("vacancy_id") REFERENCES "vacancy"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reservation" DROP CONSTRAINT "FK_11b85fec355238b7d4898f773d1"`);
    await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "FK_99d5457ee34564bea36f0de7751"`);
    await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "FK_e0412f40e6cbd8d2e8cf99bc121"`);
    await queryRunner.query(`ALTER TABLE "unit" DROP CONSTRAINT "FK_54b0962d7c79cb6ed7833dca81f"`);
    await queryRunner.query(`ALTER TABLE "official_area_status" DROP CONSTRAINT "FK_58bf1fe59004774cfe07214d63f"`);
    await queryRunner.query(`ALTER TABLE "letting_policy" DROP CONSTRAINT "FK_846c83a4da444bc3cdd60a94748"`);
    await queryRunner.query(`ALTER TABLE "department" DROP CONSTRAINT "FK_f1ba840ebdc158f24396a71d78c"`);
    await queryRunner.query(`ALTER TABLE "department" DROP CONSTRAINT "FK_c84ade69c16ffb4806bc12eceaf"`);
    await queryRunner.query(`ALTER TABLE "housing_area" DROP CONSTRAINT "FK_d676a80fe543fe1cdd9df73e4dd"`);
    await queryRunner.query(`ALTER TABLE "housing_area" DROP CONSTRAINT "FK_a76469cc3df627afdfd30131354"`);
    await queryRunner.query(`ALTER TABLE "housing_organisation" DROP CONSTRAINT "FK_8b3c938df7279791732fb2dfac9"`);
    await queryRunner.query(`DROP INDEX "public"."reservation_idempotency_unique"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_11b85fec355238b7d4898f773d"`);
    await queryRunner.query(`DROP TABLE "reservation"`);
    await queryRunner.query(`DROP INDEX "public"."vacancy_one_active_per_unit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9f13a73371fa14d0649562f66d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e0412f40e6cbd8d2e8cf99bc12"`);
    await queryRunner.query(`DROP TABLE "vacancy"`);
    await queryRunner.query(`DROP INDEX "public"."unit_address_unique"`);
    await queryRunner.query(`DROP TABLE "unit"`);
    await queryRunner.query(`DROP INDEX "public"."official_area_status_year_unique"`);
    await queryRunner.query(`DROP TABLE "official_area_status"`);
    await queryRunner.query(`DROP INDEX "public"."letting_policy_valid_from_unique"`);
    await queryRunner.query(`DROP TABLE "letting_policy"`);
    await queryRunner.query(`DROP INDEX "public"."department_number_unique"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f1ba840ebdc158f24396a71d78"`);
    await queryRunner.query(`DROP TABLE "department"`);
    await queryRunner.query(`DROP INDEX "public"."housing_area_name_unique"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d676a80fe543fe1cdd9df73e4d"`);
    await queryRunner.query(`DROP TABLE "housing_area"`);
    await queryRunner.query(`DROP INDEX "public"."housing_organisation_cvr_unique"`);
    await queryRunner.query(`DROP TABLE "housing_organisation"`);
    await queryRunner.query(`DROP TABLE "municipality"`);
  }
}

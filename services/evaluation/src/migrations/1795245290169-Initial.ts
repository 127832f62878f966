import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795245290169 implements MigrationInterface {
  name = 'Initial1795245290169';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "area_indicators" ("area_id" uuid NOT NULL, "year" integer NOT NULL, "residents" integer NOT NULL, "outside_work_or_education_ppm" integer NOT NULL, "conviction_ppm" integer NOT NULL, "national_conviction_ppm" integer NOT NULL, "basic_schooling_only_ppm" integer NOT NULL, "income_of_region_ppm" integer NOT NULL, "non_western_ppm" integer NOT NULL, "open_municipal_case_ppm" integer, "import_id" uuid NOT NULL, "imported_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cbaf404d78b59c373235005b7f7" PRIMARY KEY ("area_id", "year"))`);
    await queryRunner.query(`CREATE INDEX "IDX_cbaf404d78b59c373235005b7f" ON "area_indicators"  ("year", "area_id") `);
    await queryRunner.query(`CREATE TABLE "indicator_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source" character varying(200), "rows" integer NOT NULL, "replaced" integer NOT NULL, "imported_by" character varying(200) NOT NULL, "imported_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3ce9886d1c16ab200d7ce49b479" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_750ced3544717a7827b7d95664" ON "indicator_import"  ("imported_at") `);
    await queryRunner.query(`CREATE TABLE "participation" ("case_ref" character(64) NOT NULL, "household_pseudonym" character varying(100) NOT NULL, "sending_municipality_code" character(3) NOT NULL, "receiving_municipality_code" character(3), "to_area_id" uuid, "nominated_on" date NOT NULL, "consented_on" date, "offered_on" date, "accepted_on" date, "moved_on" date, "state" character varying(20) NOT NULL, "last_sequence" bigint NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87fba240078cf4079537ec9ec6d" PRIMARY KEY ("case_ref"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5d930337106fa4c92bf47393f4" ON "participation"  ("household_pseudonym") `);
    await queryRunner.query(`CREATE INDEX "IDX_b69af81630573b15e45a4bb02b" ON "participation"  ("sending_municipality_code", "nominated_on") `);
    await queryRunner.query(`CREATE TABLE "in_move" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_ref" character(64), "area_id" uuid NOT NULL, "moved_on" date NOT NULL, "members" smallint NOT NULL, "adults_of_working_age" smallint NOT NULL, "adults_outside_labour_market" smallint NOT NULL, "members_with_open_case" smallint NOT NULL, CONSTRAINT "PK_4060a755ff7d2e69598903c56b6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b44a50be131803dab2b50f76a2" ON "in_move"  ("case_ref") WHERE case_ref IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_b92fd17c39b00512594ee9475a" ON "in_move"  ("area_id", "moved_on") `);
    await queryRunner.query(`CREATE TABLE "outcome" ("household_pseudonym" character varying(100) NOT NULL, "point" character varying(10) NOT NULL, "adults" smallint NOT NULL, "adults_in_work" smallint NOT NULL, "adults_in_education" smallint NOT NULL, "adults_on_benefits" smallint NOT NULL, "children" smallint NOT NULL, "children_school_absence_bp" smallint, "still_in_new_home" boolean, "returned_to_former_area" boolean, "recorded_crime_offences" integer, "recorded_by" character varying(200) NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f03202eaa2c6fd8fda3a5e24b2f" PRIMARY KEY ("household_pseudonym", "point"))`);
    await queryRunner.query(`CREATE TABLE "received_event" ("event_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "sequence" bigint NOT NULL, "outcome" character varying(40) NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0cfdcf5573f4644c09c7609f1b6" PRIMARY KEY ("event_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "received_event"`);
    await queryRunner.query(`DROP TABLE "outcome"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b92fd17c39b00512594ee9475a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b44a50be131803dab2b50f76a2"`);
    await queryRunner.query(`DROP TABLE "in_move"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b69af81630573b15e45a4bb02b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5d930337106fa4c92bf47393f4"`);
    await queryRunner.query(`DROP TABLE "participation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_750ced3544717a7827b7d95664"`);
    await queryRunner.query(`DROP TABLE "indicator_import"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cbaf404d78b59c373235005b7f"`);
    await queryRunner.query(`DROP TABLE "area_indicators"`);
  }
}

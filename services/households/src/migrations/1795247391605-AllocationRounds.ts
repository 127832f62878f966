import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AllocationRounds1795247391605 implements MigrationInterface {
  name = 'AllocationRounds1795247391605';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "allocation_round" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_date" date NOT NULL, "rule_version" character varying(40) NOT NULL, "weights" jsonb NOT NULL, "commitments" jsonb, "objective" double precision NOT NULL, "lp_bound" double precision NOT NULL, "greedy_objective" double precision NOT NULL, "greedy_placed" integer NOT NULL, "stats" jsonb NOT NULL, "area_projections" jsonb NOT NULL, "run_by" character varying(256) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_386f519efae0510112f466a99ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c8c1e556de24d25b0e84ccdc99" ON "allocation_round"  ("created_at") `);
    await queryRunner.query(`CREATE TABLE "allocation_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "seeker_kind" character varying(12) NOT NULL, "household_id" uuid NOT NULL, "case_id" uuid, "application_id" uuid, "municipality_code" character(3) NOT NULL, "household_size" smallint NOT NULL, "needs" jsonb NOT NULL, "vacancy_id" uuid, "unit_id" uuid, "area_id" uuid, "organisation_id" character varying(64), "receiving_municipality_code" character(3), "cost" double precision, "cost_parts" jsonb, "why" jsonb NOT NULL, "why_not" jsonb NOT NULL, "excluded_by_rule" jsonb NOT NULL, "explanation" text NOT NULL, "status" character varying(20) NOT NULL, "rejection_reason" character varying(2000), "offer_id" uuid, "decided_by" character varying(256), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a269531ee791a208a3d24def230" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d4f35fe5332f882c15dcc1e1bb" ON "allocation_proposal"  ("round_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0447fe63bf15c7125618833003" ON "allocation_proposal"  ("municipality_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_a2b59bcc00480b8f18cb590273" ON "allocation_proposal"  ("organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_8932ea6964b322b6167cd5f785" ON "allocation_proposal"  ("household_id", "status") `);
    await queryRunner.query(`CREATE TABLE "allocation_weights" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "weights" jsonb NOT NULL, "note" character varying(2000) NOT NULL, "set_by" character varying(256) NOT NULL, "set_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f5a5a618eefb51d843f43ad690b" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "allocation_weights"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8932ea6964b322b6167cd5f785"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a2b59bcc00480b8f18cb590273"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0447fe63bf15c7125618833003"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d4f35fe5332f882c15dcc1e1bb"`);
    await queryRunner.query(`DROP TABLE "allocation_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c8c1e556de24d25b0e84ccdc99"`);
    await queryRunner.query(`DROP TABLE "allocation_round"`);
  }
}

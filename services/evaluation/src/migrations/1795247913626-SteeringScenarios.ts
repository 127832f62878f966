import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SteeringScenarios1795247913626 implements MigrationInterface {
  name = 'SteeringScenarios1795247913626';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "steering_scenario" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seed" integer NOT NULL, "input" jsonb NOT NULL, "summary" jsonb NOT NULL, "areas" jsonb NOT NULL, "run_by" character varying(256) NOT NULL, "seconds" double precision NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a040b719669db735291704c87b0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6ddad56a3f7d674dd52cb2b637" ON "steering_scenario"  ("created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_6ddad56a3f7d674dd52cb2b637"`);
    await queryRunner.query(`DROP TABLE "steering_scenario"`);
  }
}

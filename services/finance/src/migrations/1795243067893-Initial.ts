import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795243067893 implements MigrationInterface {
  name = 'Initial1795243067893';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "parties" jsonb NOT NULL, "party_keys" text array NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "created_by_organisation" character varying(80) NOT NULL, "created_by" character varying(256) NOT NULL, "idempotency_key" character varying(100), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7537188219eeef56233a609753" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "agreement_idempotency" ON "agreement"  ("created_by_organisation", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "agreement_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "version" integer NOT NULL, "effective_from" date NOT NULL, "party_keys" text array NOT NULL, "grant_policy" jsonb NOT NULL, "compensation_policy" jsonb, "note" character varying(2000), "created_by" character varying(256) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db3e64e691aef50c031de3c135a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1590cc4a0bfa48042f1e9877fa" ON "agreement_version"  ("agreement_id", "effective_from") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_99b0b8137dcd74ab1e022f07d8" ON "agreement_version"  ("agreement_id", "version") `);
    await queryRunner.query(`CREATE TABLE "compensation_entitlement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "source_event_id" uuid NOT NULL, "agreement_id" uuid NOT NULL, "agreement_version_id" uuid NOT NULL, "agreement_version" integer NOT NULL, "household_pseudonym" character varying(100) NOT NULL, "sending_municipality_code" character(3) NOT NULL, "receiving_municipality_code" character(3) NOT NULL, "receiving_housing_organisation_id" character varying(64), "to_unit_id" uuid, "party_keys" text array NOT NULL, "move_date" date NOT NULL, "adults" integer NOT NULL, "children" integer NOT NULL, "adults_outside_labour_market" integer NOT NULL, "yearly_ore" bigint NOT NULL, "schedule" jsonb NOT NULL, "total_ore" bigint NOT NULL, "department_compensation_ore" bigint NOT NULL, "billing" character varying(10) NOT NULL, "status" character varying(20) NOT NULL, "claim_deadline" date NOT NULL, "claimed_on" date, "decided_by" character varying(256), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_189b27a0339f4f0692c0dbba7c2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7091984f0843ef22c2a813bdfc" ON "compensation_entitlement"  ("case_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cc1084a2a924ad29cc1e49d4a1" ON "compensation_entitlement"  ("source_event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c991cb15a8a866741250a9694a" ON "compensation_entitlement"  ("agreement_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b27c71fe4df6cb2c81af99e93b" ON "compensation_entitlement"  ("status", "created_at") `);
    await queryRunner.query(`CREATE TABLE "received_event" ("event_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "version" integer NOT NULL, "sequence" bigint NOT NULL, "outcome" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0cfdcf5573f4644c09c7609f1b6" PRIMARY KEY ("event_id"))`);
    await queryRunner.query(`CREATE TABLE "moving_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "agreement_id" uuid NOT NULL, "agreement_version_id" uuid NOT NULL, "agreement_version" integer NOT NULL, "sending_municipality_code" character(3) NOT NULL, "receiving_municipality_code" character(3) NOT NULL, "receiving_housing_organisation_id" character varying(64), "party_keys" text array NOT NULL, "status" character varying(20) NOT NULL, "requested_ore" bigint NOT NULL, "approved_ore" bigint, "paid_ore" bigint NOT NULL DEFAULT '0', "shares" jsonb NOT NULL DEFAULT '[]', "purpose" character varying(2000) NOT NULL, "decision_note" character varying(2000), "idempotency_key" character varying(100), "applied_by" character varying(256) NOT NULL, "applied_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" character varying(256), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_dd30db66c42d4767a11644e21b7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_72dd25495b8673aa3bbdc189e5" ON "moving_grant"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_25b74a529c809e3d4d0a67a44d" ON "moving_grant"  ("agreement_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "moving_grant_idempotency" ON "moving_grant"  ("sending_municipality_code", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "moving_grant_one_live_per_case" ON "moving_grant"  ("case_id") WHERE "status" IN ('APPLIED', 'APPROVED', 'PAID')`);
    await queryRunner.query(`CREATE TABLE "grant_payment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "party_keys" text array NOT NULL, "paid_on" date NOT NULL, "amount_ore" bigint NOT NULL, "idempotency_key" character varying(100) NOT NULL, "recorded_by" character varying(256) NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_32db707184fb46fb8b126e00f91" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4bf1f5597c9af4da20b882d7d5" ON "grant_payment"  ("grant_id", "idempotency_key") `);
    await queryRunner.query(`CREATE TABLE "settlement_run" ("id" uuid NOT NULL, "period" character varying(7) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "entries" integer NOT NULL, "gross_ore" bigint NOT NULL, "net_ore" bigint NOT NULL, "created_by" character varying(256) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ef623d0e771bd8b6327740e876" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_527babb728c5db481c6150cc1b" ON "settlement_run"  ("period") `);
    await queryRunner.query(`CREATE TABLE "ledger_entry" ("id" uuid NOT NULL, "run_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "kind" character varying(30) NOT NULL, "source_id" uuid NOT NULL, "case_id" uuid NOT NULL, "adjustment" boolean NOT NULL, "description" character varying(300) NOT NULL, "party_keys" text array NOT NULL, "posted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04e9d274911f909a5848a15cd74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_516df19770405ae41c75f56de3" ON "ledger_entry"  ("source_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_01350eaf134f701d7ecbb302e0" ON "ledger_entry"  ("run_id") `);
    await queryRunner.query(`CREATE TABLE "ledger_line" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "run_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "party" character varying(80) NOT NULL, "counterparty" character varying(80) NOT NULL, "amount_ore" bigint NOT NULL, "kind" character varying(30) NOT NULL, "source_id" uuid NOT NULL, "case_id" uuid NOT NULL, "adjustment" boolean NOT NULL, CONSTRAINT "PK_a19363079df6f58038f909718ab" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1f0d22ba8dae2130409950ddab" ON "ledger_line"  ("source_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_93415f205c7b4e9fef50b4fdae" ON "ledger_line"  ("party", "period") `);
    await queryRunner.query(`CREATE INDEX "IDX_5742069891436f379a50ef46bf" ON "ledger_line"  ("run_id", "party") `);
    await queryRunner.query(`CREATE TABLE "settlement_transfer" ("id" uuid NOT NULL, "run_id" uuid NOT NULL, "from_party" character varying(80) NOT NULL, "to_party" character varying(80) NOT NULL, "amount_ore" bigint NOT NULL, "party_keys" text array NOT NULL, CONSTRAINT "PK_f05d474282d311aaddb8e942d25" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_be041cdff89b4e03ba9725b16c" ON "settlement_transfer"  ("run_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_be041cdff89b4e03ba9725b16c"`);
    await queryRunner.query(`DROP TABLE "settlement_transfer"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5742069891436f379a50ef46bf"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93415f205c7b4e9fef50b4fdae"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1f0d22ba8dae2130409950ddab"`);
    await queryRunner.query(`DROP TABLE "ledger_line"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_01350eaf134f701d7ecbb302e0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_516df19770405ae41c75f56de3"`);
    await queryRunner.query(`DROP TABLE "ledger_entry"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_527babb728c5db481c6150cc1b"`);
    await queryRunner.query(`DROP TABLE "settlement_run"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4bf1f5597c9af4da20b882d7d5"`);
    await queryRunner.query(`DROP TABLE "grant_payment"`);
    await queryRunner.query(`DROP INDEX "public"."moving_grant_one_live_per_case"`);
    await queryRunner.query(`DROP INDEX "public"."moving_grant_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_25b74a529c809e3d4d0a67a44d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72dd25495b8673aa3bbdc189e5"`);
    await queryRunner.query(`DROP TABLE "moving_grant"`);
    await queryRunner.query(`DROP TABLE "received_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b27c71fe4df6cb2c81af99e93b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c991cb15a8a866741250a9694a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cc1084a2a924ad29cc1e49d4a1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7091984f0843ef22c2a813bdfc"`);
    await queryRunner.query(`DROP TABLE "compensation_entitlement"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_99b0b8137dcd74ab1e022f07d8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1590cc4a0bfa48042f1e9877fa"`);
    await queryRunner.query(`DROP TABLE "agreement_version"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_idempotency"`);
    await queryRunner.query(`DROP TABLE "agreement"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The records that are never changed once written (see AppendOnlyRecords). */
const APPEND_ONLY = ['audit_entry', 'case_event', 'domain_event'];

/**
 * The role the running households service takes: `households_app`. Every session of the service's pool runs
 * as it, while the migrations run as the login user, who owns the tables. The role reads and writes the
 * working tables, may only read and add to the audit log, the case history and the event outbox, and owns
 * nothing: it cannot drop their append-only triggers, change privileges, truncate or alter a table.
 *
 * - The role is the cluster's, shared by every households database on the server (tests make many): it is
 *   created once, by whoever comes first, and never dropped here. Creating it needs CREATEROLE; without it a
 *   database administrator creates it first (`CREATE ROLE households_app NOLOGIN`) and lets the service's
 *   login user take it (`GRANT households_app TO <login>`). The service refuses to start if it cannot.
 * - Tables a later migration creates get the working privileges by default; a later append-only table must
 *   revoke UPDATE and DELETE from the role itself.
 * - The job queue (graphile-worker) keeps its tables under row-level security without policies, so only
 *   their owner may use them: the role adds jobs through `households_add_job`, which runs as the owner and
 *   can do nothing else. The queue's own worker connects as the login user.
 */
export class ApplicationRole1795253868906 implements MigrationInterface {
  name = 'ApplicationRole1795253868906';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'households_app') THEN
          CREATE ROLE households_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END
      $$`);
    // The login user must be allowed to take the role; a superuser may take any role.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, 'households_app', 'SET') THEN
          EXECUTE format('GRANT households_app TO %I', current_user);
        END IF;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE WARNING 'the service cannot take the role households_app: a database administrator runs GRANT households_app TO %', current_user;
      END
      $$`);

    await queryRunner.query('GRANT USAGE ON SCHEMA public TO households_app');
    await queryRunner.query('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO households_app');
    await queryRunner.query(`REVOKE ALL ON "migrations" FROM households_app`);
    for (const table of APPEND_ONLY) {
      await queryRunner.query(`REVOKE UPDATE, DELETE ON "${table}" FROM households_app`);
    }
    await queryRunner.query('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO households_app');
    await queryRunner.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO households_app',
    );
    await queryRunner.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO households_app');

    // Adds a job in the caller's transaction, as the queue's owner; refers to the queue's schema only when
    // called (the queue installs its schema after these migrations, on the service's first start).
    await queryRunner.query(`
      CREATE FUNCTION households_add_job(task text, payload json, key text, due timestamptz, attempts integer)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM graphile_worker.add_job(task, payload, job_key := key, run_at := due, max_attempts := attempts);
      END
      $$`);
    await queryRunner.query(
      'REVOKE ALL ON FUNCTION households_add_job(text, json, text, timestamptz, integer) FROM PUBLIC',
    );
    await queryRunner.query(
      'GRANT EXECUTE ON FUNCTION households_add_job(text, json, text, timestamptz, integer) TO households_app',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION households_add_job(text, json, text, timestamptz, integer)');
    await queryRunner.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM households_app');
    await queryRunner.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM households_app');
    await queryRunner.query('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM households_app');
    await queryRunner.query('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM households_app');
    await queryRunner.query('REVOKE USAGE ON SCHEMA public FROM households_app');
    // The role itself stays: other households databases on the same server may use it.
  }
}

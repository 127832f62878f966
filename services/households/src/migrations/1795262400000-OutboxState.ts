import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far the event outbox is behind, for the service's metrics: `households_outbox_state()` answers the number
 * of event deliveries waiting in the job queue (or being retried), those that used every attempt, and the age in
 * seconds of the oldest waiting one. The queue's tables are its owner's alone (see ApplicationRole): the function
 * runs as the owner and answers three numbers, nothing of the jobs themselves. It refers to the queue's schema
 * only when called (the queue installs its schema after these migrations, on the service's first start).
 */
export class OutboxState1795262400000 implements MigrationInterface {
  name = 'OutboxState1795262400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION households_outbox_state()
        RETURNS TABLE (pending bigint, failed bigint, oldest_pending_seconds double precision)
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        RETURN QUERY
          SELECT count(*) FILTER (WHERE job.attempts < job.max_attempts),
                 count(*) FILTER (WHERE job.attempts >= job.max_attempts),
                 coalesce(extract(epoch FROM now() - min(job.created_at) FILTER (WHERE job.attempts < job.max_attempts)), 0)::double precision
            FROM graphile_worker.jobs AS job
           WHERE job.task_identifier = 'deliver_event';
      END
      $$`);
    await queryRunner.query('REVOKE ALL ON FUNCTION households_outbox_state() FROM PUBLIC');
    await queryRunner.query('GRANT EXECUTE ON FUNCTION households_outbox_state() TO households_app');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION households_outbox_state()');
  }
}

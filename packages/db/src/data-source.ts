import 'reflect-metadata';
import pg from 'pg';
import { DataSource, type EntitySchema, type MixedList, type Logger as TypeOrmLogger } from 'typeorm';
import { SnakeNamingStrategy } from './naming';

// A calendar date (move-in date, available-from) is a day, not an instant: keep PostgreSQL `date`
// as 'YYYY-MM-DD' instead of letting the driver turn it into a midnight in the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  logger?: TypeOrmLogger;
  /** Connections in the pool (PG_POOL_SIZE; default 10). */
  poolSize?: number;
  applicationName?: string;
  /** Statements slower than this are logged (ms). */
  slowStatementMs?: number;
  /**
   * A role every session of the pool takes when it connects (PostgreSQL's `role` setting, sent with each new
   * connection, so a connection the pool opens again takes it too). The login user must be allowed to take it
   * (`GRANT <role> TO <login>`; superusers may take any role), or connecting fails.
   */
  role?: string;
}

/** A role name the platform uses: lower-case letters, digits and underscores (no quoting needed anywhere). */
export function isPlainRoleName(role: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(role);
}

export function createDataSource(options: DatabaseOptions): DataSource {
  if (options.role !== undefined && !isPlainRoleName(options.role)) {
    throw new Error(`not a plain role name: ${options.role}`);
  }
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    namingStrategy: new SnakeNamingStrategy(),
    // The schema changes only through migrations, reviewed like code.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    logger: options.logger,
    logging: options.logger !== undefined,
    maxQueryExecutionTime: options.slowStatementMs ?? 500,
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'second-chance',
      connectionTimeoutMillis: 10_000,
      ...(options.role ? { options: `-c role=${options.role}` } : {}),
    },
  });
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that replicas of a service starting at the
 * same time migrate one after the other instead of racing.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lockKey = 0x5ec0_c4a5;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [lockKey]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    await runner.release();
  }
}

/** The SQL TypeORM would run to make the database match the entities: empty when migrations are complete. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((query) => query.query),
    down: log.downQueries.map((query) => query.query),
  };
}

// Counts the SQL statements the platform sends: in total (tests compare before and after a request)
// and per request (the request log shows how many statements each request cost).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

export interface RequestScope {
  sqlStatements: number;
}

/** Holds the current request's scope across awaits; the service kit opens one per HTTP request. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

export interface SqlLog {
  error(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  debug(details: Record<string, unknown>, message: string): void;
}

/** A TypeORM logger that counts every statement and reports failures and slow statements. */
export class CountingSqlLogger implements TypeOrmLogger {
  total = 0;

  constructor(private readonly sink?: SqlLog) {}

  logQuery(query: string): void {
    this.total += 1;
    const scope = requestScope.getStore();
    if (scope) scope.sqlStatements += 1;
    this.sink?.debug({ sql: query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    this.sink?.warn({ sql: query, err: error instanceof Error ? error.message : error }, 'sql statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.sink?.warn({ sql: query, ms: time }, 'slow sql statement');
  }

  logSchemaBuild(message: string): void {
    this.sink?.debug({ message }, 'schema');
  }

  logMigration(message: string): void {
    this.sink?.debug({ message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink?.warn({ message }, 'typeorm');
  }
}

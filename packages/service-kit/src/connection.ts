// Cursor pagination (keyset, not offset): stable under inserts, and as fast on page 500 as on page 1.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it (GraphQL calls a function-valued field). */
  totalCount: () => Promise<number>;
}

/** A column the list is ordered by; the last one must be unique (the id). */
export interface KeysetColumn<T> {
  /** SQL expression in the query builder, e.g. `vacancy.available_from`. */
  sql: string;
  value: (row: T) => string | number;
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== arity ||
    !values.every((v) => (typeof v === 'string' && v.length <= 200) || Number.isFinite(v))
  ) {
    throw badUserInput('after: not a cursor from this list', [{ path: 'after', message: 'unknown cursor' }]);
  }
  return values as (string | number)[];
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, [
      { path: 'first', message: `between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return size;
}

export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  columns: readonly KeysetColumn<T>[],
  /** Newest first, say: every column descending. */
  order: 'ASC' | 'DESC' = 'ASC',
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const counter = query.clone();
  if (args.after) {
    const values = decodeCursor(args.after, columns.length);
    const params = Object.fromEntries(values.map((value, i) => [`cursor${i}`, value]));
    const tuple = (list: string[]) => `(${list.join(', ')})`;
    const comparison = order === 'ASC' ? '>' : '<';
    query.andWhere(
      `${tuple(columns.map((c) => c.sql))} ${comparison} ${tuple(columns.map((_, i) => `:cursor${i}`))}`,
      params,
    );
  }
  columns.forEach((column, i) => (i === 0 ? query.orderBy(column.sql, order) : query.addOrderBy(column.sql, order)));
  const rows = await query.limit(size + 1).getMany();
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(columns.map((c) => c.value(node))), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => counter.getCount(),
  };
}

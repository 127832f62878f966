// Pages of a list computed in memory (classifications are computed, not stored): the same cursors as the lists
// read from the database.
import { type ConnectionArgs, decodeCursor, encodeCursor, pageSize } from '@second-chance/service-kit';

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** `items` must be sorted by `key`, which must be unique. */
export function pageOf<T>(items: readonly T[], args: ConnectionArgs, key: (item: T) => string): Page<T> {
  const size = pageSize(args.first);
  const after = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
  const start = after === null ? 0 : items.findIndex((item) => key(item) > after);
  const rest = start < 0 ? [] : items.slice(start);
  const nodes = rest.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: { hasNextPage: rest.length > size, endCursor: last ? encodeCursor([key(last)]) : null },
    totalCount: items.length,
  };
}

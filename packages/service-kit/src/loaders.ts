// DataLoader factories: one batched query per entity type per tick, whatever the shape of the query.
import DataLoader from 'dataloader';

/** Loads one value per key (null when absent); `fetch` gets the distinct keys of a batch. */
export function keyedLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((value) => [keyOf(value), value]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Loads the list of values that belong to each key (empty when none), in the order `fetch` returns them. */
export function groupedLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const value of await fetch(keys)) groups.get(keyOf(value))?.push(value);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

import DataLoader from 'dataloader';

/** The per-request home of DataLoaders, so batching never leaks data between callers. */
export interface RequestWithLoaders {
  loaders?: Map<string, DataLoader<unknown, unknown>>;
}

/**
 * The request's loader named `key`, created on first use. Nested list fields call this instead of
 * querying per parent row, so a page of N parents costs one query per field, not N.
 */
export function requestLoader<K, V>(
  request: RequestWithLoaders,
  key: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  request.loaders ??= new Map();
  let loader = request.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch);
    request.loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Orders batch results to match the keys, grouping rows that share a key. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Orders batch results to match the keys, one row (or null) per key. */
export function indexByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const index = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => index.get(key) ?? null);
}

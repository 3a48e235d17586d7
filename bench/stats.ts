// Small numeric helpers for the benchmark: nearest-rank percentiles and bounded-concurrency mapping.

/** Nearest-rank percentile (p in 0..100) of a sample; undefined for an empty sample. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight. Starting 10k orchestrations with 10k simultaneous
 * RPCs measures the client's socket buffers, not the scheduler; a bounded window keeps the pipe full instead.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** At most `n` tasks at once; the rest wait in order. Keeps a run from flooding AWS's rate limits. */
export function concurrencyLimit(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export type Limit = ReturnType<typeof concurrencyLimit>;

/** `fn` over `items` with at most `limit` calls in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const run = concurrencyLimit(Math.max(1, limit));
  return Promise.all(items.map((item) => run(() => fn(item))));
}

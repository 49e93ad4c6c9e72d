/**
 * Runs `work` on every item: items of one key one after another, in their order; keys side by
 * side, at most `concurrency` at once. A key stops at its first failure (its later items are not
 * worked on). Returns, per item in the input order, its outcome, or nothing if it was not worked on.
 */
export async function inKeyOrder<T, R>(
  items: T[],
  keyOf: (item: T) => string,
  work: (item: T) => Promise<R>,
  concurrency: number,
): Promise<({ ok: true; value: R } | { ok: false; error: unknown } | undefined)[]> {
  const outcomes: ({ ok: true; value: R } | { ok: false; error: unknown } | undefined)[] = items.map(() => undefined);
  const byKey = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const queue = byKey.get(key);
    if (queue) queue.push(i);
    else byKey.set(key, [i]);
  });
  const queues = [...byKey.values()];
  const lane = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift())
      for (const i of queue) {
        try {
          outcomes[i] = { ok: true, value: await work(items[i]!) };
        } catch (error) {
          outcomes[i] = { ok: false, error };
          break;
        }
      }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, lane));
  return outcomes;
}

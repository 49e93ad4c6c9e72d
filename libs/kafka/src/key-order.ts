/**
 * Runs `work` on each key's items as one run, in their order; keys side by side, at most
 * `concurrency` at once. `work` returns, per item of its run, its outcome, or nothing if it was
 * not worked on. Returns the outcomes in the input order.
 */
export async function inKeyRuns<T, R>(
  items: T[],
  keyOf: (item: T) => string,
  work: (run: T[]) => Promise<(R | undefined)[]>,
  concurrency: number,
): Promise<(R | undefined)[]> {
  const outcomes: (R | undefined)[] = items.map(() => undefined);
  const byKey = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const run = byKey.get(key);
    if (run) run.push(i);
    else byKey.set(key, [i]);
  });
  const runs = [...byKey.values()];
  const lane = async () => {
    for (let run = runs.shift(); run; run = runs.shift()) {
      const done = await work(run.map((i) => items[i]!));
      run.forEach((i, k) => (outcomes[i] = done[k]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, runs.length) }, lane));
  return outcomes;
}

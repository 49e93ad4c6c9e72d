import { SingleBar, Presets } from 'cli-progress';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One figure, in the format of github-action-benchmark's customBiggerIsBetter / customSmallerIsBetter. */
export interface Figure {
  name: string;
  unit: string;
  value: number;
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function writeResults(file: string, figures: Figure[]): void {
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\n${file} (${machine()}):`);
  for (const f of figures)
    console.log(`  ${f.name.padEnd(34)} ${f.value.toLocaleString('en-US').padStart(12)} ${f.unit}`);
}

/** Runs `task(i)` for i in [0, total) on `concurrency` lanes, with a progress bar; returns ops/s. */
export async function throughput(
  label: string,
  total: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  const bar = new SingleBar(
    { format: `${label.padEnd(28)} [{bar}] {value}/{total} {eta_formatted}`, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        await task(i);
        if (i % 200 === 0) bar.update(next);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  bar.update(total);
  bar.stop();
  return Math.round(total / seconds);
}

/**
 * In-process locks by stream name. Commands of this process that would race on the same streams
 * queue instead, so optimistic conflicts only come from other processes. Keys are taken in sorted
 * order, so two commands can never wait on each other.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(streams: readonly string[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    for (const stream of [...new Set(streams)].sort()) releases.push(await this.acquire(stream));
    try {
      return await work();
    } finally {
      for (const release of releases) release();
    }
  }

  private async acquire(stream: string): Promise<() => void> {
    const previous = this.tails.get(stream) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(stream, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(stream) === tail) this.tails.delete(stream);
    };
  }
}

/** The streams a command queues on: those it reads, but the shop's (read by every command of a shop, rarely written). */
export function contended(reads: readonly string[]): string[] {
  return reads.filter((stream) => !stream.startsWith('shop-'));
}

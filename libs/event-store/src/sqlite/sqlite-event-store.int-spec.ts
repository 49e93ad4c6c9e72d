import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { events } from '../contract/fixtures';
import { NO_STREAM } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite event store (contract)', () => {
  eventStoreContract({
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'sce-sqlite-'));
      const file = join(dir, 'events.db');
      return {
        store: new SqliteEventStore(file),
        reopen: async () => new SqliteEventStore(file),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  });
});

/** Bytes this process has read through read(2) so far (Linux): what SQLite fetched from its files. */
const bytesRead = () => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

describe('SQLite event store on long streams', () => {
  const linux = existsSync('/proc/self/io');
  (linux ? it : it.skip)(
    `appends to a long stream reading a few pages, not the whole stream's index${linux ? '' : ' (skipped: needs /proc/self/io)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sce-sqlite-'));
      const file = join(dir, 'events.db');
      try {
        let store = new SqliteEventStore(file);
        for (let i = 0; i < 30; i++)
          await store.append([{ stream: 'product-long', expected: 'any', events: events(1000) }]);
        await store.close();
        store = new SqliteEventStore(file); // an empty page cache: every page it needs is read
        await store.append([{ stream: 'product-warm', expected: NO_STREAM, events: events(1) }]);
        const before = bytesRead();
        const { streams } = await store.append([{ stream: 'product-long', expected: 29_999, events: events(1) }]);
        const read = bytesRead() - before;
        expect(streams).toEqual([{ stream: 'product-long', revision: 30_000 }]);
        expect(read).toBeLessThan(64 * 1024);
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('SQLite event store durability', () => {
  it('flushes every commit to disk by default, and only at checkpoints when asked for speed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-sqlite-'));
    try {
      const durable = new SqliteEventStore(join(dir, 'a.db'));
      const fast = new SqliteEventStore(join(dir, 'b.db'), { synchronous: 'normal' });
      expect([durable.synchronous, fast.synchronous]).toEqual(['full', 'normal']);
      void durable.close();
      void fast.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

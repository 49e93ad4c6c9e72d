import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { events } from '../contract/fixtures';
import { NO_STREAM } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { migrateSqlite } from './sqlite-schema';

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

describe('SQLite event store snapshots', () => {
  it('reads a stream whole when its snapshot does not parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-sqlite-'));
    const file = join(dir, 'events.db');
    try {
      const store = new SqliteEventStore(file);
      await store.append([{ stream: 'product-p1', expected: NO_STREAM, events: events(3) }]);
      await store.writeSnapshot('product-p1', 1, 1, { stock: 1 });
      const db = new Database(file);
      db.prepare("UPDATE snapshots SET state = '{\"stock\": 1' WHERE stream_id = 'product-p1'").run();
      db.close();
      const read = (await store.readStreams(['product-p1'], { snapshots: new Map([['product-p1', 1]]) })).get(
        'product-p1',
      )!;
      expect(read.snapshot).toBeUndefined();
      expect([read.revision, read.events.map((e) => e.revision)]).toEqual([2, [0, 1, 2]]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
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

describe('SQLite event store schema', () => {
  it('moves a log written in the first layout (a column per field) into one JSON text per event, losing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-sqlite-'));
    const file = join(dir, 'events.db');
    try {
      const v1 = new Database(file);
      migrateSqlite(v1, 1);
      const insert = v1.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const metadata = JSON.stringify({
        actor: { role: 'SELLER', id: 'seller-1' },
        occurredAt: '2026-11-20T08:00:00.000Z',
      });
      insert.run(
        1,
        'id-1',
        'product-p1',
        0,
        'ProductListed',
        '{"price":1999,"title":"Mug \\"blue\\""}',
        metadata,
        '2026-11-20T08:00:00.001Z',
      );
      insert.run(2, 'id-2', 'product-p1', 1, 'StockAdjusted', '{"delta":-2.5e1}', metadata, '2026-11-20T08:00:01.000Z');
      v1.prepare('INSERT INTO commands VALUES (?, ?, ?, ?)').run('cmd-1', 'fp', '{"status":"accepted"}', 'now');
      v1.close();

      const store = new SqliteEventStore(file);
      const all = [];
      for await (const batch of store.readAll()) all.push(...batch);
      expect(all).toStrictEqual([
        {
          position: 1,
          id: 'id-1',
          stream: 'product-p1',
          revision: 0,
          type: 'ProductListed',
          data: { price: 1999, title: 'Mug "blue"' },
          metadata: JSON.parse(metadata),
          recordedAt: '2026-11-20T08:00:00.001Z',
        },
        expect.objectContaining({ position: 2, id: 'id-2', revision: 1, data: { delta: -25 } }),
      ]);
      expect((await store.readStream('product-p1')).events).toStrictEqual(all);
      expect(await store.findCommand('cmd-1')).toMatchObject({ outcome: { status: 'accepted' } });
      const { streams, positions } = await store.append([{ stream: 'product-p1', expected: 1, events: events(1) }]);
      expect([streams, positions]).toEqual([[{ stream: 'product-p1', revision: 2 }], [3]]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { Pool } from 'pg';
import { event } from '../contract/fixtures';
import type { StoredEvent } from '../event-store.port';
import { subscribe } from '../subscription';
import { PostgresEventStore } from './postgres-event-store';

const WRITERS = 8;
const TOTAL = 20_000;
const PER_WRITER = TOTAL / WRITERS;

/** What a follower saw: every (writer, n) once, and positions strictly increasing. */
function check(seen: { position: number; key: string }[]) {
  const keys = new Set(seen.map((s) => s.key));
  const outOfOrder = seen.filter((s, i) => i > 0 && s.position <= seen[i - 1]!.position).length;
  return {
    received: seen.length,
    distinct: keys.size,
    duplicates: seen.length - keys.size,
    missing: TOTAL - keys.size,
    outOfOrder,
  };
}

const randomLength = () => 1 + Math.floor(Math.random() * 40);

/** Each writer appends its share in transactions of random length, several in flight at once. */
async function write(append: (writer: number, from: number, count: number) => Promise<void>) {
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      let next = 0;
      const lane = async () => {
        while (next < PER_WRITER) {
          const from = next;
          const count = Math.min(randomLength(), PER_WRITER - from);
          next += count;
          await append(writer, from, count);
        }
      };
      await Promise.all([lane(), lane(), lane()]);
    }),
  );
}

async function followUntil(
  read: (after: number) => Promise<{ position: number; key: string }[]>,
  isDone: () => boolean,
) {
  const seen: { position: number; key: string }[] = [];
  let after = 0;
  for (let idle = 0; idle < 50;) {
    const batch = await read(after);
    if (batch.length) {
      seen.push(...batch);
      after = batch[batch.length - 1]!.position;
      idle = 0;
    } else {
      if (isDone()) idle++;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  return seen;
}

describeWith('postgres', 'PostgreSQL global log under concurrent writers', () => {
  it('a follower receives every one of 20,000 events exactly once, in order, from 8 writing instances', async () => {
    const { schema, drop } = await freshSchema();
    const stores = await Promise.all(
      Array.from({ length: WRITERS }, () =>
        PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema, poolSize: 4 }),
      ),
    );
    const follower = await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema, poolSize: 2 });
    const seen: { position: number; key: string }[] = [];
    const subscription = subscribe(follower, { after: 0, batchSize: 500, idleMs: 100 }, (batch: StoredEvent[]) => {
      for (const e of batch) seen.push({ position: e.position, key: JSON.stringify(e.data) });
    });
    try {
      await write(async (writer, from, count) => {
        const events = Array.from({ length: count }, (_, i) => event('Tick', { writer, n: from + i }));
        await stores[writer]!.append([{ stream: `tick-${writer}-${from}`, expected: -1, events }]);
      });
      const deadline = Date.now() + 30_000;
      while (seen.length < TOTAL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(check(seen)).toEqual({ received: TOTAL, distinct: TOTAL, duplicates: 0, missing: 0, outOfOrder: 0 });
      expect(seen.map((s) => s.position)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    } finally {
      await subscription.stop();
      await Promise.all([...stores, follower].map((s) => s.close()));
      await drop();
    }
  });

  it('the same check catches a naive log: a bigserial position read with position > checkpoint skips events', async () => {
    const { schema, drop } = await freshSchema('sce_naive');
    const pool = new Pool({ connectionString: TEST_PG_URL, max: WRITERS * 3 + 2 });
    await pool.query(
      `CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".log (position bigserial PRIMARY KEY, data jsonb NOT NULL)`,
    );
    let finished = false;
    try {
      const writing = write(async (writer, from, count) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const rows = Array.from({ length: count }, (_, i) => JSON.stringify({ writer, n: from + i }));
          await client.query(`INSERT INTO "${schema}".log (data) SELECT unnest($1::jsonb[])`, [rows]);
          // A transaction that takes a little longer to commit, as real ones do under load.
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.004]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }).then(() => (finished = true));
      const seen = await followUntil(
        async (after) => {
          const { rows } = await pool.query(
            `SELECT position, data FROM "${schema}".log WHERE position > $1 ORDER BY position LIMIT 500`,
            [after],
          );
          return rows.map((r) => ({ position: Number(r.position), key: JSON.stringify(r.data) }));
        },
        () => finished,
      );
      await writing;
      const result = check(seen);
      expect(result.missing).toBeGreaterThan(0);
    } finally {
      await pool.end();
      await drop();
    }
  });
});

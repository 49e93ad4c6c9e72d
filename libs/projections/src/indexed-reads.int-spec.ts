import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { keyOf } from './doc-key';
import type { DocStore } from './doc-store';
import { allPages, type Match, type PageQuery, type Where } from './indexed-reads';
import { countSql, pageSql } from './indexed-sql';
import { PostgresDocStore } from './postgres-doc-store';
import { SqliteDocStore } from './sqlite-doc-store';
import { SQLITE } from './sqlite-tables';
import { MemoryDocStore } from './time-travel/memory-doc-store';

interface Order {
  orderId: string;
  status?: string | null;
  placedAt?: string | null;
  placedDate?: string | null;
  refunded?: boolean;
}

// A small alphabet, so that values tie and ranges cut through them; B and - sort apart in locales and bytes.
const text = (minLength: number) =>
  fc.string({ unit: fc.constantFrom('a', 'b', 'B', 'c', '0', '1', '-'), minLength, maxLength: 3 });
const maybe = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: value }, fc.constant(null), fc.constant(undefined));

const orders = fc.uniqueArray(
  fc.record({
    orderId: text(1),
    status: maybe(fc.constantFrom('AWAITING_SHIPMENT', 'SHIPPED', 'CANCELLED')),
    placedAt: maybe(text(0)),
    placedDate: maybe(text(0)),
    refunded: fc.boolean(),
  }),
  { selector: (o) => o.orderId, minLength: 10, maxLength: 40, size: 'max' },
);

const match: fc.Arbitrary<Match> = fc.oneof(
  fc.constantFrom('AWAITING_SHIPMENT', 'SHIPPED'),
  fc.subarray(['AWAITING_SHIPMENT', 'SHIPPED', 'CANCELLED']),
);
const conditions: fc.Arbitrary<Where> = fc.record(
  {
    status: match,
    placedDate: fc.record({ from: fc.constantFrom('', '0', 'a', 'b'), to: fc.constantFrom('b', 'c', 'c~') }),
    refunded: fc.boolean(),
  },
  { requiredKeys: [] },
);
// No condition as often as some: conditions leave few documents.
const where = fc.oneof(fc.constant<Where>({}), conditions);

/** By hand: the value of a field if it is text, as the stores page and count by. */
const valueOf = (o: Order, field: keyof Order) => (typeof o[field] === 'string' ? (o[field] as string) : null);
const meets = (o: Order, w: Where) =>
  Object.entries(w).every(([field, m]) => {
    if (typeof m === 'boolean') return o.refunded === m;
    const value = valueOf(o, field as keyof Order);
    if (value === null) return false;
    if (typeof m === 'string') return value === m;
    if (Array.isArray(m)) return m.includes(value);
    const { from, to } = m as { from: string; to: string };
    return from <= value && value < to;
  });

let shops = 0;

function contract(open: () => Promise<{ docs: DocStore; done(): Promise<void> }>) {
  let docs: DocStore;
  let done: () => Promise<void>;
  let position = 0;
  beforeAll(async () => ({ docs, done } = await open()));
  afterAll(() => done());

  /** `some` written to a fresh shop, beside the same documents in another shop that no read may see. */
  async function given(some: Order[]): Promise<string> {
    const shopId = `shop-${++shops}`;
    const changes = new Map<string, unknown>();
    for (const shop of [shopId, `${shopId}-other`])
      for (const o of some) changes.set(keyOf({ model: 'order', shopId: shop, id: o.orderId }), o);
    await docs.commit(changes, 'read-models', position, position + 1);
    position += 1;
    return shopId;
  }

  it('pages every matching document exactly once, in order of the field then the id', async () => {
    let paging = 0;
    await fc.assert(
      fc.asyncProperty(
        orders,
        where,
        fc.constantFrom('asc', 'desc'),
        fc.integer({ min: 1, max: 4 }),
        async (some, w, order: 'asc' | 'desc', limit) => {
          const shopId = await given(some);
          const query = (after?: PageQuery['after']) => ({ by: 'placedAt' as const, where: w, order, limit, after });
          const pages: number[] = [];
          const paged = await allPages(async (after) => {
            const page = await docs.page<Order>('order', shopId, query(after));
            pages.push(page.docs.length);
            return page;
          });
          const sign = order === 'asc' ? 1 : -1;
          const expected = some
            .filter((o) => valueOf(o, 'placedAt') !== null && meets(o, w))
            .sort((a, b) => {
              const [x, y] = [valueOf(a, 'placedAt')!, valueOf(b, 'placedAt')!];
              return sign * (x !== y ? (x < y ? -1 : 1) : a.orderId < b.orderId ? -1 : 1);
            });
          expect(paged.map((o) => o.orderId)).toEqual(expected.map((o) => o.orderId));
          expect(pages.every((n) => n <= limit)).toBe(true);
          expect(pages.slice(0, -1).every((n) => n === limit)).toBe(true);
          if (pages.length > 1) paging += 1;
        },
      ),
      { numRuns: 60 },
    );
    // Not vacuous: many runs went on past a cursor.
    expect(paging).toBeGreaterThan(5);
  });

  it('counts by the values of fields as a count by hand does', async () => {
    let counted = 0;
    await fc.assert(
      fc.asyncProperty(orders, where, async (some, w) => {
        const shopId = await given(some);
        const groups = await docs.countBy('order', shopId, ['placedDate', 'status'], w);
        const byHand = new Map<string, number>();
        for (const o of some.filter((o) => meets(o, w))) {
          const key = JSON.stringify([valueOf(o, 'placedDate'), valueOf(o, 'status')]);
          byHand.set(key, (byHand.get(key) ?? 0) + 1);
        }
        expect(new Map(groups.map((g) => [JSON.stringify(g.values), g.count]))).toEqual(byHand);
        const all = await docs.countBy('order', shopId, [], w);
        expect(all.reduce((n, g) => n + g.count, 0)).toBe(some.filter((o) => meets(o, w)).length);
        if (byHand.size > 1) counted += 1;
      }),
      { numRuns: 60 },
    );
    expect(counted).toBeGreaterThan(5);
  });

  it('counts who the ids of a range of days name, each once, whatever the days', async () => {
    const seen = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom('v-1', 'v-2', 'v-10', 'ü')), {
      selector: ([day, who]) => `${day}:${who}`,
      maxLength: 30,
    });
    const dayId = (day: number, who: string) => `d:2026-11-0${day}:${who}`;
    await fc.assert(
      fc.asyncProperty(seen, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), async (some, a, b) => {
        const shopId = `shop-${++shops}`;
        const changes = new Map<string, unknown>();
        for (const [day, who] of some)
          changes.set(keyOf({ model: 'seen', shopId, id: dayId(day, who) }), {
            period: `2026-11-0${day}`,
            visitorId: who,
          });
        await docs.commit(changes, 'read-models', position, position + 1);
        position += 1;
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        const byHand = new Set(some.filter(([day]) => from <= day && day < to).map(([, who]) => who)).size;
        const counted = await docs.countDistinct(
          'seen',
          shopId,
          dayId(from, ''),
          dayId(to, ''),
          dayId(from, '').length,
        );
        expect(counted).toBe(byHand);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a field no index covers', async () => {
    await expect(docs.countBy('order', 'shop-x', ['buyerId' as 'status'])).rejects.toThrow(
      /order.buyerId is not indexed/,
    );
    await expect(docs.page('day', 'shop-x', { by: 'placedAt', limit: 1, order: 'asc' })).rejects.toThrow(/not indexed/);
  });
}

describe('indexed reads, in memory', () => {
  contract(async () => {
    const docs = new MemoryDocStore();
    return { docs, done: () => docs.close() };
  });
});

describe('indexed reads, on SQLite', () => {
  contract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-indexed-'));
    const docs = new SqliteDocStore(join(dir, 'read-models.db'));
    return { docs, done: async () => (await docs.close(), rmSync(dir, { recursive: true, force: true })) };
  });

  it('pages and counts through the indexes, in every generation, without sorting, counting from the index alone where it carries the fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-indexed-'));
    const path = join(dir, 'read-models.db');
    const docs = new SqliteDocStore(path);
    try {
      const build = await docs.beginBuild({ orders: 1 });
      const db = new Database(path, { readonly: true });
      const plan = ({ sql, params }: { sql: string; params: unknown[] }) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((r) => r.detail)
          .join('\n');
      for (const table of ['read_docs', `read_docs_${build.generation}`]) {
        const page = plan(
          pageSql(SQLITE, table, 'order', 's-1', {
            by: 'placedAt',
            where: { status: 'SHIPPED' },
            after: { value: '2026-11-20T00:00:00.000Z', id: 'o-1' },
            limit: 50,
            order: 'desc',
          }),
        );
        expect(page).toMatch(new RegExp(`INDEX ${table}_order_placedat_id\\b`));
        expect(page).not.toMatch(/TEMP B-TREE/);
        const counts = plan(
          countSql(SQLITE, table, 'order', 's-1', ['placedDate', 'status'], {
            placedDate: { from: '2026-11-01', to: '2026-11-08' },
          }),
        );
        // Grouped as the index is read (the carried status before the id): no sort of the range's orders.
        expect(counts).toMatch(new RegExp(`INDEX ${table}_order_placeddate_status_id\\b`));
        expect(counts).not.toMatch(/TEMP B-TREE/);
        const queue = plan(
          pageSql(SQLITE, table, 'order', 's-1', {
            by: 'status',
            where: { status: ['A', 'B'] },
            limit: 9,
            order: 'asc',
          }),
        );
        expect(queue).toMatch(new RegExp(`INDEX ${table}_order_status_id\\b`));
        // The return rate: a count of the index alone, which carries `refunded`.
        const refunded = plan(
          countSql(SQLITE, table, 'order', 's-1', [], {
            deliveredDate: { from: '2026-10-29', to: '2026-11-28' },
            refunded: true,
          }),
        );
        // (SQLite's plan says COVERING for an expression index on a WITHOUT ROWID table only, where it
        // then reads each row anyway; on a rowid table it reads the expression's value from the index.)
        expect(refunded).toMatch(new RegExp(`INDEX ${table}_order_delivereddate_refunded_id\\b`));
      }
      db.close();
    } finally {
      await docs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWith('postgres', 'indexed reads, on PostgreSQL', () => {
  contract(async () => {
    const { schema, drop } = await freshSchema('sce_indexed');
    const docs = await PostgresDocStore.connect(TEST_PG_URL, schema);
    return { docs, done: async () => (await docs.close(), await drop()) };
  });
});

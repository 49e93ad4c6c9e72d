import { DuckDBInstance } from '@duckdb/node-api';
import type { StoredEvent } from '@sce/event-store';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventColumns } from './event-columns';
import { parquetSink } from './parquet-sink';

const SCHEMAS = {
  Noted: {
    properties: {
      note: { type: ['string', 'null'] },
      count: { type: 'integer' },
      price: { type: 'number' },
      gift: { type: 'boolean' },
      lines: { type: 'array' },
    },
  },
};
const columns = eventColumns(['Noted'], SCHEMAS);

const noted = (position: number, data: Record<string, unknown>): StoredEvent => ({
  id: `e-${position}`,
  stream: `notes-shop-1`,
  revision: position - 1,
  position,
  type: 'Noted',
  data: { shopId: 'shop-1', ...data },
  metadata: { actor: { role: 'SELLER', id: 's-1' }, occurredAt: '2026-11-27T15:04:05.120Z' },
  recordedAt: new Date(Date.UTC(2026, 10, 27, 15, 4, position)).toISOString(),
});

const TRICKY = 'a, "quoted"\nnext line\r\nünïcødé 🛍️ \\ \' \x01\x01 \x1f\t';
const events = [
  noted(1, { note: TRICKY, count: 3, price: 12.5, gift: true, lines: [{ sku: 'x', qty: 2 }] }),
  noted(2, { note: '', count: 0, gift: false }),
  noted(3, { note: null, count: 9_007_199_254_740_991 }),
  noted(4, { note: ' NULL ' }),
];

async function readBack(file: string, query: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const sql = await db.connect();
  try {
    const reader = await sql.runAndReadAll(query.replace('$file', `read_parquet('${file}')`));
    return reader.getRowObjectsJS();
  } finally {
    sql.closeSync();
    db.closeSync();
  }
}

describe('the Parquet sink', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sce-parquet-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each column as its type, the payload as JSON DuckDB reads into, text exactly as it was', async () => {
    const file = join(dir, 'notes.parquet');
    const sink = parquetSink(file, columns);
    await sink.write(events.slice(0, 2));
    await sink.write(events.slice(2));
    await sink.close();

    const [types] = await readBack(
      file,
      `SELECT typeof(position) AS position, typeof("recordedAt") AS recorded, typeof(data) AS data,
              typeof("data.count") AS count, typeof("data.price") AS price, typeof("data.gift") AS gift,
              typeof("data.note") AS note, typeof("data.lines") AS lines FROM $file LIMIT 1`,
    );
    expect(types).toEqual({
      position: 'BIGINT',
      recorded: 'TIMESTAMP',
      data: 'JSON',
      count: 'BIGINT',
      price: 'DOUBLE',
      gift: 'BOOLEAN',
      note: 'VARCHAR',
      lines: 'JSON',
    });
    const rows = await readBack(
      file,
      `SELECT position, strftime("recordedAt", '%Y-%m-%dT%H:%M:%S.%gZ') AS recorded,
              strftime("occurredAt", '%Y-%m-%dT%H:%M:%S.%gZ') AS occurred,
              json_type(data) AS payload, json_extract_string(data, '$.note') AS "payloadNote",
              "data.note" AS note, "data.note" IS NULL AS "noNote", "data.count" AS count,
              "data.price" AS price, "data.gift" AS gift, json_extract("data.lines", '$[0].qty')::INT AS qty
       FROM $file ORDER BY position`,
    );
    expect(rows).toEqual([
      {
        position: 1n,
        recorded: '2026-11-27T15:04:01.000Z',
        occurred: '2026-11-27T15:04:05.120Z',
        payload: 'OBJECT',
        payloadNote: TRICKY,
        note: TRICKY,
        noNote: false,
        count: 3n,
        price: 12.5,
        gift: true,
        qty: 2,
      },
      { ...none(2), payloadNote: '', note: '', noNote: false, count: 0n, gift: false },
      { ...none(3), count: 9_007_199_254_740_991n },
      { ...none(4), payloadNote: ' NULL ', note: ' NULL ', noNote: false },
    ]);
    expect(readdirSync(dir)).toEqual(['notes.parquet']);
  });

  it('fails with DuckDB’s reason when a value does not fit its column, early or late, leaving nothing', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => noted(i + 5, { note: 'x'.repeat(200), count: i }));
    for (const late of [false, true]) {
      const sink = parquetSink(join(dir, 'bad.parquet'), columns);
      const run = async () => {
        if (late) for (let i = 0; i < 4; i++) await sink.write(many);
        await sink.write([noted(1, { count: 1e21 })]);
        for (let i = 0; i < 10; i++) await sink.write(many);
        await sink.close();
      };
      await expect(run()).rejects.toThrow(/1e\+21/);
      await sink.abort();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('aborts right after it is made, or after a write, leaving nothing behind and no error', async () => {
    const first = parquetSink(join(dir, 'never.parquet'), columns);
    await first.abort();
    const second = parquetSink(join(dir, 'half.parquet'), columns);
    await second.write(events);
    await second.abort();
    expect(await readdir(dir)).toEqual([]);
    const third = parquetSink(join(dir, 'again.parquet'), columns);
    await third.abort();
    expect(await readdir(dir)).toEqual([]);
  });
});

function none(position: number) {
  return {
    position: BigInt(position),
    recorded: `2026-11-27T15:04:0${position}.000Z`,
    occurred: '2026-11-27T15:04:05.120Z',
    payload: 'OBJECT',
    payloadNote: null,
    note: null,
    noNote: true,
    count: null,
    price: null,
    gift: null,
    qty: null,
  };
}

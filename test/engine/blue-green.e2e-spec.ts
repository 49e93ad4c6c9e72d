import { PROJECTIONS } from '@sce/projections';
import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { client, startEngine } from './engine-harness';
import { healthOf } from './behind-the-log';

/** What the read models say of their generations: the live versions, the document tables, their products. */
interface Generations {
  versions: Record<string, number>;
  tables: string[];
  products: number[];
}

/** Where an engine keeps its read models, seen from outside: its settings, a look and a tamper. */
interface ReadModelStore {
  env: Record<string, string>;
  generations(): Promise<Generations>;
  /** As if an older engine had built them: the stored version of `projection` differs from the code's. */
  setVersion(projection: string, version: number): Promise<void>;
}

function sqliteStore(dataDir: string): ReadModelStore {
  const open = <T>(work: (db: Database.Database) => T, readonly = true) => {
    const db = new Database(join(dataDir, 'read-models.db'), { readonly });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    env: { SCE_DATA_DIR: dataDir },
    generations: async () =>
      open((db) => {
        const versions = db.prepare('SELECT projection, version FROM read_model_versions').all() as {
          projection: string;
          version: number;
        }[];
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'read_docs%' ORDER BY name")
          .pluck()
          .all() as string[];
        const products = tables.map(
          (t) => db.prepare(`SELECT count(*) FROM ${t} WHERE model = 'product'`).pluck().get() as number,
        );
        return { versions: Object.fromEntries(versions.map((v) => [v.projection, v.version])), tables, products };
      }),
    setVersion: async (projection, version) =>
      open((db) => {
        db.prepare('UPDATE read_model_versions SET version = ? WHERE projection = ?').run(version, projection);
      }, false),
  };
}

function postgresStore(dataDir: string, schema: string): ReadModelStore {
  const query = async <T>(sql: string, values: unknown[] = []) => {
    const pg = new Client({ connectionString: TEST_PG_URL });
    await pg.connect();
    try {
      return (await pg.query(sql, values)).rows as T[];
    } finally {
      await pg.end();
    }
  };
  return {
    env: { SCE_DATA_DIR: dataDir, SCE_STORE: 'postgres', SCE_POSTGRES_URL: TEST_PG_URL, SCE_POSTGRES_SCHEMA: schema },
    async generations() {
      const versions = await query<{ projection: string; version: number }>(
        `SELECT projection, version FROM "${schema}".read_model_versions`,
      );
      const tables = (
        await query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = $1 AND table_name LIKE 'read_docs%' ORDER BY table_name`,
          [schema],
        )
      ).map((t) => t.name);
      const products: number[] = [];
      for (const t of tables)
        products.push(
          Number(
            (await query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".${t} WHERE model = 'product'`))[0]!.n,
          ),
        );
      return { versions: Object.fromEntries(versions.map((v) => [v.projection, v.version])), tables, products };
    },
    async setVersion(projection, version) {
      await query(`UPDATE "${schema}".read_model_versions SET version = $1 WHERE projection = $2`, [
        version,
        projection,
      ]);
    },
  };
}

async function buildsTheBumpedProjection(store: ReadModelStore) {
  const first = await startEngine(store.env);
  const platform = client(first.url, first.platformKey);
  await platform.send('RegisterShop', 'shop-g', { name: 'G', sellerId: 's', timeZone: 'UTC', currency: 'EUR' });
  const { body: sellerKey } = await platform.call('POST', '/v1/api-keys', {
    name: 's',
    role: 'SELLER',
    shopId: 'shop-g',
  });
  const seller = client(first.url, (sellerKey as { key: string }).key);
  for (let i = 0; i < 5; i++)
    await seller.send('ListProduct', 'shop-g', { productId: `p-${i}`, title: `P${i}`, price: 100 + i, stock: i });
  const { body: before } = await platform.get('/v1/shops/shop-g/products?atPosition=6');
  expect(await first.stop()).toBe(0);
  const built = await store.generations();
  const orders = PROJECTIONS.find((p) => p.name === 'orders')!.version;
  expect(built).toMatchObject({ versions: { products: 1, orders }, tables: ['read_docs'], products: [5] });

  await store.setVersion('products', 0);
  const again = await startEngine(store.env);
  try {
    const deadline = Date.now() + 30_000;
    while ((await healthOf(again)).projections.building && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await healthOf(again)).projections.building).toBeUndefined();
    expect((await client(again.url, first.platformKey).get('/v1/shops/shop-g/products')).body).toEqual(before);
  } finally {
    expect(await again.stop()).toBe(0);
  }
  return built;
}

describe('an engine whose read models were built by another version of a projection, on SQLite', () => {
  it('builds that projection beside the live one when it starts, switches, and removes the old documents', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sce-bluegreen-'));
    try {
      const store = sqliteStore(dataDir);
      const built = await buildsTheBumpedProjection(store);
      // The products now live in a generation of their own, gone from the one the others stay in.
      expect(await store.generations()).toEqual({
        versions: built.versions,
        tables: ['read_docs', 'read_docs_1'],
        products: [0, 5],
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeWith(
  'postgres',
  'an engine whose read models were built by another version of a projection, on PostgreSQL',
  () => {
    it('builds that projection beside the live one when it starts and switches to it', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sce-bluegreen-pg-'));
      const schema = await freshSchema('sce_e2e_bg');
      try {
        const store = postgresStore(dataDir, schema.schema);
        const built = await buildsTheBumpedProjection(store);
        const after = await store.generations();
        expect(after.versions).toEqual(built.versions);
        // Served from the new generation; the old one keeps the other models (its stale products go with a sweep).
        expect(after.tables).toEqual(['read_docs', 'read_docs_1']);
        expect(after.products[1]).toBe(5);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await schema.drop();
      }
    });
  },
);

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, startEngine } from './engine-harness';
import { healthOf } from './behind-the-log';

/** What the read-model file says of its generations: the live versions and the document tables. */
function generations(dataDir: string) {
  const db = new Database(join(dataDir, 'read-models.db'), { readonly: true });
  try {
    const versions = db.prepare('SELECT projection, version FROM read_model_versions').all() as {
      projection: string;
      version: number;
    }[];
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'read_docs%' ORDER BY name")
      .pluck()
      .all();
    const products = (tables as string[]).map((t) =>
      db.prepare(`SELECT count(*) FROM ${t} WHERE model = 'product'`).pluck().get(),
    );
    return { versions: Object.fromEntries(versions.map((v) => [v.projection, v.version])), tables, products };
  } finally {
    db.close();
  }
}

describe('an engine whose read models were built by another version of a projection', () => {
  it('builds that projection beside the live one when it starts, switches, and removes the old documents', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sce-bluegreen-'));
    try {
      const first = await startEngine({ SCE_DATA_DIR: dataDir });
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
      const built = generations(dataDir);
      expect(built).toMatchObject({ versions: { products: 1, orders: 2 }, tables: ['read_docs'], products: [5] });

      // As if an older engine had built the products: the code's version differs from the stored one.
      const db = new Database(join(dataDir, 'read-models.db'));
      db.prepare("UPDATE read_model_versions SET version = 0 WHERE projection = 'products'").run();
      db.close();

      const again = await startEngine({ SCE_DATA_DIR: dataDir });
      try {
        const deadline = Date.now() + 30_000;
        while ((await healthOf(again)).projections.building && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await healthOf(again)).projections.building).toBeUndefined();
        expect((await client(again.url, first.platformKey).get('/v1/shops/shop-g/products')).body).toEqual(before);
      } finally {
        expect(await again.stop()).toBe(0);
      }
      // The products now live in a generation of their own, gone from the one the others stay in.
      expect(generations(dataDir)).toEqual({
        versions: built.versions,
        tables: ['read_docs', 'read_docs_1'],
        products: [0, 5],
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, runCli, runCliWith, startEngine } from './engine-harness';

describe('the analysts command line', () => {
  it('exports the log as NDJSON, counts it, and rebuilds the read models to the same figures', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sce-cli-'));
    try {
      const first = await startEngine({ SCE_DATA_DIR: dataDir });
      const platform = client(first.url, first.platformKey);
      await platform.send('RegisterShop', 'shop-c', {
        name: 'C',
        sellerId: 's',
        timeZone: 'Europe/Paris',
        currency: 'EUR',
      });
      const seller = client(
        first.url,
        (
          (await platform.call('POST', '/v1/api-keys', { name: 's', role: 'SELLER', shopId: 'shop-c' })).body as {
            key: string;
          }
        ).key,
      );
      for (let i = 0; i < 5; i++)
        await seller.send('ListProduct', 'shop-c', { productId: `p-${i}`, title: `P${i}`, price: 100 + i, stock: i });
      const { body: products } = await platform.get('/v1/shops/shop-c/products?atPosition=6');
      expect(await first.stop()).toBe(0);

      const out = join(dataDir, 'log.ndjson');
      expect(runCli(dataDir, 'export', '--out', out).status).toBe(0);
      const lines = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((e) => [e.position, e.type])).toEqual([
        [1, 'ShopRegistered'],
        ...[2, 3, 4, 5, 6].map((p) => [p, 'ProductListed']),
      ]);
      const onlyProducts = runCli(dataDir, 'export', '--category', 'product');
      expect(onlyProducts.stdout.trim().split('\n')).toHaveLength(5);
      expect(JSON.parse(runCli(dataDir, 'stats').stdout)).toEqual({
        head: 6,
        events: { ShopRegistered: 1, ProductListed: 5 },
      });
      const rebuilt = runCli(dataDir, 'rebuild');
      expect(rebuilt.status).toBe(0);
      expect(rebuilt.stderr).toContain('rebuilt the read models from 6 events');
      const one = runCli(dataDir, 'rebuild', '--projection', 'products');
      expect(one.status).toBe(0);
      expect(one.stderr).toContain('rebuilt products from 6 events');
      const unknown = runCli(dataDir, 'rebuild', '--projection', 'nonsense');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('no projection nonsense: there are shops, dashboard-days');

      const again = await startEngine({ SCE_DATA_DIR: dataDir });
      try {
        expect((await client(again.url, first.platformKey).get('/v1/shops/shop-c/products')).body).toEqual(products);
      } finally {
        expect(await again.stop()).toBe(0);
      }
      expect(runCli(dataDir, 'nonsense').status).toBe(2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('takes the engine’s configuration, checked as the engine checks it, before it opens a store', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sce-cli-'));
    try {
      const bad = runCliWith({ SCE_SQLITE_SYNCHRONOUS: 'off', SCE_POSTGRES_POOL_SIZE: '0' }, dataDir, 'stats');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('SCE_SQLITE_SYNCHRONOUS=off is not one of full, normal');
      expect(bad.stderr).toContain('SCE_POSTGRES_POOL_SIZE=0 must be a whole number from 1 to 100');
      expect(existsSync(join(dataDir, 'events.db'))).toBe(false);
      const keys = runCliWith({ SCE_STORE: 'postgres', SCE_POSTGRES_URL: '' }, dataDir, 'keys', 'list');
      expect(keys.status).toBe(1);
      expect(keys.stderr).toContain('SCE_POSTGRES_URL must be a postgres:// connection string');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, runCli, startEngine, type Answer } from './engine-harness';

const LIST_P1 = { productId: 'p-1', title: 'P', price: 500, stock: 3 };

describe('backing up a running engine', () => {
  it('copies log, read models and keys while commands flow, and the copy starts as the same engine', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sce-backup-')), 'copy');
    const first = await startEngine();
    let sellerKey = '';
    let listed: Answer | undefined;
    let [head, adjusted] = [0, 0];
    try {
      const platform = client(first.url, first.platformKey);
      const shop = { name: 'B', sellerId: 's', timeZone: 'Asia/Tokyo', currency: 'JPY' };
      expect((await platform.send('RegisterShop', 'shop-b', shop)).status).toBe(200);
      const created = await platform.call('POST', '/v1/api-keys', { name: 's', role: 'SELLER', shopId: 'shop-b' });
      sellerKey = (created.body as { key: string }).key;
      const seller = client(first.url, sellerKey);
      listed = await seller.send('ListProduct', 'shop-b', LIST_P1, undefined, 'list-p-1');
      expect(listed.status).toBe(200);
      // Commands keep coming while the backup runs: it must neither block them nor be torn by them.
      let writing = true;
      const writer = (async () => {
        while (writing)
          expect((await seller.send('AdjustStock', 'shop-b', { productId: 'p-1', delta: 1 })).status).toBe(200);
      })();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const backedUp = runCli(first.dataDir, 'backup', '--out', out);
      writing = false;
      await writer;
      expect(backedUp.stderr).toContain(`restore: stop the engine, then start it with SCE_DATA_DIR=${out}`);
      expect(backedUp.status).toBe(0);
      expect(runCli(first.dataDir, 'backup', '--out', out).stderr).toContain('is not empty');

      const copy = JSON.parse(runCli(out, 'stats').stdout) as { head: number; events: Record<string, number> };
      expect(copy.events).toMatchObject({ ShopRegistered: 1, ProductListed: 1 });
      expect(copy.events.StockAdjusted).toBeGreaterThan(0);
      expect(copy.head).toBe(2 + copy.events.StockAdjusted!);
      [head, adjusted] = [copy.head, copy.events.StockAdjusted!];
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const restored = await startEngine({ SCE_DATA_DIR: out });
    try {
      // The read models copied never run ahead of the log copied: they project to the same stock.
      const { body } = await client(restored.url, first.platformKey).get(
        `/v1/shops/shop-b/products?atPosition=${head}`,
      );
      expect(body).toMatchObject({ products: [{ productId: 'p-1', stock: 3 + adjusted }] });
      // The seller's key and the command ledger came along: the same command gets its first outcome.
      expect(
        await client(restored.url, sellerKey).send('ListProduct', 'shop-b', LIST_P1, undefined, 'list-p-1'),
      ).toEqual(listed);
    } finally {
      expect(await restored.stop()).toBe(0);
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, startEngine } from './engine-harness';

describe('snapshots in the engine', () => {
  it('snapshots a stream every SCE_SNAPSHOT_EVERY events, stops cleanly, and decides from the snapshot after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sce-e2e-'));
    try {
      const engine = await startEngine({ SCE_DATA_DIR: dataDir, SCE_SNAPSHOT_EVERY: '3' });
      const platform = client(engine.url, engine.platformKey);
      await platform.send('RegisterShop', 'shop-1', { name: 'One', sellerId: 's1', timeZone: 'UTC', currency: 'USD' });
      const made = await platform.call<{ key: string }>('POST', '/v1/api-keys', {
        name: 'seller',
        role: 'SELLER',
        shopId: 'shop-1',
      });
      const seller = client(engine.url, made.body.key);
      const policy = (days: number) =>
        seller.send('SetRefundPolicy', 'shop-1', { returnWindowDays: days, autoApproveLimit: 0 });
      // The shop at revisions 1 to 5: snapshots at 2 (3 events past none) and 5 (3 past 2).
      for (const days of [1, 2, 3, 4, 5]) expect((await policy(days)).status).toBe(200);
      expect(await engine.stop()).toBe(0);

      const db = new Database(join(dataDir, 'events.db'), { readonly: true });
      const rows = db.prepare('SELECT stream_id, revision, state FROM snapshots').all() as {
        stream_id: string;
        revision: number;
        state: string;
      }[];
      db.close();
      expect(rows.map((r) => [r.stream_id, r.revision])).toEqual([['shop-shop-1', 5]]);
      expect(JSON.parse(rows[0]!.state)).toMatchObject({ refundPolicy: { returnWindowDays: 5 } });

      const again = await startEngine({ SCE_DATA_DIR: dataDir, SCE_SNAPSHOT_EVERY: '3' });
      const sellerAgain = client(again.url, made.body.key);
      expect(
        (await sellerAgain.send('SetRefundPolicy', 'shop-1', { returnWindowDays: 7, autoApproveLimit: 0 })).body,
      ).toMatchObject({
        status: 'accepted',
        streams: [{ stream: 'shop-shop-1', revision: 6 }],
      });
      expect(await again.stop()).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

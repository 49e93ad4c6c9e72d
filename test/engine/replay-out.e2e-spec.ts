import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startEngine, type Engine } from './engine-harness';
import { keysFor, type Keys } from './seller-story';
import { LA, openShop } from './timer-story';

const DASHBOARD = `/v1/shops/${LA}/dashboard?from=2026-11-01&to=2026-12-01&asOf=2026-11-15T00:00:00Z`;
const ORDERS = `/v1/shops/${LA}/orders?limit=100`;

/** A round of business: three orders and three visits on a day of November; the last position. */
async function round(keys: Keys, day: number): Promise<number> {
  let position = 0;
  for (let i = 0; i < 3; i++) {
    const at = new Date(Date.UTC(2026, 10, day, 10 + i)).toISOString();
    const order = { orderId: `o-${day}-${i}`, buyerId: `b-${i}`, lines: [{ productId: 'mug', quantity: 1 }] };
    const placed = await keys.buyer.send(
      'PlaceOrder',
      LA,
      { ...order, shipTo: { country: 'US', region: 'CA' }, channel: 'LIVE' },
      at,
    );
    const visit = await keys.system.send('RecordVisit', LA, { visitorId: `v-${day}-${i}` }, at);
    expect([placed.body.status, visit.body.status]).toEqual(['accepted', 'accepted']);
    position = Math.max(...(visit.body as { positions: number[] }).positions);
  }
  return position;
}

describe('replay --until into a directory, served by a read-only engine', () => {
  let live: Engine;
  let readOnly: Engine | undefined;
  let keys: Keys;
  const out = mkdtempSync(join(tmpdir(), 'sce-replay-out-'));
  const recorded: { position: number; at: string; dashboard: unknown; orders: unknown } = {} as never;

  beforeAll(async () => {
    live = await startEngine();
    keys = await keysFor(live);
    await openShop(keys);
    await keys.seller.send('AdjustStock', LA, { productId: 'mug', delta: 100 }, '2026-11-01T00:00:00Z');
    await round(keys, 5);
    recorded.position = await round(keys, 6);
    recorded.dashboard = (await keys.analyst.get(`${DASHBOARD}&atPosition=${recorded.position}`)).body;
    recorded.orders = (await keys.analyst.get(`${ORDERS}&atPosition=${recorded.position}`)).body;
    recorded.at = new Date().toISOString();
    // The next events must be recorded after that instant, not within its millisecond.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await round(keys, 7);
  });
  afterAll(async () => {
    await readOnly?.stop();
    await live?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes the read models as known at a position, and an instant means the last event recorded by then', () => {
    const byPosition = runCli(live.dataDir, 'replay', '--until', String(recorded.position), '--out', out);
    expect([byPosition.status, byPosition.stderr]).toEqual([0, expect.stringContaining('SCE_READ_ONLY=true')]);
    const byTime = `${out}-by-time`;
    try {
      expect(runCli(live.dataDir, 'replay', '--until', recorded.at, '--out', byTime).status).toBe(0);
      expect(JSON.parse(readFileSync(join(byTime, 'replay.json'), 'utf8'))).toMatchObject({
        until: recorded.at,
        position: recorded.position,
      });
    } finally {
      rmSync(byTime, { recursive: true, force: true });
    }
  });

  it('answers the read routes exactly as the live engine did at that position', async () => {
    readOnly = await startEngine({ SCE_DATA_DIR: out, SCE_READ_ONLY: 'true' });
    const reader = (await keysFor(readOnly)).analyst;
    expect((await reader.get(DASHBOARD)).body).toEqual(recorded.dashboard);
    expect((await reader.get(ORDERS)).body).toEqual(recorded.orders);
    expect((await keys.analyst.get(DASHBOARD)).body).not.toEqual(recorded.dashboard);
    const health = await reader.get<{ details: Record<string, unknown> }>('/health');
    expect(health).toMatchObject({
      status: 200,
      body: { details: { readModels: { status: 'up', mode: 'read-only', position: recorded.position } } },
    });
  });

  it('refuses commands with 405 engine.read-only, and nothing changes', async () => {
    const ro = await keysFor(readOnly!);
    const placed = await ro.buyer.send(
      'PlaceOrder',
      LA,
      {
        orderId: 'o-late',
        buyerId: 'b-1',
        lines: [{ productId: 'mug', quantity: 1 }],
        shipTo: { country: 'US', region: 'CA' },
        channel: 'LIVE',
      },
      '2026-11-08T10:00:00Z',
    );
    expect(placed).toMatchObject({ status: 405, body: { status: 'rejected', code: 'engine.read-only' } });
    expect((await ro.platform.call('POST', '/v1/admin/rebuild')).status).toBe(405);
    const travel = await ro.analyst.get(`${DASHBOARD}&knownAtPosition=3`);
    expect(travel).toMatchObject({ status: 400, body: { errors: [{ field: 'knownAtPosition' }] } });
    // Nor may a replay replace the file under the engine serving it.
    const again = runCli(live.dataDir, 'replay', '--until', '1', '--out', out);
    expect([again.status, again.stderr]).toEqual([1, expect.stringContaining('is in use by the engine')]);
    expect((await ro.analyst.get(DASHBOARD)).body).toEqual(recorded.dashboard);
    expect((await ro.analyst.get(ORDERS)).body).toEqual(recorded.orders);
  });

  it('refuses bad arguments and a directory that holds something else, naming them, with exit code 2', () => {
    const other = mkdtempSync(join(tmpdir(), 'sce-replay-other-'));
    writeFileSync(join(other, 'notes.txt'), 'mine');
    try {
      for (const [args, said] of [
        [['--until', 'soon', '--out', other], '--until must be'],
        [['--until', '3'], 'replay needs --out DIR'],
        [['--until', '3', '--out', other], 'holds no earlier replay'],
        [['--until', '3', '--out', live.dataDir], 'is SCE_DATA_DIR'],
        [['--until', '999999', '--out', join(other, 'new')], 'past the end of the log'],
      ] as const) {
        const run = runCli(live.dataDir, 'replay', ...args);
        expect({ args, status: run.status, said: run.stderr.includes(said) }).toEqual({ args, status: 2, said: true });
      }
      expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('mine');
      const help = runCli(live.dataDir, 'replay', '--help');
      expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('--until POSITION|RFC3339 --out DIR')]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('will not start read-only on a directory without read models, and opens no log there', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sce-read-only-empty-'));
    try {
      await expect(startEngine({ SCE_DATA_DIR: empty, SCE_READ_ONLY: 'true' })).rejects.toThrow(
        /SCE_READ_ONLY=true: no read models in .*read-models\.db; write them with npm run cli -- replay/,
      );
      expect(existsSync(join(empty, 'events.db'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

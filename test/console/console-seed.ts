import { expect } from '@jest/globals';
import { TEST_CLOCK_START } from '../engine/engine-harness';
import type { Keys } from '../engine/seller-story';

const LA = 'shop-la';
// "A moment ago" on the engine's clock, which stands at the harness's start: the console's today is
// the engine's (a read route's default range), so the seeded business must be on that clock too.
const ago = (ms: number) => new Date(Date.parse(TEST_CLOCK_START) - ms).toISOString();

/**
 * The console's business on top of the seller story: today's and yesterday's visits and orders, an
 * overdue partly shipped order, a cancellation request, an upcoming campaign, and a seller key.
 */
export async function seedConsoleShop(keys: Keys): Promise<{ sellerKey: string; campaignId: string }> {
  const made = await keys.platform.call<{ key: string }>('POST', '/v1/api-keys', {
    name: 'console seller',
    role: 'SELLER',
    shopId: LA,
  });
  const sellerKey = made.body.key;
  // Today's and yesterday's business, a moment ago: the home page compares them.
  for (const [visitorId, at] of [
    ['v-today-1', ago(60_000)],
    ['v-today-2', ago(50_000)],
    ['v-today-3', ago(40_000)],
    ['v-yesterday', ago(86_400_000)],
  ] as const)
    expect((await keys.system.send('RecordVisit', LA, { visitorId }, at)).status).toBe(200);
  const place = (orderId: string, lines: [string, number][], at: string) =>
    keys.buyer.send(
      'PlaceOrder',
      LA,
      {
        orderId,
        buyerId: `b-${orderId}`,
        lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
        shipTo: { country: 'US', region: 'CA' },
        channel: 'VIDEO',
      },
      at,
    );
  for (const answer of [
    await place('o-today-1', [['hoodie', 1]], ago(30_000)),
    await place(
      'o-today-2',
      [
        ['sticker', 2],
        ['mug', 1],
      ],
      ago(20_000),
    ),
    await place('o-yesterday', [['mug', 2]], ago(86_400_000 + 60_000)),
  ])
    expect(answer.status).toBe(200);
  // Before the engine's clock (the harness holds it at 1 Nov) and the 30 days the pages show: an order
  // past its ship-by, partly shipped so the system does not cancel it, and a buyer's cancellation
  // request awaiting the seller (answered by the system on 1 Nov 14:00, after that clock).
  expect(
    (
      await place(
        'o-overdue',
        [
          ['hoodie', 1],
          ['mug', 1],
        ],
        '2026-10-28T12:00:00Z',
      )
    ).status,
  ).toBe(200);
  const box = { orderId: 'o-overdue', packageId: 'o-overdue/a', carrier: 'UPS_GROUND', trackingNumber: '1Z-A' };
  const shipped = await keys.seller.send(
    'ShipPackage',
    LA,
    { ...box, lines: [{ productId: 'mug', quantity: 1 }] },
    '2026-10-29T12:00:00Z',
  );
  expect(shipped.status).toBe(200);
  expect((await place('o-cancel-me', [['sticker', 1]], '2026-10-30T12:00:00Z')).status).toBe(200);
  const request = { orderId: 'o-cancel-me', cancellationId: 'c-1', reason: 'found it cheaper' };
  expect((await keys.buyer.send('RequestCancellation', LA, request, '2026-10-30T14:00:00Z')).status).toBe(200);
  const campaignId = 'cyber-monday';
  expect(
    (
      await keys.platform.send('CreateCampaign', undefined, {
        campaignId,
        name: 'Cyber Monday',
        registrationStartsAt: ago(86_400_000),
        registrationEndsAt: ago(-5 * 86_400_000),
        startsAt: ago(-6 * 86_400_000),
        endsAt: ago(-7 * 86_400_000),
        minimumDiscountPercent: 15,
      })
    ).status,
  ).toBe(200);
  return { sellerKey, campaignId };
}

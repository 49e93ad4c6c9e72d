import type { CommandModule, EventStreams } from './module';
import type { OrderCommand } from './order/order.types';
import {
  COMMAND_ROLES,
  COMMAND_TYPES,
  EVENT_TYPES,
  foldFor,
  foldStream,
  isCommandType,
  streamOf,
  streamsRead,
} from './registry';
import { cmd, ev, SHOP } from './testing/fixtures';
import { placed, line } from './testing/story';
import type { TrafficEvent } from './traffic/traffic.types';

describe('the registry of command modules', () => {
  it('knows every command and event type once, in the order of the domain table', () => {
    expect(new Set(COMMAND_TYPES).size).toBe(COMMAND_TYPES.length);
    expect(COMMAND_TYPES.slice(0, 2)).toEqual(['RegisterShop', 'SetFulfillmentMode']);
    expect(COMMAND_TYPES).toEqual(
      expect.arrayContaining(['CreateCampaign', 'PlaceOrder', 'IssueRefund', 'RecordVisit']),
    );
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(['ShopRegistered', 'StockReserved', 'RefundIssued']));
    expect(isCommandType('PlaceOrder')).toBe(true);
    expect(isCommandType('OrderPlaced')).toBe(false);
    expect(isCommandType('toString')).toBe(false);
  });

  it("takes each command's roles from its module", () => {
    expect(COMMAND_ROLES.PlaceOrder).toEqual(['BUYER']);
    expect(COMMAND_ROLES.CancelOrder).toEqual(['BUYER', 'SELLER', 'SYSTEM']);
    expect(COMMAND_ROLES.CreateCampaign).toEqual(['PLATFORM']);
  });

  it('reads the shop and each product an order names once; a campaign is created without a shop', () => {
    const lines = [
      { productId: 'p-1', quantity: 1 },
      { productId: 'p-2', quantity: 1 },
      { productId: 'p-1', quantity: 2 },
    ];
    const order = cmd('PlaceOrder', {
      orderId: 'o-1',
      buyerId: 'b-1',
      lines,
      shipTo: { country: 'US', region: 'CA' },
      channel: 'LIVE',
    });
    expect(streamsRead(order)).toEqual([
      `shop-${SHOP}`,
      `order-${SHOP}/o-1`,
      `product-${SHOP}/p-1`,
      `product-${SHOP}/p-2`,
    ]);
    expect(streamsRead(cmd('ApproveRefund', { orderId: 'o-1', refundId: 'r-1' }))).toEqual([
      `shop-${SHOP}`,
      `order-${SHOP}/o-1`,
    ]);
    const campaign = { campaignId: 'bf', name: 'BF', minimumDiscountPercent: 10 };
    const windows = { registrationStartsAt: 'a', registrationEndsAt: 'b', startsAt: 'c', endsAt: 'd' };
    expect(streamsRead(cmd('CreateCampaign', { ...campaign, ...windows }))).toEqual(['campaign-bf']);
  });

  it('stores each event in the stream of the ids it carries', () => {
    const [orderPlaced, reserved] = placed('o-1', [line('p-1', 1, 2000)]);
    expect(streamOf(orderPlaced!)).toBe(`order-${SHOP}/o-1`);
    expect(streamOf(reserved!)).toBe(`product-${SHOP}/p-1`);
    expect(streamOf(ev('RefundIssued', { shopId: SHOP, orderId: 'o-1', refundId: 'r-1', amount: 1 }))).toBe(
      `order-${SHOP}/o-1`,
    );
    expect(streamOf(ev('CampaignWithdrawn', { shopId: SHOP, campaignId: 'bf', productIds: [] }))).toBe(`shop-${SHOP}`);
    expect(streamOf(ev('VisitRecorded', { shopId: SHOP, visitorId: 'v', productId: null }))).toBe(`visits-${SHOP}`);
  });

  it('folds each stream with its category, and refuses a stream of no category', () => {
    const events = placed('o-1', [line('p-1', 2, 2000)]).slice(0, 1);
    expect(foldStream(`order-${SHOP}/o-1`, events)).toMatchObject({ status: 'AWAITING_SHIPMENT', itemsTotal: 4000 });
    expect(foldFor(`live-${SHOP}/l-1`).initialState()).toEqual({ status: 'NONE' });
    expect(() => foldFor('basket-1')).toThrow('not a seller-center stream: basket-1');
  });

  it('is checked by the compiler: a module missing a command or an event does not compile', () => {
    // @ts-expect-error PlaceOrder and the other order commands have no entry
    const commands: CommandModule<OrderCommand> = {};
    // @ts-expect-error LiveSessionEnded has no stream
    const events: EventStreams<TrafficEvent> = {
      VisitRecorded: (e) => `visits-${e.data.shopId}`,
      LiveSessionStarted: (e) => `live-${e.data.shopId}/${e.data.sessionId}`,
    };
    expect([commands, events]).toHaveLength(2);
  });
});

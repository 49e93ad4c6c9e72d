import fc from 'fast-check';
import { COMMAND_ROLES } from '../registry';
import type { Command, CommandType } from '../messages';
import { cmd, SHOP, TEMPLATE } from './fixtures';
import { BLACK_FRIDAY } from './story';

const products = ['p-1', 'p-2', 'p-3'];
/** Skewed pools keep follow-up commands on the same order and refund, so lifecycles go deep. */
const orders = ['o-1', 'o-1', 'o-1', 'o-2', 'o-3'];
const refunds = ['r-1', 'r-1', 'r-2'];
const cancellationId = fc.constantFrom('c-1', 'c-1', 'c-2');
const packageId = fc.constantFrom('b-1', 'b-2', 'o-1/1', 'o-1/2');
const productId = fc.constantFrom(...products);
/** Orders and refunds mostly name the products the opening made active. */
const soldProductId = fc.constantFrom('p-1', 'p-2', 'p-1', 'p-2', 'p-3');
const orderId = fc.constantFrom(...orders);
const refundId = fc.constantFrom(...refunds);
const qty = fc.integer({ min: 1, max: 3 });
const reason = fc.constant('because');

/** A step: a command type, its payload, and hours elapsed since the previous step. */
type Step = { type: CommandType; payload: unknown; hours: number; roleIndex: number };

const payloads: Partial<Record<CommandType, fc.Arbitrary<unknown>>> = {
  SetFulfillmentMode: fc.record({ mode: fc.constantFrom('FULFILLED_BY_SELLER', 'FULFILLED_BY_PLATFORM') }),
  SetRefundPolicy: fc.record(
    {
      returnWindowDays: fc.integer({ min: 0, max: 3 }),
      autoApproveLimit: fc.integer({ min: 0, max: 5000 }),
      sellerResponseHours: fc.integer({ min: 24, max: 168 }),
    },
    { requiredKeys: ['returnWindowDays', 'autoApproveLimit'] },
  ),
  ConfigureShipping: fc.record(
    {
      mode: fc.constantFrom('SELLER_SHIPPING', 'PLATFORM_SHIPPING'),
      carriers: fc.constant(['UPS_GROUND']),
      handlingDays: fc.integer({ min: 1, max: 10 }),
    },
    { requiredKeys: ['mode', 'carriers'] },
  ),
  ListProduct: fc.record({
    productId,
    title: fc.constant('t'),
    price: fc.integer({ min: 100, max: 5000 }),
    stock: fc.integer({ min: 0, max: 8 }),
  }),
  ApproveProduct: fc.record({ productId }),
  FlagProductIssue: fc.record({ productId, reason }),
  ResolveProductIssue: fc.record({ productId }),
  SuspendProduct: fc.record({ productId, reason }),
  ReinstateProduct: fc.record({ productId, reason }),
  DeactivateProduct: fc.record({ productId }),
  ActivateProduct: fc.record({ productId }),
  AdjustStock: fc.record({ productId, delta: fc.integer({ min: -8, max: 8 }).filter((d) => d !== 0) }),
  ChangePrice: fc.record({ productId, price: fc.integer({ min: 100, max: 5000 }) }),
  JoinCampaign: fc.record({
    campaignId: fc.constant(BLACK_FRIDAY.campaignId),
    products: fc
      .tuple(productId, fc.integer({ min: 50, max: 4000 }), fc.integer({ min: 0, max: 5 }))
      .map(([p, campaignPrice, reservedStock]) => [{ productId: p, campaignPrice, reservedStock }]),
  }),
  WithdrawFromCampaign: fc.record({
    campaignId: fc.constant(BLACK_FRIDAY.campaignId),
    productIds: fc.tuple(productId).map((t) => [...t]),
  }),
  PlaceOrder: fc.record({
    orderId,
    buyerId: fc.constant('b-1'),
    lines: fc.array(fc.record({ productId: soldProductId, quantity: qty }), { minLength: 1, maxLength: 2 }),
    shipTo: fc.constantFrom(...['CA', 'TX', 'CA', 'TX', 'CA', 'AK'].map((region) => ({ country: 'US', region }))),
    channel: fc.constantFrom('LIVE', 'VIDEO', 'PRODUCT_CARD'),
  }),
  CancelOrder: fc.record({ orderId, reason }),
  ShipOrder: fc.record({
    orderId,
    carrier: fc.constantFrom('UPS_GROUND', 'UPS_GROUND', 'UPS_GROUND', 'FEDEX'),
    trackingNumber: fc.constant('1Z'),
  }),
  ShipPackage: fc.record({
    orderId,
    packageId,
    lines: fc.array(fc.record({ productId: soldProductId, quantity: fc.integer({ min: 1, max: 2 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
    carrier: fc.constantFrom('UPS_GROUND', 'UPS_GROUND', 'FEDEX'),
    trackingNumber: fc.constant('1Z'),
  }),
  ConfirmDelivery: fc.record({ orderId, packageId }, { requiredKeys: ['orderId'] }),
  RequestCancellation: fc.record({ orderId, cancellationId, reason }),
  ApproveCancellation: fc.record({ orderId, cancellationId }),
  RejectCancellation: fc.record({ orderId, cancellationId, reason }),
  CompleteOrder: fc.record({ orderId }),
  RequestRefund: fc.record({
    orderId,
    refundId,
    refundType: fc.constantFrom('REFUND_ONLY', 'RETURN_AND_REFUND'),
    lines: fc.array(fc.record({ productId: soldProductId, quantity: fc.integer({ min: 1, max: 2 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
    reason,
  }),
  ApproveRefund: fc.record({ orderId, refundId }),
  RejectRefund: fc.record({ orderId, refundId, reason: fc.constantFrom('because', 'RETURN_NOT_RECEIVED') }),
  ReceiveReturn: fc.record({ orderId, refundId }),
  IssueRefund: fc.record({ orderId, refundId }),
  RecordVisit: fc.record({ visitorId: fc.constantFrom('v-1', 'v-2') }),
  StartLiveSession: fc.record({ sessionId: fc.constantFrom('l-1', 'l-2') }),
  EndLiveSession: fc.record({ sessionId: fc.constantFrom('l-1', 'l-2') }),
};

/** Order and refund commands come more often: they only succeed deep into an order's life. */
const WEIGHTS: Partial<Record<CommandType, number>> = {
  PlaceOrder: 6,
  ShipOrder: 4,
  ShipPackage: 3,
  ConfirmDelivery: 4,
  RequestCancellation: 2,
  ApproveCancellation: 2,
  RequestRefund: 4,
  ApproveRefund: 4,
  ReceiveReturn: 3,
  IssueRefund: 5,
  CompleteOrder: 4,
  JoinCampaign: 2,
};

const step: fc.Arbitrary<Step> = fc.oneof(
  ...(Object.keys(payloads) as CommandType[]).map((type) => ({
    weight: WEIGHTS[type] ?? 1,
    arbitrary: fc.record({
      type: fc.constant(type),
      payload: payloads[type] as fc.Arbitrary<unknown>,
      hours: fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: 0, max: 30 }) },
        { weight: 1, arbitrary: fc.integer({ min: 24, max: 800 }) },
      ),
      roleIndex: fc.nat(2),
    }),
  })),
);

/** The opening every sequence shares: a ready shop and a campaign open for registration. */
export const opening = (): Command[] => [
  cmd(
    'RegisterShop',
    { name: 'Acme', sellerId: 's-1', timeZone: 'UTC', currency: 'USD' },
    { at: '2026-11-01T00:00:00.000Z' },
  ),
  cmd('ConfigureShipping', { mode: 'SELLER_SHIPPING', carriers: ['UPS_GROUND'] }, { at: '2026-11-01T00:00:00.000Z' }),
  cmd('SaveShippingTemplate', TEMPLATE, { at: '2026-11-01T00:00:00.000Z' }),
  cmd(
    'CreateCampaign',
    { ...BLACK_FRIDAY, registrationStartsAt: '2026-11-01T00:00:00.000Z' },
    { at: '2026-11-01T00:00:00.000Z' },
  ),
  cmd('ListProduct', { productId: 'p-1', title: 'one', price: 2000, stock: 30 }, { at: '2026-11-01T00:00:00.000Z' }),
  cmd('ListProduct', { productId: 'p-2', title: 'two', price: 900, stock: 10 }, { at: '2026-11-01T00:00:00.000Z' }),
  cmd('ApproveProduct', { productId: 'p-1' }, { at: '2026-11-01T00:00:00.000Z' }),
  cmd('ApproveProduct', { productId: 'p-2' }, { at: '2026-11-01T00:00:00.000Z' }),
];

/** Random command sequences of every type, in time order from 2 Nov, by a role allowed to send them. */
export const commandSequence = (maxLength = 80): fc.Arbitrary<Command[]> =>
  fc.array(step, { minLength: 10, maxLength, size: 'max' }).map((steps) => {
    let time = Date.parse('2026-11-02T00:00:00.000Z');
    return steps.map(({ type, payload, hours, roleIndex }) => {
      time += hours * 3_600_000;
      const roles = COMMAND_ROLES[type];
      const role = roles[roleIndex % roles.length];
      return cmd(type, payload as never, { at: new Date(time).toISOString(), role, shopId: SHOP });
    });
  });

import type { StoredEvent } from '@sce/event-store';
import { seenId, type DocKey } from './docs';
import { localDate } from './local-time';

type Data = Record<string, unknown> & { shopId?: string };

/**
 * The documents an event touches, so a batch can load them all at once. Daily buckets need the
 * shop's time zone: `zoneOf` answers from the shop documents the runner keeps.
 */
export function keysFor(event: StoredEvent, zoneOf: (shopId: string) => string): DocKey[] {
  const d = event.data as Data;
  const shopId = d.shopId ?? '*';
  const at = event.metadata.occurredAt;
  const day = (): DocKey => ({ model: 'day', shopId, id: localDate(at, zoneOf(shopId)) });
  const order = (): DocKey => ({ model: 'order', shopId, id: d.orderId as string });
  const refund = (): DocKey => ({ model: 'refund', shopId, id: `${d.orderId as string}/${d.refundId as string}` });
  const campaign = (id: string): DocKey => ({ model: 'campaign', shopId: '*', id });
  switch (event.type) {
    case 'ShopRegistered':
      return [{ model: 'shop', shopId, id: shopId }];
    case 'VisitRecorded': {
      const date = day().id;
      const visitor = d.visitorId as string;
      const seen = (period: string): DocKey => ({ model: 'seen', shopId, id: seenId(period, visitor) });
      return [day(), { model: 'month', shopId, id: date.slice(0, 7) }, seen(date), seen(date.slice(0, 7))];
    }
    case 'LiveSessionStarted':
      return [day()];
    case 'OrderPlaced': {
      const lines = d.lines as { campaignId: string | null }[];
      const campaigns = [...new Set(lines.flatMap((l) => (l.campaignId ? [l.campaignId] : [])))];
      return [day(), order(), ...campaigns.map(campaign)];
    }
    case 'OrderCancelled':
    case 'OrderShipped':
    case 'OrderDelivered':
    case 'OrderCompleted':
      return [order()];
    case 'RefundRequested':
    case 'RefundApproved':
    case 'RefundRejected':
    case 'ReturnReceived':
      return [refund(), order()];
    case 'RefundIssued':
      return [refund(), order(), day()];
    case 'ProductListed':
    case 'ProductApproved':
    case 'ProductIssueFlagged':
    case 'ProductIssueResolved':
    case 'ProductSuspended':
    case 'ProductReinstated':
    case 'ProductDeactivated':
    case 'ProductActivated':
    case 'StockAdjusted':
    case 'StockReserved':
    case 'StockReleased':
    case 'PriceChanged':
      return [{ model: 'product', shopId, id: d.productId as string }];
    case 'CampaignCreated':
    case 'CampaignJoined':
    case 'CampaignWithdrawn':
      return [campaign(d.campaignId as string)];
    default:
      return [];
  }
}

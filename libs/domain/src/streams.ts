/** Stream names, one helper per aggregate. Ids may not contain `/`. */
export const streams = {
  shop: (shopId: string) => `shop-${shopId}`,
  product: (shopId: string, productId: string) => `product-${shopId}/${productId}`,
  order: (shopId: string, orderId: string) => `order-${shopId}/${orderId}`,
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  liveSession: (shopId: string, sessionId: string) => `live-${shopId}/${sessionId}`,
  visits: (shopId: string) => `visits-${shopId}`,
};

/** What a stream's name starts with: one per kind of stream, each with its own fold. */
export const STREAM_CATEGORIES = ['shop', 'product', 'order', 'campaign', 'live', 'visits'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

/**
 * The category of a stream: what comes before its first `-`.
 * @throws Error when the name is not one of the seller center's streams.
 */
export function categoryOf(stream: string): StreamCategory {
  const category = stream.slice(0, stream.indexOf('-'));
  if ((STREAM_CATEGORIES as readonly string[]).includes(category)) return category as StreamCategory;
  throw new Error(`not a seller-center stream: ${stream}`);
}

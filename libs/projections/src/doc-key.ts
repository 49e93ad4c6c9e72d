/** Every model, for whatever must visit them all (a generation's tables, the specs). */
export const MODELS = [
  'shop',
  'day',
  'month',
  'seen',
  'buyer',
  'order',
  'refund',
  'product',
  'campaign',
  'performance-day',
  'performance-order',
  'performance-request',
  'live-session',
  'live-end',
  'live-minute',
  'live-order',
] as const;

/** Read models are small JSON documents, one per (model, shop, id). Campaigns use the shop `*`. */
export type Model = (typeof MODELS)[number];

export interface DocKey {
  model: Model;
  shopId: string;
  id: string;
}

export const keyOf = ({ model, shopId, id }: DocKey) => `${model}\u0000${shopId}\u0000${id}`;

export function parseKey(key: string): DocKey {
  const [model, shopId, id] = key.split('\u0000') as [Model, string, string];
  return { model, shopId, id };
}

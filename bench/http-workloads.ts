// The requests `npm run bench:http` sends: the command mix on one shop, and the mixed read/write
// load over many shops (issue 17's: 40 % visits, 30 % orders, 10 % price changes, 20 % reads).
export interface Keys {
  platform: string;
  buyer: string;
  system: string;
  sellers: string[];
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  key: string;
  body?: object;
}

export const PRODUCTS = 50;

const visit = (keys: Keys, id: number, shop: number): Request => ({
  method: 'POST',
  path: '/v1/commands',
  key: keys.system,
  body: {
    commandId: `v-${id}`,
    type: 'RecordVisit',
    shopId: `shop-${shop}`,
    payload: { visitorId: `visitor-${id % 5000}`, productId: `p-${id % PRODUCTS}` },
  },
});

const order = (keys: Keys, id: number, shop: number): Request => ({
  method: 'POST',
  path: '/v1/commands',
  key: keys.buyer,
  body: {
    commandId: `o-${id}`,
    type: 'PlaceOrder',
    shopId: `shop-${shop}`,
    payload: {
      orderId: `o-${id}`,
      buyerId: `b-${id % 997}`,
      lines: [{ productId: `p-${id % PRODUCTS}`, quantity: 1 }],
      shipTo: { country: 'US', region: 'CA' },
      channel: 'LIVE',
    },
  },
});

/** The command mix of one shop at peak: half visits, four in ten orders, some stock corrections. */
export function commandMix(keys: Keys): (id: number) => Request {
  return (id) => {
    const roll = id % 10;
    if (roll < 5) return visit(keys, id, 0);
    if (roll < 9) return order(keys, id, 0);
    return {
      method: 'POST',
      path: '/v1/commands',
      key: keys.sellers[0]!,
      body: {
        commandId: `s-${id}`,
        type: 'AdjustStock',
        shopId: 'shop-0',
        payload: { productId: `p-${id % PRODUCTS}`, delta: 1 },
      },
    };
  };
}

const READS = ['dashboard', 'orders/stats', 'orders?limit=50', 'returns', 'products'];

/** Reads and writes over `shops` shops: 40 % visits, 30 % orders, 10 % price changes, 20 % reads. */
export function mixedLoad(keys: Keys, shops: number, firstId: number): (n: number) => Request {
  return (n) => {
    const id = firstId + n;
    const shop = id % shops;
    const roll = Math.floor(id / shops) % 10;
    if (roll < 4) return visit(keys, id, shop);
    if (roll < 7) return order(keys, id, shop);
    if (roll < 8)
      return {
        method: 'POST',
        path: '/v1/commands',
        key: keys.sellers[shop]!,
        body: {
          commandId: `c-${id}`,
          type: 'ChangePrice',
          shopId: `shop-${shop}`,
          payload: { productId: `p-${id % PRODUCTS}`, price: 1000 + (id % 500) },
        },
      };
    return {
      method: 'GET',
      path: `/v1/shops/shop-${shop}/${READS[id % READS.length]}`,
      key: keys.sellers[shop]!,
    };
  };
}

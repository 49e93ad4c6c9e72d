import { BLACK_FRIDAY, blackFridayCreated, ev, joinedBlackFriday, line, placed } from '@sce/domain/testkit';
import { documents, stored } from '../testing/history';
import type { CampaignDoc } from './campaign.projection';

const at = '2026-11-27T10:00:00.000Z';
const campaign = async (...events: Parameters<typeof stored>[0][]) =>
  (
    await documents<CampaignDoc>(
      events.map((e) => stored(e, at)),
      'campaign',
    )
  )[BLACK_FRIDAY.campaignId]!;

describe('campaigns', () => {
  it('starts with its windows, no participant and no sales', async () => {
    expect(await campaign(blackFridayCreated())).toEqual({
      ...BLACK_FRIDAY,
      participants: {},
      sales: { orders: 0, units: 0, gmv: 0 },
    });
  });

  it('lists the products a shop joined with, and drops those it withdrew (and the shop with the last)', async () => {
    const joined = [blackFridayCreated(), joinedBlackFriday('p-1', 1500, 5), joinedBlackFriday('p-2', 700, 2)];
    const withdraw = (productIds: string[]) =>
      ev('CampaignWithdrawn', { shopId: 'shop-1', campaignId: BLACK_FRIDAY.campaignId, productIds });
    expect((await campaign(...joined)).participants).toEqual({
      'shop-1': [
        { productId: 'p-1', campaignPrice: 1500, reservedStock: 5 },
        { productId: 'p-2', campaignPrice: 700, reservedStock: 2 },
      ],
    });
    expect((await campaign(...joined, withdraw(['p-1']))).participants['shop-1']).toHaveLength(1);
    expect((await campaign(...joined, withdraw(['p-1', 'p-2']))).participants).toEqual({});
  });

  it('counts the orders, units and GMV sold at campaign prices, once per order', async () => {
    const [order] = placed('o-1', [line('p-1', 2, 1500, 2000), line('p-2', 1, 700, 900), line('p-3', 4, 500)]);
    expect((await campaign(blackFridayCreated(), order!)).sales).toEqual({ orders: 1, units: 3, gmv: 3700 });
  });
});

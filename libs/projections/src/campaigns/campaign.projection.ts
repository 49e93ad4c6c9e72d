import type { DocKey } from '../doc-key';
import { projection, type Projected } from '../projection';

export interface CampaignDoc {
  campaignId: string;
  name: string;
  registrationStartsAt: string;
  registrationEndsAt: string;
  startsAt: string;
  endsAt: string;
  minimumDiscountPercent: number;
  /** shopId → products taking part. */
  participants: Record<string, { productId: string; campaignPrice: number; reservedStock: number }[]>;
  sales: { orders: number; units: number; gmv: number };
}

/** Campaigns are the platform's, across shops: their documents live under the shop `*`. */
export const campaignKey = (campaignId: string): DocKey => ({ model: 'campaign', shopId: '*', id: campaignId });

const handles = ['CampaignCreated', 'CampaignJoined', 'CampaignWithdrawn', 'OrderPlaced'] as const;
type CampaignEvent = (typeof handles)[number];

/** The campaigns an order bought from, each once. */
const campaignsOf = (event: Projected<'OrderPlaced'>) => [
  ...new Set(event.data.lines.flatMap((l) => (l.campaignId ? [l.campaignId] : []))),
];

function evolveCampaign(c: CampaignDoc, event: Projected<Exclude<CampaignEvent, 'CampaignCreated'>>): CampaignDoc {
  switch (event.type) {
    case 'CampaignJoined': {
      const { shopId, products } = event.data;
      return { ...c, participants: { ...c.participants, [shopId]: [...(c.participants[shopId] ?? []), ...products] } };
    }
    case 'CampaignWithdrawn': {
      const { shopId, productIds } = event.data;
      const left = (c.participants[shopId] ?? []).filter((p) => !productIds.includes(p.productId));
      const { [shopId]: _gone, ...others } = c.participants;
      return { ...c, participants: left.length ? { ...others, [shopId]: left } : others };
    }
    case 'OrderPlaced': {
      const sold = event.data.lines.filter((l) => l.campaignId === c.campaignId);
      const { orders, units, gmv } = c.sales;
      return {
        ...c,
        sales: {
          orders: orders + 1,
          units: units + sold.reduce((n, l) => n + l.quantity, 0),
          gmv: gmv + sold.reduce((n, l) => n + l.lineTotal, 0),
        },
      };
    }
  }
}

/** Every campaign: its windows, the shops and products taking part, and the sales at campaign prices. */
export const campaignProjection = projection<{ campaign: CampaignDoc }, CampaignEvent>({
  name: 'campaigns',
  version: 1,
  models: ['campaign'],
  handles,
  documents: (event) =>
    event.type === 'OrderPlaced'
      ? campaignsOf(event).map((id) => ({ campaign: campaignKey(id) }))
      : [{ campaign: campaignKey(event.data.campaignId) }],
  evolve: ({ campaign }, event) => {
    if (event.type === 'CampaignCreated') {
      const d = event.data;
      return {
        campaign: {
          campaignId: d.campaignId,
          name: d.name,
          registrationStartsAt: d.registrationStartsAt,
          registrationEndsAt: d.registrationEndsAt,
          startsAt: d.startsAt,
          endsAt: d.endsAt,
          minimumDiscountPercent: d.minimumDiscountPercent,
          participants: {},
          sales: { orders: 0, units: 0, gmv: 0 },
        },
      };
    }
    return campaign ? { campaign: evolveCampaign(campaign, event) } : {};
  },
});

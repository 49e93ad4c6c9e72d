import type { Campaign, CampaignOfShop, Dashboard, Products, Returns, ToShip } from '../api/types';
import { lastDays } from '../lib/dates';
import { count, instant } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';
import { Loaded, Section } from '../ui/common';
import { useShop } from '../ui/shop';
import { DashboardFigures } from './home-figures';

/** The seller's dashboard: today against yesterday, the last 30 local days, what needs doing and the campaigns. */
export function HomePage() {
  const { api, shopId, today, currency } = useShop();
  const base = `/v1/shops/${encodeURIComponent(shopId)}`;
  const dashboard = useResource(() => api.get<Dashboard>(`${base}/dashboard`, lastDays(today, 30)), [base, today]);
  const actions = useResource(async () => {
    const [toShip, returns, products] = await Promise.all([
      api.get<ToShip>(`${base}/orders/to-ship`, { limit: 1 }),
      api.get<Returns>(`${base}/returns`, lastDays(today, 30)),
      api.get<Products>(`${base}/products`),
    ]);
    return {
      toShip: toShip.total,
      overdue: toShip.overdue,
      pending: returns.pending,
      cancellations: returns.pendingCancellations.length,
      counts: products.counts,
    };
  }, [base, today]);
  const campaigns = useResource(() => api.get<Campaign[]>('/v1/campaigns'), []);

  return (
    <>
      <h1>Home</h1>
      <Loaded resource={dashboard}>{(d) => <DashboardFigures dashboard={d} currency={currency} />}</Loaded>
      <Section title="Action items" id="action-items">
        <Loaded resource={actions}>
          {(a) => {
            const decide = a.pending.filter((r) => r.awaiting === 'DECISION').length;
            const items = [
              { id: 'to-ship', label: 'Orders to ship', count: a.toShip, page: 'orders' as const },
              { id: 'overdue', label: 'Orders past their ship-by', count: a.overdue, page: 'orders' as const },
              {
                id: 'cancellations',
                label: 'Cancellation requests to answer',
                count: a.cancellations,
                page: 'returns' as const,
              },
              { id: 'returns-decide', label: 'Returns awaiting a decision', count: decide, page: 'returns' as const },
              {
                id: 'returns-refund',
                label: 'Returns received, awaiting the refund',
                count: a.pending.length - decide,
                page: 'returns' as const,
              },
              { id: 'issues', label: 'Products with issues', count: a.counts.ISSUES, page: 'products' as const },
              { id: 'suspended', label: 'Suspended products', count: a.counts.SUSPENDED, page: 'products' as const },
            ];
            return (
              <ul class="action-items">
                {items.map((item) => (
                  <li key={item.id} data-action={item.id}>
                    <a href={href({ shopId, page: item.page })}>
                      <span class="value" data-value={item.count}>
                        {count(item.count)}
                      </span>
                      <span class="label">{item.label}</span>
                    </a>
                  </li>
                ))}
              </ul>
            );
          }}
        </Loaded>
      </Section>
      <Section title="Campaigns" id="home-campaigns">
        <Loaded resource={dashboard}>
          {(d) => (
            <CampaignList
              shopId={shopId}
              ongoing={d.campaigns.ongoing}
              upcoming={d.campaigns.upcoming}
              all={campaigns.data}
            />
          )}
        </Loaded>
      </Section>
    </>
  );
}

function CampaignList({
  shopId,
  ongoing,
  upcoming,
  all,
}: {
  shopId: string;
  ongoing: CampaignOfShop[];
  upcoming: CampaignOfShop[];
  all?: Campaign[];
}) {
  const { timeZone } = useShop();
  const rows = [
    ...ongoing.map((c) => ({ ...c, when: 'Ongoing' })),
    ...upcoming.map((c) => ({ ...c, when: 'Upcoming' })),
  ];
  if (!rows.length) return <p class="muted">No ongoing or upcoming campaigns.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Campaign</th>
          <th scope="col">When</th>
          <th scope="col">Runs</th>
          <th scope="col">Your products</th>
          <th scope="col">
            <span class="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const open = all?.find((x) => x.campaignId === c.campaignId)?.state === 'REGISTRATION_OPEN';
          return (
            <tr key={c.campaignId} data-campaign={c.campaignId}>
              <th scope="row">{c.name}</th>
              <td>{c.when}</td>
              <td>
                {instant(c.startsAt, timeZone)} – {instant(c.endsAt, timeZone)}
              </td>
              <td>{c.joined ? `Joined with ${c.products}` : 'Not joined'}</td>
              <td>
                {open && (
                  <a class="button" href={href({ shopId, page: 'campaigns', id: c.campaignId })}>
                    {c.joined ? 'Add products' : 'Join'}
                    <span class="visually-hidden"> {c.name}</span>
                  </a>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import type { Campaign, CampaignOfShop, Dashboard, Figures, Products, Returns, ToShip } from '../api/types';
import { lastDays } from '../lib/dates';
import { count, day, instant, money, percent } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';
import { DailyChart } from '../ui/chart';
import { Loaded, Section } from '../ui/common';
import { useShop } from '../ui/shop';

type Figure = keyof Figures;

/**
 * The seller's dashboard: today against yesterday, the last 30 local days, what needs doing and
 * the campaigns. Conversion rate, GMV by channel, overdue orders and cancellation requests join
 * FIGURES and the action items when the read routes carry them.
 */
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

  const asMoney = (v: number) => money(v, currency);
  const FIGURES: { id: Figure; label: string; format: (v: number) => string }[] = [
    { id: 'visitors', label: 'Visitors', format: count },
    { id: 'orders', label: 'Orders', format: count },
    { id: 'itemsSold', label: 'Items sold', format: count },
    { id: 'gmv', label: 'GMV', format: asMoney },
    { id: 'liveSessions', label: 'LIVE sessions', format: count },
    { id: 'refunds', label: 'Refunded', format: asMoney },
  ];

  return (
    <>
      <h1>Home</h1>
      <Loaded resource={dashboard}>
        {(d) => {
          const now = d.days[d.days.length - 1]!;
          const before = d.days[d.days.length - 2]!;
          return (
            <>
              <Section title={`Today, ${day(now.date)}`} id="today">
                <ul class="figures">
                  {FIGURES.map((f) => (
                    <li key={f.id} class="figure" data-figure={f.id}>
                      <span class="label">{f.label}</span>
                      <span class="value" data-day="today" data-value={now[f.id]}>
                        {f.format(now[f.id])}
                      </span>
                      <span class="compare">
                        Yesterday{' '}
                        <span data-day="yesterday" data-value={before[f.id]}>
                          {f.format(before[f.id])}
                        </span>
                        <Change now={now[f.id]} before={before[f.id]} />
                      </span>
                    </li>
                  ))}
                </ul>
              </Section>
              <Section title="Last 30 days" id="trend">
                <div class="charts">
                  {FIGURES.slice(0, 4).map((f) => (
                    <DailyChart
                      key={f.id}
                      title={f.label}
                      dates={d.days.map((x) => x.date)}
                      values={d.days.map((x) => x[f.id])}
                      format={f.format}
                      bars={f.id !== 'gmv'}
                    />
                  ))}
                </div>
              </Section>
            </>
          );
        }}
      </Loaded>
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

function Change({ now, before }: { now: number; before: number }) {
  if (now === before) return <span class="change">no change</span>;
  if (before === 0) return <span class="change up">new</span>;
  const share = (now - before) / before;
  return <span class={`change ${share > 0 ? 'up' : 'down'}`}>{`${share > 0 ? '+' : ''}${percent(share)}`}</span>;
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

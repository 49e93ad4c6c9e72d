import { CHANNELS, type Channel, type Dashboard, type Figures } from '../api/types';
import { count, day, money, percent, words } from '../lib/format';
import { DailyChart } from '../ui/chart';
import { Section } from '../ui/common';

type Figure = Exclude<keyof Figures, 'gmvByChannel'>;
type Day = Dashboard['days'][number];

interface FigureSpec {
  id: Figure;
  label: string;
  format: (v: number) => string;
  chart?: boolean;
}

/** The home page's figures, in the order TikTok Shop's own analytics lead with them. */
function figureSpecs(currency: string | undefined): FigureSpec[] {
  const asMoney = (v: number) => money(v, currency);
  return [
    { id: 'visitors', label: 'Visitors', format: count, chart: true },
    { id: 'buyers', label: 'Buyers', format: count },
    { id: 'conversionRate', label: 'Conversion rate', format: percent },
    { id: 'orders', label: 'Orders', format: count, chart: true },
    { id: 'itemsSold', label: 'Items sold', format: count, chart: true },
    { id: 'gmv', label: 'GMV', format: asMoney, chart: true },
    { id: 'avgOrderValue', label: 'Average order value', format: asMoney },
    { id: 'liveSessions', label: 'LIVE sessions', format: count },
    { id: 'refunds', label: 'Refunded', format: asMoney },
  ];
}

/** A ratio with nothing to divide by (no visitors, no orders) reads as a dash, not as zero. */
const shown = (value: number | null, format: (v: number) => string) => (value === null ? '—' : format(value));

/** Today against yesterday, the 30-day charts, and GMV by channel. */
export function DashboardFigures({ dashboard: d, currency }: { dashboard: Dashboard; currency: string | undefined }) {
  const now = d.days[d.days.length - 1]!;
  const before = d.days[d.days.length - 2]!;
  const figures = figureSpecs(currency);
  return (
    <>
      <Section title={`Today, ${day(now.date)}`} id="today">
        <ul class="figures">
          {figures.map((f) => (
            <li key={f.id} class="figure" data-figure={f.id}>
              <span class="label">{f.label}</span>
              <span class="value" data-day="today" data-value={now[f.id] ?? ''}>
                {shown(now[f.id], f.format)}
              </span>
              <span class="compare">
                Yesterday{' '}
                <span data-day="yesterday" data-value={before[f.id] ?? ''}>
                  {shown(before[f.id], f.format)}
                </span>
                <Change now={now[f.id]} before={before[f.id]} />
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Last 30 days" id="trend">
        <div class="charts">
          {figures
            .filter((f) => f.chart)
            .map((f) => (
              <DailyChart
                key={f.id}
                title={f.label}
                dates={d.days.map((x) => x.date)}
                values={d.days.map((x) => x[f.id] ?? 0)}
                format={f.format}
                bars={f.id !== 'gmv'}
              />
            ))}
        </div>
      </Section>
      <Section title="GMV by channel" id="channels">
        <ChannelTable today={now} totals={d.totals} format={(v) => money(v, currency)} />
      </Section>
    </>
  );
}

function ChannelTable({ today, totals, format }: { today: Day; totals: Figures; format: (v: number) => string }) {
  const share = (channel: Channel) => (totals.gmv ? percent(totals.gmvByChannel[channel] / totals.gmv) : '—');
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Today</th>
          <th scope="col">Last 30 days</th>
          <th scope="col">Share of 30 days</th>
        </tr>
      </thead>
      <tbody>
        {CHANNELS.map((channel) => (
          <tr key={channel} data-channel={channel}>
            <th scope="row">{channel === 'LIVE' ? 'LIVE' : words(channel)}</th>
            <td data-day="today" data-value={today.gmvByChannel[channel]}>
              {format(today.gmvByChannel[channel])}
            </td>
            <td data-day="range" data-value={totals.gmvByChannel[channel]}>
              {format(totals.gmvByChannel[channel])}
            </td>
            <td>{share(channel)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Change({ now, before }: { now: number | null; before: number | null }) {
  if (now === null || before === null) return null;
  if (now === before) return <span class="change">no change</span>;
  if (before === 0) return <span class="change up">new</span>;
  const change = (now - before) / before;
  return <span class={`change ${change > 0 ? 'up' : 'down'}`}>{`${change > 0 ? '+' : ''}${percent(change)}`}</span>;
}

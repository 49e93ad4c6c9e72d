import { useState } from 'preact/hooks';
import { ORDER_STATUSES, type OrderList, type OrderStats, type OrderSummary } from '../api/types';
import { lastDays } from '../lib/dates';
import { count, day, money, month, words } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';
import { DailyChart } from '../ui/chart';
import { Loaded, Section, Tabs } from '../ui/common';
import { useShop } from '../ui/shop';
import { ToShipQueue } from './to-ship';

export const PERIODS = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
];

/** The to-ship queue by deadline, then the orders placed in a period: tabs by status with counts, per day and month. */
export function OrdersPage() {
  const { api, shopId, today } = useShop();
  const base = `/v1/shops/${encodeURIComponent(shopId)}/orders`;
  const [days, setDays] = useState(30);
  const [tab, setTab] = useState<string>('ALL');
  const range = lastDays(today, days);
  const stats = useResource(() => api.get<OrderStats>(`${base}/stats`, range), [base, range.from, range.to]);
  const list = useResource(
    () => api.get<OrderList>(base, { status: tab === 'ALL' ? undefined : tab, ...range, limit: 100 }),
    [base, tab, range.from, range.to],
  );

  return (
    <>
      <h1>Orders</h1>
      <ToShipQueue />
      <Section title="Orders by status" id="by-status">
        <label class="inline">
          Placed in
          <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {PERIODS.map((p) => (
              <option key={p.days} value={p.days}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <Loaded resource={stats}>
          {(s) => (
            <Tabs
              label="Order status"
              idPrefix="orders"
              selected={tab}
              onSelect={setTab}
              items={[
                { id: 'ALL', label: 'All', count: s.orders },
                ...ORDER_STATUSES.map((status) => ({ id: status, label: words(status), count: s.byStatus[status] })),
              ]}
            />
          )}
        </Loaded>
        {stats.data && (
          <div role="tabpanel" id="orders-panel" aria-labelledby={`orders-tab-${tab}`}>
            <Loaded resource={list}>
              {(l) => (l.orders.length ? <OrderTable orders={l.orders} /> : <p class="muted">No orders.</p>)}
            </Loaded>
          </div>
        )}
      </Section>
      <Loaded resource={stats}>
        {(s) => (
          <>
            <Section title="Orders per day" id="per-day">
              <DailyChart
                title="Orders"
                dates={s.days.map((d) => d.date)}
                values={s.days.map((d) => d.orders)}
                format={count}
                bars
              />
            </Section>
            <Section title="Orders per month" id="per-month">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" class="num">
                      Orders
                    </th>
                    {ORDER_STATUSES.map((status) => (
                      <th key={status} scope="col">
                        {words(status)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.months.map((m) => (
                    <tr key={m.month} data-month={m.month}>
                      <th scope="row">{month(m.month)}</th>
                      <td class="num">{count(m.orders)}</td>
                      {ORDER_STATUSES.map((status) => (
                        <td key={status} class="num">
                          {count(m.byStatus[status])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p class="hint">
                Months are whole calendar months; the days counted are those of the period chosen above.
              </p>
            </Section>
          </>
        )}
      </Loaded>
    </>
  );
}

function OrderTable({ orders }: { orders: OrderSummary[] }) {
  const { shopId } = useShop();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Placed</th>
          <th scope="col">Status</th>
          <th scope="col" class="num">
            Units
          </th>
          <th scope="col" class="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.orderId} data-order={o.orderId}>
            <th scope="row">
              <a href={href({ shopId, page: 'orders', id: o.orderId })}>{o.orderId}</a>
            </th>
            <td>{day(o.placedDate)}</td>
            <td>{words(o.status)}</td>
            <td class="num">{count(o.units)}</td>
            <td class="num">{money(o.total, o.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

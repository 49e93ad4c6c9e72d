import type { OrderDetail } from '../api/types';
import { count, day, instant, money, words } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';
import { Loaded, Section } from '../ui/common';
import { useShop } from '../ui/shop';
import { CancelForm, ShipForm } from './order-actions';
import { CancellationRequests, Deadlines, Packages } from './order-lifecycle';

/**
 * One order: its lines and prices, the shipping fee, its deadlines, its packages, the buyer's
 * cancellation requests, its history, and shipping (the rest of) it or cancelling it.
 */
/** Ships while nothing or part has shipped, unless the buyer's request to cancel awaits an answer. */
const shippable = (o: OrderDetail) =>
  (o.status === 'AWAITING_SHIPMENT' || o.status === 'PARTIALLY_SHIPPED') &&
  !o.cancellations.some((c) => c.status === 'PENDING');

export function OrderPage({ orderId }: { orderId: string }) {
  const { api, shopId, timeZone } = useShop();
  const order = useResource(
    () => api.get<OrderDetail>(`/v1/shops/${encodeURIComponent(shopId)}/orders/${encodeURIComponent(orderId)}`),
    [shopId, orderId],
  );
  return (
    <>
      <p>
        <a href={href({ shopId, page: 'orders' })}>← Orders</a>
      </p>
      <h1>Order {orderId}</h1>
      <Loaded resource={order}>
        {(o) => (
          <>
            <Section title="Summary" id="summary">
              <dl class="facts">
                <dt>Status</dt>
                <dd data-field="status">{words(o.status)}</dd>
                <dt>Placed</dt>
                <dd>
                  {day(o.placedDate)} ({instant(o.placedAt, timeZone)})
                </dd>
                {o.deliveredAt && (
                  <>
                    <dt>Delivered</dt>
                    <dd>{instant(o.deliveredAt, timeZone)}</dd>
                  </>
                )}
                <dt>Buyer</dt>
                <dd>{o.buyerId}</dd>
                <dt>Channel</dt>
                <dd>{words(o.channel)}</dd>
                <dt>Refunded</dt>
                <dd>{o.refunded ? 'Yes, at least in part' : 'No'}</dd>
                <Deadlines order={o} timeZone={timeZone} />
              </dl>
            </Section>
            <Section title="Lines" id="lines">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col" class="num">
                      Quantity
                    </th>
                    <th scope="col" class="num">
                      Unit price
                    </th>
                    <th scope="col" class="num">
                      Line total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.lines.map((line) => (
                    <tr key={line.productId}>
                      <th scope="row">
                        {line.title} <span class="muted">({line.productId})</span>
                        {line.campaignId && <span class="badge">campaign {line.campaignId}</span>}
                      </th>
                      <td class="num">{count(line.quantity)}</td>
                      <td class="num">{money(line.unitPrice, o.currency)}</td>
                      <td class="num">{money(line.lineTotal, o.currency)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Items
                    </th>
                    <td class="num" data-field="itemsTotal">
                      {money(o.itemsTotal, o.currency)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Shipping fee
                    </th>
                    <td class="num" data-field="shippingFee">
                      {money(o.shippingFee, o.currency)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Total
                    </th>
                    <td class="num" data-field="total">
                      {money(o.total, o.currency)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </Section>
            <Packages order={o} timeZone={timeZone} />
            <CancellationRequests order={o} timeZone={timeZone} />
            {(shippable(o) || o.status === 'AWAITING_SHIPMENT') && (
              <div class="two">
                {shippable(o) && (
                  <Section title={o.status === 'PARTIALLY_SHIPPED' ? 'Ship the rest' : 'Ship'} id="ship">
                    <ShipForm orderId={o.orderId} />
                  </Section>
                )}
                {o.status === 'AWAITING_SHIPMENT' && (
                  <Section title="Cancel" id="cancel">
                    <CancelForm orderId={o.orderId} />
                  </Section>
                )}
              </div>
            )}
            <Section title="History" id="history">
              <ol class="history">
                {o.history.map((h) => (
                  <li key={h.position}>
                    <strong>{h.type}</strong> <span>{instant(h.at, timeZone)}</span>{' '}
                    <span class="muted">by {words(h.by)}</span>
                  </li>
                ))}
              </ol>
            </Section>
          </>
        )}
      </Loaded>
    </>
  );
}

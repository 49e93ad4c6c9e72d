import type { ToShip } from '../api/types';
import { count, day, instant, money, words } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';
import { Loaded, Section } from '../ui/common';
import { useShop } from '../ui/shop';
import { ShipForm } from './order-actions';

/**
 * The queue to ship, soonest ship-by first: orders awaiting shipment and partly shipped ones, each
 * with its deadline and marked overdue past it (at the engine's now). An order whose buyer asked to
 * cancel waits for the answer before it ships.
 */
export function ToShipQueue() {
  const { api, shopId, timeZone } = useShop();
  const queue = useResource(
    () => api.get<ToShip>(`/v1/shops/${encodeURIComponent(shopId)}/orders/to-ship`, { limit: 100 }),
    [shopId],
  );
  return (
    <Section title="To ship" id="to-ship">
      <Loaded resource={queue}>
        {(q) => (
          <>
            <p>
              <span class="value" data-count="to-ship" data-value={q.total}>
                {count(q.total)}
              </span>{' '}
              {q.total === 1 ? 'order awaits' : 'orders await'} shipment
              {q.overdue > 0 && (
                <>
                  ,{' '}
                  <strong class="late" data-count="overdue" data-value={q.overdue}>
                    {count(q.overdue)} overdue
                  </strong>
                </>
              )}
              .
            </p>
            {q.orders.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Placed</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="num">
                      Units shipped
                    </th>
                    <th scope="col">Ship by</th>
                    <th scope="col" class="num">
                      Total
                    </th>
                    <th scope="col">Ship</th>
                  </tr>
                </thead>
                <tbody>
                  {q.orders.map((o) => (
                    <tr key={o.orderId} data-order={o.orderId} data-overdue={o.overdue ? 'true' : 'false'}>
                      <th scope="row">
                        <a href={href({ shopId, page: 'orders', id: o.orderId })}>{o.orderId}</a>
                      </th>
                      <td>{day(o.placedDate)}</td>
                      <td>{words(o.status)}</td>
                      <td class="num">
                        {count(o.unitsShipped)} of {count(o.units)}
                      </td>
                      <td data-field="shipBy">
                        {o.shipBy ? instant(o.shipBy, timeZone) : '—'}
                        {o.overdue && <span class="badge overdue">Overdue</span>}
                      </td>
                      <td class="num">{money(o.total, o.currency)}</td>
                      <td>
                        {o.pendingCancellation ? (
                          <a href={href({ shopId, page: 'returns' })}>
                            Cancellation requested: answer by {instant(o.pendingCancellation.respondBy, timeZone)}
                          </a>
                        ) : (
                          <ShipForm orderId={o.orderId} compact />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}

import type { PendingCancellation } from '../api/types';
import { count, instant } from '../lib/format';
import { href } from '../lib/route';
import { Section } from '../ui/common';
import { useShop } from '../ui/shop';
import { CancellationAnswer } from './order-actions';

/** Buyers' requests to cancel an order, awaiting the seller: each approved by the system at its deadline. */
export function PendingCancellations({ requests }: { requests: PendingCancellation[] }) {
  const { shopId, timeZone } = useShop();
  return (
    <Section title="Cancellation requests" id="cancellation-requests">
      <p>
        <span class="value" data-count="cancellations" data-value={requests.length}>
          {count(requests.length)}
        </span>{' '}
        {requests.length === 1 ? 'buyer asks' : 'buyers ask'} to cancel. Unanswered by the deadline, a request is
        approved.
      </p>
      {requests.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Order</th>
              <th scope="col">Reason</th>
              <th scope="col">Asked</th>
              <th scope="col">Answer by</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((c) => (
              <tr key={c.cancellationId} data-cancellation={c.cancellationId}>
                <th scope="row">{c.cancellationId}</th>
                <td>
                  <a href={href({ shopId, page: 'orders', id: c.orderId })}>{c.orderId}</a>
                </td>
                <td>{c.reason}</td>
                <td>{instant(c.requestedAt, timeZone)}</td>
                <td data-field="respondBy">
                  {instant(c.respondBy, timeZone)}
                  {c.overdue && <span class="badge overdue">Overdue</span>}
                </td>
                <td>
                  <CancellationAnswer orderId={c.orderId} cancellationId={c.cancellationId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

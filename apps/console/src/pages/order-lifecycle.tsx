import type { OrderDetail } from '../api/types';
import { count, instant, words } from '../lib/format';
import { Section } from '../ui/common';
import { CancellationAnswer } from './order-actions';

/**
 * The order's deadlines as recorded when it was placed and delivered, and how it ended if cancelled.
 * The auto-cancel shows only while nothing has shipped: a partly shipped order is never cancelled.
 */
export function Deadlines({ order: o, timeZone }: { order: OrderDetail; timeZone: string | undefined }) {
  return (
    <>
      {o.shipBy && (
        <>
          <dt>Ship by</dt>
          <dd data-field="shipBy">
            {instant(o.shipBy, timeZone)}
            {o.shippedLate && <span class="badge overdue">Shipped late</span>}
          </dd>
        </>
      )}
      {o.autoCancelAt && o.status === 'AWAITING_SHIPMENT' && (
        <>
          <dt>Cancelled by the system</dt>
          <dd>{instant(o.autoCancelAt, timeZone)} if nothing has shipped by then</dd>
        </>
      )}
      {o.completeAt && (
        <>
          <dt>Completes</dt>
          <dd>{instant(o.completeAt, timeZone)}, when its return window ends</dd>
        </>
      )}
      {o.cancelled && (
        <>
          <dt>Cancelled</dt>
          <dd data-field="cancelled">
            {instant(o.cancelled.at, timeZone)} by {words(o.cancelled.by)}: {words(o.cancelled.reason)}
          </dd>
        </>
      )}
    </>
  );
}

/** Each package: what it holds, its carrier and tracking number, when it shipped and arrived. */
export function Packages({ order: o, timeZone }: { order: OrderDetail; timeZone: string | undefined }) {
  const title = (productId: string) => o.lines.find((l) => l.productId === productId)?.title ?? productId;
  return (
    <Section title="Packages" id="packages">
      {o.packages.length === 0 ? (
        <p class="muted">Nothing shipped yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Holds</th>
              <th scope="col">Carrier</th>
              <th scope="col">Shipped</th>
              <th scope="col">Delivered</th>
            </tr>
          </thead>
          <tbody>
            {o.packages.map((p) => (
              <tr key={p.packageId} data-package={p.packageId}>
                <th scope="row">{p.packageId}</th>
                <td>{p.lines.map((l) => `${count(l.quantity)} × ${title(l.productId)}`).join(', ')}</td>
                <td>
                  {words(p.carrier)} <span class="muted">{p.trackingNumber}</span>
                </td>
                <td>
                  {instant(p.shippedAt, timeZone)}
                  {p.late && <span class="badge overdue">Late</span>}
                </td>
                <td data-field="deliveredAt">
                  {p.deliveredAt
                    ? instant(p.deliveredAt, timeZone)
                    : p.autoConfirmAt && `not yet (confirmed ${instant(p.autoConfirmAt, timeZone)} unless before)`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** The buyer's cancellation requests: the pending one to answer by its deadline, and how the others ended. */
export function CancellationRequests({ order: o, timeZone }: { order: OrderDetail; timeZone: string | undefined }) {
  if (o.cancellations.length === 0) return null;
  return (
    <Section title="Cancellation requests" id="cancellations">
      <ul class="history">
        {o.cancellations.map((c) => (
          <li key={c.cancellationId} data-cancellation={c.cancellationId} data-status={c.status}>
            <strong>{c.cancellationId}</strong> “{c.reason}”, asked {instant(c.requestedAt, timeZone)}:{' '}
            {c.status === 'PENDING' ? (
              <>
                answer by {instant(c.respondBy, timeZone)}, else it is approved.
                <CancellationAnswer orderId={o.orderId} cancellationId={c.cancellationId} />
              </>
            ) : (
              <span>
                {words(c.status)}
                {c.answeredBy && ` by ${words(c.answeredBy)}`}
                {c.answeredAt && ` ${instant(c.answeredAt, timeZone)}`}
                {c.automatic && ' (no answer by the deadline)'}
                {c.rejectReason && `: ${c.rejectReason}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

import { useState } from 'preact/hooks';
import { REFUND_STATUSES, type Refund, type Returns } from '../api/types';
import { lastDays } from '../lib/dates';
import { count, day, instant, money, month, percent, words } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';
import { CommandOutcome, useCommand } from '../ui/command';
import { Loaded, Section } from '../ui/common';
import { useShop } from '../ui/shop';
import { PendingCancellations } from './cancellations';
import { PERIODS } from './orders';

/**
 * Returns and refunds: the queue awaiting the seller (a decision, or the refund of a received
 * return, each with its deadline), the buyers' cancellation requests, the figures of a period, and acting on a request by its ids for the approved ones the
 * read route does not list yet (a return on its way back, an approved refund-only).
 */
export function ReturnsPage() {
  const { api, shopId, today, currency, timeZone } = useShop();
  const [days, setDays] = useState(30);
  const range = lastDays(today, days);
  const returns = useResource(
    () => api.get<Returns>(`/v1/shops/${encodeURIComponent(shopId)}/returns`, range),
    [shopId, range.from, range.to],
  );
  return (
    <>
      <h1>Returns</h1>
      <Loaded resource={returns}>
        {(r) => (
          <>
            <Section title="Queue" id="queue">
              <p>
                <span class="value" data-count="pending" data-value={r.pending.length}>
                  {count(r.pending.length)}
                </span>{' '}
                {r.pending.length === 1 ? 'request awaits' : 'requests await'} you.
              </p>
              {r.pending.length > 0 && (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Request</th>
                      <th scope="col">Order</th>
                      <th scope="col">Type</th>
                      <th scope="col" class="num">
                        Amount
                      </th>
                      <th scope="col">Requested</th>
                      <th scope="col">Deadline</th>
                      <th scope="col">Reason</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.pending.map((refund) => (
                      <tr key={refund.refundId} data-refund={refund.refundId}>
                        <th scope="row">{refund.refundId}</th>
                        <td>
                          <a href={href({ shopId, page: 'orders', id: refund.orderId })}>{refund.orderId}</a>
                        </td>
                        <td>{words(refund.refundType)}</td>
                        <td class="num">
                          {money(refund.amount, currency)} ({count(refund.units)} units)
                        </td>
                        <td>{day(refund.requestedDate)}</td>
                        <td data-field="deadline">
                          {deadlineOf(refund) ? instant(deadlineOf(refund)!, timeZone) : '—'}
                          {refund.overdue && <span class="badge overdue">Overdue</span>}
                        </td>
                        <td>{refund.reason}</td>
                        <td>
                          <RefundActions refund={refund} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
            <PendingCancellations requests={r.pendingCancellations} />
            <Section title="Requests by status" id="refund-status">
              <label class="inline">
                Requested in
                <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
                  {PERIODS.map((p) => (
                    <option key={p.days} value={p.days}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </label>
              <ul class="figures">
                {REFUND_STATUSES.map((status) => (
                  <li key={status} class="figure" data-status={status}>
                    <span class="label">{words(status)}</span>
                    <span class="value" data-value={r.byStatus[status]}>
                      {count(r.byStatus[status])}
                    </span>
                  </li>
                ))}
              </ul>
              <dl class="facts">
                <dt>Requests</dt>
                <dd>{count(r.totals.requests)}</dd>
                <dt>Units returned</dt>
                <dd>{count(r.totals.unitsReturned)}</dd>
                <dt>Amount refunded</dt>
                <dd>{money(r.totals.amountRefunded, currency)}</dd>
                <dt>Return rate</dt>
                <dd>
                  {percent(r.returnRate.rate)} ({count(r.returnRate.refundedOrders)} of{' '}
                  {count(r.returnRate.deliveredOrders)} orders delivered {day(r.returnRate.from)} –{' '}
                  {day(r.returnRate.to)} refunded)
                </dd>
              </dl>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" class="num">
                      Requests
                    </th>
                    <th scope="col" class="num">
                      Units returned
                    </th>
                    <th scope="col" class="num">
                      Amount refunded
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{month(m.month)}</th>
                      <td class="num">{count(m.requests)}</td>
                      <td class="num">{count(m.unitsReturned)}</td>
                      <td class="num">{money(m.amountRefunded, currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            <Section title="Act on a request by its ids" id="by-ids">
              <p class="hint">
                Approved requests ({count(r.byStatus.APPROVED)} in this period) are not in the queue: record a return
                that came back, or issue an approved refund, by its order and request ids.
              </p>
              <ByIds />
            </Section>
          </>
        )}
      </Loaded>
    </>
  );
}

/** What the system does at the deadline unless the seller acts first: approve a request, or pay a received return. */
const deadlineOf = (refund: Refund) => (refund.awaiting === 'DECISION' ? refund.respondBy : refund.issueBy);

function RefundActions({ refund }: { refund: Refund }) {
  const [reason, setReason] = useState('');
  const command = useCommand();
  const ids = { orderId: refund.orderId, refundId: refund.refundId };
  if (refund.awaiting === 'REFUND')
    return (
      <div class="inline-form">
        <button type="button" disabled={command.busy} onClick={() => void command.run('IssueRefund', ids)}>
          Issue refund<span class="visually-hidden"> {refund.refundId}</span>
        </button>
        <CommandOutcome command={command} done="Refunded." />
      </div>
    );
  return (
    <div class="inline-form">
      <button type="button" disabled={command.busy} onClick={() => void command.run('ApproveRefund', ids)}>
        Approve<span class="visually-hidden"> {refund.refundId}</span>
      </button>
      <form
        class="inline-form"
        aria-label={`Reject ${refund.refundId}`}
        onSubmit={(event) => {
          event.preventDefault();
          void command.run('RejectRefund', { ...ids, reason: reason.trim() });
        }}
      >
        <label>
          Reason to reject
          <input required maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="submit" class="danger" disabled={command.busy}>
          Reject<span class="visually-hidden"> {refund.refundId}</span>
        </button>
      </form>
      <CommandOutcome command={command} />
    </div>
  );
}

function ByIds() {
  const [orderId, setOrderId] = useState('');
  const [refundId, setRefundId] = useState('');
  const [action, setAction] = useState('ReceiveReturn');
  const command = useCommand();
  return (
    <form
      class="inline-form"
      aria-label="Act on a request by its ids"
      onSubmit={(event) => {
        event.preventDefault();
        void command.run(action, { orderId: orderId.trim(), refundId: refundId.trim() });
      }}
    >
      <label>
        Order ID
        <input required value={orderId} onInput={(e) => setOrderId(e.currentTarget.value)} />
      </label>
      <label>
        Request ID
        <input required value={refundId} onInput={(e) => setRefundId(e.currentTarget.value)} />
      </label>
      <label>
        Action
        <select value={action} onChange={(e) => setAction(e.currentTarget.value)}>
          <option value="ReceiveReturn">The return came back</option>
          <option value="IssueRefund">Issue the refund</option>
        </select>
      </label>
      <button type="submit" disabled={command.busy}>
        Send
      </button>
      <CommandOutcome command={command} />
    </form>
  );
}

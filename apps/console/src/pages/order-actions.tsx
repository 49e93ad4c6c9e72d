import { useState } from 'preact/hooks';
import { CARRIERS } from '../lib/carriers';
import { CommandOutcome, useCommand } from '../ui/command';

/** Ship an order: carrier and tracking number (`ShipOrder`). */
export function ShipForm({ orderId, compact = false }: { orderId: string; compact?: boolean }) {
  const [carrier, setCarrier] = useState<string>(CARRIERS[0].code);
  const [tracking, setTracking] = useState('');
  const command = useCommand();
  return (
    <form
      class={compact ? 'inline-form' : 'stack-form'}
      aria-label={`Ship order ${orderId}`}
      onSubmit={(event) => {
        event.preventDefault();
        void command.run('ShipOrder', { orderId, carrier, trackingNumber: tracking.trim() });
      }}
    >
      <label>
        Carrier
        <select value={carrier} onChange={(e) => setCarrier(e.currentTarget.value)}>
          {CARRIERS.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tracking number
        <input required maxLength={100} value={tracking} onInput={(e) => setTracking(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={command.busy}>
        Ship<span class="visually-hidden"> order {orderId}</span>
      </button>
      <CommandOutcome command={command} done={`Order ${orderId} shipped.`} />
    </form>
  );
}

/** Cancel an order before it ships (`CancelOrder`, a seller cancellation). */
export function CancelForm({ orderId }: { orderId: string }) {
  const [reason, setReason] = useState('');
  const command = useCommand();
  return (
    <form
      class="stack-form"
      aria-label={`Cancel order ${orderId}`}
      onSubmit={(event) => {
        event.preventDefault();
        void command.run('CancelOrder', { orderId, reason: reason.trim() });
      }}
    >
      <label>
        Reason
        <input required maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit" class="danger" disabled={command.busy}>
        Cancel order
      </button>
      <CommandOutcome command={command} done={`Order ${orderId} cancelled.`} />
    </form>
  );
}

/** Answer a buyer's cancellation request: approve (the order is cancelled) or reject with a reason. */
export function CancellationAnswer({ orderId, cancellationId }: { orderId: string; cancellationId: string }) {
  const [reason, setReason] = useState('');
  const command = useCommand();
  const ids = { orderId, cancellationId };
  return (
    <div class="inline-form">
      <button type="button" disabled={command.busy} onClick={() => void command.run('ApproveCancellation', ids)}>
        Approve<span class="visually-hidden"> cancellation {cancellationId}</span>
      </button>
      <form
        class="inline-form"
        aria-label={`Reject cancellation ${cancellationId}`}
        onSubmit={(event) => {
          event.preventDefault();
          void command.run('RejectCancellation', { ...ids, reason: reason.trim() });
        }}
      >
        <label>
          Reason to reject
          <input required maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="submit" class="danger" disabled={command.busy}>
          Reject<span class="visually-hidden"> cancellation {cancellationId}</span>
        </button>
      </form>
      <CommandOutcome command={command} done="Answered." />
    </div>
  );
}

import type { DomainEvent } from '../messages';
import { hoursAfter } from '../shared/time';
import { LIFECYCLE, RETURN_NOT_RECEIVED, SHIPPING_OVERDUE } from './policies';

/** The kinds of timer the lifecycle arms; each sends one SYSTEM command when its deadline passes. */
export const TIMER_KINDS = [
  'auto-cancel',
  'auto-complete',
  'refund-auto-approve',
  'refund-auto-issue',
  'return-not-sent-back',
  'cancellation-auto-approve',
  'auto-confirm',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** What a timer sends: a command without its metadata (the SYSTEM, at the deadline). */
export interface TimerCommand {
  type: string;
  shopId: string;
  payload: Record<string, unknown>;
}

/**
 * A deadline and the command it sends. The subject is `<shopId>/<orderId>[/<packageId|refundId|cancellationId>]`:
 * ids are unique per shop (and a package, refund or cancellation per order), and never contain `/`.
 */
export interface Timer {
  kind: TimerKind;
  subject: string;
  /** Canonical UTC. */
  deadline: string;
  command: TimerCommand;
  /**
   * Re-armed rather than armed: the deadline is at least that of the first timer of this kind and
   * subject, and nothing is armed when there was none (an auto-complete waits for the delivery).
   */
  rearm?: true;
}

/** A subject whose pending timer of `kind` is done: what it waited for happened. */
export interface TimerEnd {
  kind: TimerKind;
  subject: string;
}

/** What an event does to the timers: those it arms, those it ends. */
export interface TimerChanges {
  arm: Timer[];
  end: TimerEnd[];
}

/** The id of the command a timer sends: the same timer always sends the same command, a re-armed one a new one. */
export const timerCommandId = (t: Pick<Timer, 'kind' | 'subject' | 'deadline'>) =>
  `timer:${t.kind}:${t.subject}:${t.deadline}`;

/** The actor id of the SYSTEM when a timer of `kind` sends its command. */
export const timerActorId = (kind: TimerKind) => `timer:${kind}`;

const none: TimerChanges = { arm: [], end: [] };

/**
 * The timers an event arms and ends, from the event alone: its deadlines were decided with it.
 * `occurredAt` is the event's business time (an auto-complete waiting on a refund is re-armed then).
 */
export function timerChanges(event: DomainEvent, occurredAt: string): TimerChanges {
  if (!('orderId' in event.data)) return none;
  const { shopId, orderId } = event.data;
  const order = `${shopId}/${orderId}`;
  const send = (type: string, payload: Record<string, unknown>) => ({ type, shopId, payload: { orderId, ...payload } });
  switch (event.type) {
    case 'OrderPlaced': {
      // Orders placed before deadlines existed have no shipBy: no deadline was decided for them.
      if (!(event.data as { shipBy?: string }).shipBy) return none;
      const deadline = hoursAfter(event.data.shipBy, LIFECYCLE.shipByGraceHours);
      return {
        arm: [
          { kind: 'auto-cancel', subject: order, deadline, command: send('CancelOrder', { reason: SHIPPING_OVERDUE }) },
        ],
        end: [],
      };
    }
    case 'PackageShipped': {
      const { packageId, autoConfirmAt } = event.data;
      const arm: Timer[] = [
        {
          kind: 'auto-confirm',
          subject: `${order}/${packageId}`,
          deadline: autoConfirmAt,
          command: send('ConfirmDelivery', { packageId }),
        },
      ];
      return { arm, end: [{ kind: 'auto-cancel', subject: order }] };
    }
    case 'PackageDelivered':
      return { arm: [], end: [{ kind: 'auto-confirm', subject: `${order}/${event.data.packageId}` }] };
    case 'OrderDelivered': {
      const { completeAt } = event.data;
      if (!completeAt) return none;
      return {
        arm: [{ kind: 'auto-complete', subject: order, deadline: completeAt, command: send('CompleteOrder', {}) }],
        end: [],
      };
    }
    case 'OrderCancelled':
      return { arm: [], end: [{ kind: 'auto-cancel', subject: order }] };
    case 'OrderCompleted':
      return { arm: [], end: [{ kind: 'auto-complete', subject: order }] };
    case 'CancellationRequested': {
      const { cancellationId, respondBy } = event.data;
      const subject = `${order}/${cancellationId}`;
      const command = send('ApproveCancellation', { cancellationId });
      return { arm: [{ kind: 'cancellation-auto-approve', subject, deadline: respondBy, command }], end: [] };
    }
    case 'CancellationApproved':
    case 'CancellationRejected':
      return {
        arm: [],
        end: [{ kind: 'cancellation-auto-approve', subject: `${order}/${event.data.cancellationId}` }],
      };
    default:
      return refundTimerChanges(event, order, send, occurredAt);
  }
}

function refundTimerChanges(
  event: DomainEvent,
  order: string,
  send: (type: string, payload: Record<string, unknown>) => TimerCommand,
  occurredAt: string,
): TimerChanges {
  if (!('refundId' in event.data) || !('orderId' in event.data)) return none;
  const { refundId } = event.data;
  const subject = `${order}/${refundId}`;
  const issue = (deadline: string | undefined): Timer[] =>
    deadline ? [{ kind: 'refund-auto-issue', subject, deadline, command: send('IssueRefund', { refundId }) }] : [];
  // The last open refund closing lets the order complete: no earlier than its first auto-complete.
  const complete: Timer = {
    kind: 'auto-complete',
    subject: order,
    deadline: occurredAt,
    command: send('CompleteOrder', {}),
    rearm: true,
  };
  switch (event.type) {
    case 'RefundRequested': {
      const { respondBy } = event.data;
      const command = send('ApproveRefund', { refundId });
      return {
        arm: respondBy ? [{ kind: 'refund-auto-approve', subject, deadline: respondBy, command }] : [],
        end: [],
      };
    }
    case 'RefundApproved': {
      const { issueBy, returnBy } = event.data;
      const reject = send('RejectRefund', { refundId, reason: RETURN_NOT_RECEIVED });
      const giveUp: Timer[] = returnBy
        ? [{ kind: 'return-not-sent-back', subject, deadline: returnBy, command: reject }]
        : [];
      return { arm: [...issue(issueBy), ...giveUp], end: [{ kind: 'refund-auto-approve', subject }] };
    }
    case 'ReturnReceived':
      return { arm: issue(event.data.issueBy), end: [{ kind: 'return-not-sent-back', subject }] };
    case 'RefundRejected':
      return {
        arm: [complete],
        end: [
          { kind: 'refund-auto-approve', subject },
          { kind: 'return-not-sent-back', subject },
        ],
      };
    case 'RefundIssued':
      return { arm: [complete], end: [{ kind: 'refund-auto-issue', subject }] };
    default:
      return none;
  }
}

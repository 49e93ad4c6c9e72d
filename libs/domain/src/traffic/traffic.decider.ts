import { ensure } from '../shared/domain-error';
import type {
  EndLiveSession,
  LiveSessionEnded,
  LiveSessionStarted,
  LiveSessionState,
  RecordVisit,
  StartLiveSession,
  TrafficEvent,
  VisitRecorded,
} from './traffic.types';

export const initialLiveSessionState = (): LiveSessionState => ({ status: 'NONE' });

export function evolveLiveSession(state: LiveSessionState, event: TrafficEvent): LiveSessionState {
  if (event.type === 'LiveSessionStarted') return { status: 'LIVE' };
  if (event.type === 'LiveSessionEnded') return { status: 'ENDED' };
  return state;
}

/** Visits need no state: the shop existing is the only rule, checked by the caller. */
export function recordVisit(command: RecordVisit): VisitRecorded[] {
  const { visitorId, productId } = command.payload;
  return [{ type: 'VisitRecorded', data: { shopId: command.shopId, visitorId, productId: productId ?? null } }];
}

export function startLiveSession(command: StartLiveSession, state: LiveSessionState): LiveSessionStarted[] {
  const { sessionId, title } = command.payload;
  ensure(state.status === 'NONE', 'live.already-started', `LIVE session ${sessionId} was already started`);
  return [{ type: 'LiveSessionStarted', data: { shopId: command.shopId, sessionId, title: title ?? null } }];
}

export function endLiveSession(command: EndLiveSession, state: LiveSessionState): LiveSessionEnded[] {
  const { sessionId } = command.payload;
  ensure(state.status !== 'NONE', 'live.not-found', `LIVE session ${sessionId} was never started`);
  ensure(state.status === 'LIVE', 'live.already-ended', `LIVE session ${sessionId} has already ended`);
  return [{ type: 'LiveSessionEnded', data: { shopId: command.shopId, sessionId } }];
}

import type { Cmd, Evt } from '../shared/command';

export interface LiveSessionState {
  status: 'NONE' | 'LIVE' | 'ENDED';
}

export type RecordVisit = Cmd<'RecordVisit', { visitorId: string; productId?: string }>;
export type StartLiveSession = Cmd<'StartLiveSession', { sessionId: string; title?: string }>;
export type EndLiveSession = Cmd<'EndLiveSession', { sessionId: string }>;
export type TrafficCommand = RecordVisit | StartLiveSession | EndLiveSession;

/** A visitor opened the shop or one of its product pages. */
export type VisitRecorded = Evt<'VisitRecorded', { shopId: string; visitorId: string; productId: string | null }>;
/** The seller went LIVE. */
export type LiveSessionStarted = Evt<'LiveSessionStarted', { shopId: string; sessionId: string; title: string | null }>;
/** The seller ended a LIVE session. */
export type LiveSessionEnded = Evt<'LiveSessionEnded', { shopId: string; sessionId: string }>;
export type TrafficEvent = VisitRecorded | LiveSessionStarted | LiveSessionEnded;

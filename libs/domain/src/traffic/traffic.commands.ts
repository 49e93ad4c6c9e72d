import { fold, type CommandModule, type EventStreams, type StreamFolds } from '../module';
import { inShop } from '../shop/shop.decider';
import { streams } from '../streams';
import {
  endLiveSession,
  evolveLiveSession,
  initialLiveSessionState,
  recordVisit,
  startLiveSession,
} from './traffic.decider';
import type { TrafficCommand, TrafficEvent } from './traffic.types';

const liveReads = ({ shopId, payload }: { shopId: string; payload: { sessionId: string } }) => [
  streams.shop(shopId),
  streams.liveSession(shopId, payload.sessionId),
];

/** The shop's traffic: visits the system records, LIVE sessions the seller starts and ends. */
export const trafficCommands = {
  RecordVisit: {
    roles: ['SYSTEM'],
    reads: ({ shopId }) => [streams.shop(shopId)],
    decide: inShop((command) => recordVisit(command)),
  },
  StartLiveSession: {
    roles: ['SELLER'],
    reads: liveReads,
    decide: inShop((command, view) => startLiveSession(command, view.liveSession(command.payload.sessionId))),
  },
  EndLiveSession: {
    roles: ['SELLER'],
    reads: liveReads,
    decide: inShop((command, view) => endLiveSession(command, view.liveSession(command.payload.sessionId))),
  },
} satisfies CommandModule<TrafficCommand>;

/** Visits go to the shop's visits stream (written, never read: no decision depends on them); a LIVE session has its own. */
export const trafficEvents = {
  VisitRecorded: (e) => streams.visits(e.data.shopId),
  LiveSessionStarted: (e) => streams.liveSession(e.data.shopId, e.data.sessionId),
  LiveSessionEnded: (e) => streams.liveSession(e.data.shopId, e.data.sessionId),
} satisfies EventStreams<TrafficEvent>;

/** A LIVE session's stream folds to its status; the visits stream folds to nothing. */
export const trafficFolds = {
  live: fold(1, initialLiveSessionState, evolveLiveSession),
  visits: { version: 1, initialState: () => ({}), evolve: (state) => state },
} satisfies StreamFolds;

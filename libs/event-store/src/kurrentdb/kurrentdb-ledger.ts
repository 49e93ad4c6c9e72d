import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { BACKWARDS, END, jsonEvent } from '@kurrent/kurrentdb-client';
import type { CommandOutcome, CommandRecord } from '../event-store.port';

/** The ledger of a command is its own stream; creating it (expected: no stream) is the claim. */
export const ledgerStream = (commandId: string) => `ledger-${commandId}`;

export interface LedgerClaim {
  fingerprint: string;
  /** The outcome when known at claim time (rejections); accepted outcomes follow as a second event. */
  outcome?: CommandOutcome;
  streams: string[];
}

export const claimEvent = (claim: LedgerClaim) => jsonEvent({ type: 'CommandClaimed', data: { ...claim } });
export const outcomeEvent = (outcome: CommandOutcome) => jsonEvent({ type: 'CommandOutcome', data: { ...outcome } });

/**
 * Reads a command's record. If the process died between the atomic claim and writing the outcome,
 * the outcome is rebuilt from the claimed streams' events that carry this command id.
 */
export async function readLedger(client: KurrentDBClient, commandId: string): Promise<CommandRecord | null> {
  const recorded: { type: string; data: unknown }[] = [];
  try {
    for await (const resolved of client.readStream(ledgerStream(commandId), { maxCount: 2 })) {
      if (resolved.event) recorded.push({ type: resolved.event.type, data: resolved.event.data });
    }
  } catch (error) {
    if ((error as { type?: string }).type === 'stream-not-found') return null;
    throw error;
  }
  const claim = recorded[0]?.data as LedgerClaim | undefined;
  if (!claim) return null;
  const written = recorded[1]?.data as CommandOutcome | undefined;
  const outcome = written ?? claim.outcome ?? (await rebuildOutcome(client, commandId, claim.streams));
  return { commandId, fingerprint: claim.fingerprint, outcome };
}

async function rebuildOutcome(client: KurrentDBClient, commandId: string, streams: string[]): Promise<CommandOutcome> {
  const found: { stream: string; revision: number; position: number }[] = [];
  for (const stream of streams) {
    for await (const resolved of client.readStream(stream, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 200,
    })) {
      const e = resolved.event;
      if (e && (e.metadata as { commandId?: string } | undefined)?.commandId === commandId) {
        found.push({ stream, revision: Number(e.revision), position: Number(e.position?.commit ?? 0) });
      }
    }
  }
  const last = new Map<string, number>();
  for (const f of found) last.set(f.stream, Math.max(last.get(f.stream) ?? -1, f.revision));
  return {
    status: 'accepted',
    streams: [...last].map(([stream, revision]) => ({ stream, revision })),
    positions: found.map((f) => f.position).sort((a, b) => a - b),
  };
}

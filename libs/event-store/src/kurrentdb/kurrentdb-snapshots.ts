import { BACKWARDS, END, jsonEvent, type JSONType, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from '../errors';
import type { StoredEvent } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { checkSnapshot, type PartReader, type StoredSnapshot } from '../partial-read';

/** A stream's snapshots live in their own stream, never read as part of the log (readBatch skips them). */
export const snapshotStream = (stream: string) => `snapshot-${stream}`;
export const isSnapshotStream = (stream: string) => stream.startsWith('snapshot-');
/** Snapshots kept per stream (`$maxCount`): enough for a few fold versions side by side. */
const KEPT = 8;

interface SnapshotData {
  revision: number;
  foldVersion: number;
  state: unknown;
}

const notFound = (error: unknown) => (error as { type?: string }).type === 'stream-not-found';

/**
 * Snapshots on KurrentDB: one `Snapshot` event per write in `snapshot-<stream>`, the server keeping
 * the last {@link KEPT}. A read takes the latest one of the fold version asked for.
 */
export class KurrentDbSnapshots implements PartReader {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly readFrom: (stream: string, fromRevision: bigint) => Promise<StoredEvent[]>,
  ) {}

  async write(stream: string, revision: number, foldVersion: number, state: unknown): Promise<void> {
    checkSnapshot(stream, revision, foldVersion);
    const data = { revision, foldVersion, state } as unknown as JSONType;
    try {
      const written = await this.client.appendToStream(snapshotStream(stream), jsonEvent({ type: 'Snapshot', data }));
      if (written.nextExpectedRevision === BigInt(0))
        await this.client.setStreamMetadata(snapshotStream(stream), { maxCount: KEPT });
    } catch (error) {
      throw new StoreUnavailableError(`KurrentDB snapshot write failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async snapshot(stream: string, foldVersion: number): Promise<StoredSnapshot | undefined> {
    let latest: StoredSnapshot | undefined;
    try {
      for await (const resolved of this.client.readStream(snapshotStream(stream), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: KEPT,
      })) {
        const data = resolved.event?.data as Partial<SnapshotData> | undefined;
        if (data?.foldVersion !== foldVersion || !Number.isSafeInteger(data.revision)) continue;
        if (!latest || data.revision! > latest.revision) latest = { revision: data.revision!, state: data.state };
      }
    } catch (error) {
      if (!notFound(error))
        throw new StoreUnavailableError(`KurrentDB read failed: ${(error as Error).message}`, { cause: error });
    }
    return latest;
  }

  eventsAfter(stream: string, revision: number): Promise<StoredEvent[]> {
    return this.readFrom(stream, BigInt(revision + 1));
  }

  async head(stream: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      }))
        if (resolved.event) return Number(resolved.event.revision);
    } catch (error) {
      if (!notFound(error))
        throw new StoreUnavailableError(`KurrentDB read failed: ${(error as Error).message}`, { cause: error });
    }
    return NO_STREAM;
  }
}

import type Database from 'better-sqlite3';
import type { ReadStreamsOptions, StoredEvent, StreamRead } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { readPart, type PartReader, type StoredSnapshot } from '../partial-read';
import { fromEventText } from './event-text';

/**
 * The snapshots table of the embedded store (schema v3), and the reads of a stream past one. A
 * snapshot whose state does not parse is taken as none: the stream is then read whole.
 */
export class SqliteSnapshots implements PartReader {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      find: db.prepare('SELECT revision, state FROM snapshots WHERE stream_id = ? AND fold_version = ?'),
      write: db.prepare(
        `INSERT INTO snapshots (stream_id, fold_version, revision, state, written_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (stream_id, fold_version) DO UPDATE
           SET revision = excluded.revision, state = excluded.state, written_at = excluded.written_at
           WHERE excluded.revision > snapshots.revision`,
      ),
      after: db.prepare('SELECT event FROM events WHERE stream_id = ? AND revision > ? ORDER BY revision').pluck(),
      head: db.prepare('SELECT MAX(revision) FROM events WHERE stream_id = ?').pluck(),
    };
  }

  /** Each stream past its snapshot or `from`, one stream after the other (each a seek or two). */
  async readStreams(streams: readonly string[], options: ReadStreamsOptions): Promise<Map<string, StreamRead>> {
    const reads = new Map<string, StreamRead>();
    for (const stream of streams)
      reads.set(stream, await readPart(this, stream, options.from?.get(stream), options.snapshots?.get(stream)));
    return reads;
  }

  write(stream: string, revision: number, foldVersion: number, state: unknown): void {
    this.q.write.run(stream, foldVersion, revision, JSON.stringify(state), new Date().toISOString());
  }

  async snapshot(stream: string, foldVersion: number): Promise<StoredSnapshot | undefined> {
    const row = this.q.find.get(stream, foldVersion) as { revision: number; state: string } | undefined;
    if (!row) return undefined;
    try {
      return { revision: row.revision, state: JSON.parse(row.state) as unknown };
    } catch {
      return undefined;
    }
  }

  async eventsAfter(stream: string, revision: number): Promise<StoredEvent[]> {
    return (this.q.after.all(stream, revision) as string[]).map(fromEventText);
  }

  async head(stream: string): Promise<number> {
    return (this.q.head.get(stream) as number | null) ?? NO_STREAM;
  }
}

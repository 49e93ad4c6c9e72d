import { byStream, type ReadStreamsOptions, type StreamRead } from '../event-store.port';
import { readsPart } from '../partial-read';
import { fromRawRow } from '../sql-rows';

/**
 * Rows come as arrays in `fromRawRow`'s order, the time already as ISO text: pg's parsing of a
 * timestamptz into a Date (then back to text) cost a third of a full-log read.
 */
export const eventColumns = (alias = '') => {
  const a = alias ? `${alias}.` : '';
  return `${a}position, ${a}event_id, ${a}stream_id, ${a}revision, ${a}type, ${a}data, ${a}metadata,
    to_char(${a}recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
};

/**
 * Each stream asked for (a request: stream, `from`, fold version) past its base: the latest snapshot
 * of that fold version that is later than `from` and not past the stream's revision (kept in
 * `streams`), else `from` if the stream reached it, else the start. One row per request first
 * (kind 0: the stream's revision, the snapshot used, whether `from` was), then its events (kind 1).
 * A join of `events` on the requests let the planner scan the whole table: the lateral read keeps
 * every stream on its index range (postgres-reads.int-spec).
 */
export const PARTS_SQL = `
  WITH req AS (
    SELECT r.i, r.stream_id, r.from_rev, r.fold_version, COALESCE(h.revision, -1) AS head
    FROM unnest($1::text[], $2::bigint[], $3::int[]) WITH ORDINALITY AS r(stream_id, from_rev, fold_version, i)
    LEFT JOIN streams h ON h.stream_id = r.stream_id
  ), base AS (
    SELECT q.i, q.stream_id, q.head, s.revision AS snap_rev, s.state,
           s.revision IS NULL AND q.from_rev <= q.head AS from_used,
           COALESCE(s.revision, CASE WHEN q.from_rev <= q.head THEN q.from_rev END, -1) AS after
    FROM req q
    LEFT JOIN snapshots s ON s.stream_id = q.stream_id AND s.fold_version = q.fold_version
      AND s.revision > COALESCE(q.from_rev, -1) AND s.revision <= q.head
  )
  SELECT i, 0 AS kind, head, snap_rev, from_used, state,
         NULL::bigint, NULL::uuid, NULL::text, NULL::bigint, NULL::text, NULL::jsonb, NULL::jsonb, NULL::text
  FROM base
  UNION ALL
  SELECT b.i, 1, NULL, NULL, NULL, NULL, e.*
  FROM base b CROSS JOIN LATERAL ( -- per stream, a range of the (stream_id, revision) index
    SELECT ${eventColumns()} FROM events WHERE stream_id = b.stream_id AND revision > b.after
    ORDER BY revision OFFSET 0 -- not pulled up into a join (which could hash the whole table)
  ) e
  ORDER BY 1, 2, 10`;

interface PendingRead {
  streams: readonly string[];
  options?: ReadStreamsOptions;
  resolve: (reads: Map<string, StreamRead>) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads asked for while one is being prepared go as one query: at 32 concurrent commands that is
 * one round trip and one plan instead of 32 (ADR 5). Each caller still gets a consistent snapshot.
 */
export class PostgresStreamReads {
  private pending: PendingRead[] = [];

  constructor(private readonly rows: (sql: string, values: unknown[], name?: string) => Promise<unknown[][]>) {}

  read(streams: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, StreamRead>> {
    return new Promise((resolve, reject) => {
      this.pending.push({ streams, options, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.readPending());
    });
  }

  private async readPending(): Promise<void> {
    const reads = this.pending.splice(0);
    try {
      if (reads.some((r) => readsPart(r.options))) await this.readParts(reads);
      else await this.readWhole(reads);
    } catch (error) {
      for (const read of reads) read.reject(error);
    }
  }

  private async readWhole(reads: PendingRead[]): Promise<void> {
    const streams = [...new Set(reads.flatMap((r) => r.streams))];
    const rows = await this.rows(
      `SELECT ${eventColumns()} FROM events WHERE stream_id = ANY($1) ORDER BY stream_id, revision`,
      [streams],
      'sce_read_streams',
    );
    const all = byStream(streams, rows.map(fromRawRow));
    for (const read of reads) read.resolve(new Map(read.streams.map((s) => [s, all.get(s)!])));
  }

  private async readParts(reads: PendingRead[]): Promise<void> {
    const requests = new Map<string, { stream: string; from?: number; foldVersion?: number; index: number }>();
    const keys = reads.map((read) =>
      read.streams.map((stream) => {
        const from = read.options?.from?.get(stream);
        const foldVersion = read.options?.snapshots?.get(stream);
        const key = `${stream}\u0000${from ?? ''}\u0000${foldVersion ?? ''}`;
        if (!requests.has(key)) requests.set(key, { stream, from, foldVersion, index: requests.size + 1 });
        return key;
      }),
    );
    const list = [...requests.values()];
    // Prepared: planning this query took longer than running it on a short stream.
    const rows = await this.rows(
      PARTS_SQL,
      [list.map((r) => r.stream), list.map((r) => r.from ?? null), list.map((r) => r.foldVersion ?? null)],
      'sce_read_stream_parts',
    );
    const parts = new Map<number, StreamRead>();
    for (const row of rows) {
      const index = Number(row[0]);
      if (Number(row[1]) === 1) {
        parts.get(index)!.events.push(fromRawRow(row.slice(6)));
        continue;
      }
      const part: StreamRead = { revision: Number(row[2]), events: [] };
      if (row[3] !== null) part.snapshot = { revision: Number(row[3]), state: row[5] };
      else if (row[4] === true) part.from = list[index - 1]!.from;
      parts.set(index, part);
    }
    reads.forEach((read, r) =>
      read.resolve(new Map(read.streams.map((s, i) => [s, parts.get(requests.get(keys[r]![i]!)!.index)!]))),
    );
  }
}

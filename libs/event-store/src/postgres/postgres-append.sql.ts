/**
 * sce_append(batch, channel): a whole group commit in one call, so one round trip and one
 * transaction. The same rules as `planBatch` (the SQLite store runs that in TypeScript), and the
 * contract suite holds both to them:
 * - lock every stream of the batch in name order (placeholder rows give new streams a row);
 * - per append, in order: a known or repeated command id writes nothing; every expected revision
 *   must match the revisions so far; then its events get the next revisions;
 * - positions from log_head last, so they become visible in commit order (ADR 2).
 * batch: [{ c: commandId|null, f: fingerprint, w: [{ s: stream, x: expected|null, e: [{ t, d, m }] }] }]
 * returns { first, results: [{ streams, offsets } | { conflict } | { dup } | { dupOf }] }
 */
export const SCE_APPEND = `
CREATE OR REPLACE FUNCTION sce_append(batch jsonb, channel text) RETURNS jsonb LANGUAGE plpgsql
-- Every lookup here is by key. Plans are cached per connection, and one made while the tables were
-- small chose sequential scans and kept them as the tables grew: scans are off for this function.
SET enable_seqscan = off
AS $fn$
DECLARE
  names text[];
  -- Revisions as an array aligned with names: element updates happen in place, where a jsonb map
  -- would be rebuilt whole on every change (that alone cost more than all the inserts).
  revs bigint[];
  seen_ids text[] := '{}';
  seen_at int[] := '{}';
  idx int;
  results jsonb[] := '{}';
  ev_stream text[] := '{}'; ev_rev bigint[] := '{}'; ev_id uuid[] := '{}';
  ev_type text[] := '{}'; ev_data jsonb[] := '{}'; ev_meta jsonb[] := '{}';
  ledger int[] := '{}';
  -- Per ledger entry, where its events start in the batch and how many: an append's are contiguous.
  ledger_start int[] := '{}'; ledger_count int[] := '{}'; start_at int;
  changed text[] := '{}';
  known jsonb;
  a jsonb; w jsonb; e jsonb; cid text; cur bigint; conflict jsonb; offs int[]; sts jsonb;
  first_position bigint; n int;
BEGIN
  SELECT array_agg(DISTINCT s ORDER BY s) INTO names
    FROM (SELECT w.value ->> 's' AS s FROM jsonb_array_elements(batch) a, jsonb_array_elements(a.value -> 'w') w) x;
  INSERT INTO streams (stream_id, revision) SELECT s, -1 FROM unnest(names) s ORDER BY s ON CONFLICT DO NOTHING;
  -- Locked and read in one statement, in stream order (so two batches never wait on each other).
  SELECT array_agg(l.stream_id ORDER BY l.stream_id), array_agg(l.revision ORDER BY l.stream_id) INTO names, revs
    FROM (SELECT stream_id, revision FROM streams WHERE stream_id = ANY(names) ORDER BY stream_id FOR UPDATE) l;

  -- One lookup for the whole batch; loops below index into jsonb instead of running queries,
  -- which keeps them on PL/pgSQL's fast expression path.
  SELECT coalesce(jsonb_object_agg(c.command_id, jsonb_build_object('commandId', c.command_id, 'fingerprint', c.fingerprint, 'outcome', c.outcome)), '{}')
    INTO known FROM commands c
    WHERE c.command_id = ANY(ARRAY(SELECT x.value ->> 'c' FROM jsonb_array_elements(batch) x WHERE x.value ->> 'c' IS NOT NULL));

  FOR i IN 0 .. jsonb_array_length(batch) - 1 LOOP
    a := batch -> i;
    cid := a ->> 'c';
    IF cid IS NOT NULL THEN
      idx := array_position(seen_ids, cid);
      IF idx IS NOT NULL THEN results := results || jsonb_build_object('dupOf', seen_at[idx]); CONTINUE; END IF;
      IF known ? cid THEN results := results || jsonb_build_object('dup', known -> cid); CONTINUE; END IF;
    END IF;
    conflict := NULL;
    FOR j IN 0 .. jsonb_array_length(a -> 'w') - 1 LOOP
      w := a -> 'w' -> j;
      cur := revs[array_position(names, w ->> 's')];
      IF jsonb_typeof(w -> 'x') = 'number' AND (w ->> 'x')::bigint <> cur THEN
        conflict := jsonb_build_object('stream', w ->> 's', 'expected', (w ->> 'x')::bigint, 'actual', cur);
        EXIT;
      END IF;
    END LOOP;
    IF conflict IS NOT NULL THEN results := results || jsonb_build_object('conflict', conflict); CONTINUE; END IF;
    offs := '{}';
    sts := '[]';
    start_at := cardinality(ev_stream);
    FOR j IN 0 .. jsonb_array_length(a -> 'w') - 1 LOOP
      w := a -> 'w' -> j;
      idx := array_position(names, w ->> 's');
      cur := revs[idx];
      FOR k IN 0 .. jsonb_array_length(w -> 'e') - 1 LOOP
        e := w -> 'e' -> k;
        cur := cur + 1;
        offs := offs || cardinality(ev_stream);
        ev_stream := ev_stream || (w ->> 's');
        ev_rev := ev_rev || cur;
        ev_id := ev_id || CASE WHEN cid IS NULL THEN gen_random_uuid() ELSE md5(cid || chr(1) || (w ->> 's') || chr(1) || cur)::uuid END;
        ev_type := ev_type || (e ->> 't');
        ev_data := ev_data || (e -> 'd');
        ev_meta := ev_meta || (e -> 'm');
      END LOOP;
      IF cur <> revs[idx] THEN changed := changed || (w ->> 's'); END IF;
      revs[idx] := cur;
      sts := sts || jsonb_build_array(jsonb_build_object('stream', w ->> 's', 'revision', cur));
    END LOOP;
    IF cid IS NOT NULL THEN
      seen_ids := seen_ids || cid;
      seen_at := seen_at || i;
      ledger := ledger || i;
      ledger_start := ledger_start || start_at;
      ledger_count := ledger_count || (cardinality(ev_stream) - start_at);
    END IF;
    results := results || jsonb_build_object('streams', sts, 'offsets', to_jsonb(offs));
  END LOOP;

  n := cardinality(ev_stream);
  IF n = 0 THEN RETURN jsonb_build_object('first', NULL, 'results', to_jsonb(results)); END IF;
  UPDATE streams SET revision = revs[array_position(names, stream_id)] WHERE stream_id = ANY(changed);
  UPDATE log_head SET position = position + n WHERE id = 1 RETURNING position - n + 1 INTO first_position;
  INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata)
    SELECT first_position + u.o - 1, u.id, u.st, u.rv, u.ty, u.da, u.me
    FROM unnest(ev_id, ev_stream, ev_rev, ev_type, ev_data, ev_meta) WITH ORDINALITY AS u(id, st, rv, ty, da, me, o);
  INSERT INTO commands (command_id, fingerprint, outcome)
    SELECT batch -> l.k ->> 'c', batch -> l.k ->> 'f',
           jsonb_build_object('status', 'accepted', 'streams', results[l.k + 1] -> 'streams',
             'positions', to_jsonb(ARRAY(SELECT generate_series(first_position + l.st, first_position + l.st + l.ct - 1))))
    FROM unnest(ledger, ledger_start, ledger_count) AS l(k, st, ct);
  PERFORM pg_notify(channel, (first_position + n - 1)::text);
  RETURN jsonb_build_object('first', first_position, 'results', to_jsonb(results));
END
$fn$;`;

import type { Pool, PoolClient } from 'pg';
import type { Model } from './doc-key';
import { generationOf, generationsInUse, tableOf } from './generation';
import { indexesOf, type Dialect } from './indexed-sql';

/** Fields as text collated "C": they order by bytes, as SQLite does and JS does for ASCII. */
export const POSTGRES: Dialect = {
  field: (name) => `(doc->>'${name}') COLLATE "C"`,
  id: 'id COLLATE "C"',
  bool: (value) => String(value),
  // PostgreSQL's planner weighs the indexes by their statistics.
  unindexed: (expression) => expression,
  param: (n) => `$${n}`,
};

/** A generation's table of documents and its indexes (made again where missing: tables older than them). */
export const docsTable = (table: string) =>
  [
    `CREATE TABLE IF NOT EXISTS ${table} (model text NOT NULL, shop_id text NOT NULL, id text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (model, shop_id, id))`,
    ...indexesOf(POSTGRES, table),
  ].join(';\n');

/** Checkpoints, and which generation serves each model, at which versions, and what is being built. */
export const BOOKKEEPING = `
  CREATE TABLE IF NOT EXISTS checkpoints (projection text PRIMARY KEY, position bigint NOT NULL);
  CREATE TABLE IF NOT EXISTS read_model_routes (model text PRIMARY KEY, generation int NOT NULL);
  CREATE TABLE IF NOT EXISTS read_model_versions (projection text PRIMARY KEY, version int NOT NULL);
  CREATE TABLE IF NOT EXISTS read_model_build (id int PRIMARY KEY CHECK (id = 1), generation int NOT NULL, versions jsonb NOT NULL);`;

export async function readRoutes(db: Pool | PoolClient): Promise<Map<Model, number>> {
  const { rows } = await db.query<{ model: Model; generation: number }>(
    'SELECT model, generation FROM read_model_routes',
  );
  return new Map(rows.map((r) => [r.model, r.generation]));
}

async function generations(client: PoolClient, schema: string): Promise<number[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'read\\_docs%'`,
    [schema],
  );
  return rows.flatMap((r) => generationOf(r.table_name) ?? []);
}

/** Gives every generation's table the indexes declared since it was made. */
export async function indexGenerations(client: PoolClient, schema: string): Promise<void> {
  for (const generation of await generations(client, schema)) await client.query(docsTable(tableOf(generation)));
}

export async function nextGeneration(client: PoolClient, schema: string): Promise<number> {
  const routed = [...(await readRoutes(client)).values()];
  return Math.max(0, ...routed, ...(await generations(client, schema))) + 1;
}

/**
 * DROP TABLE of every generation no model is served from and none builds. It waits for the reads
 * still on such a table; an engine that reads one afterwards routes again (`PostgresDocStore.live`).
 */
export async function dropUnused(client: PoolClient, schema: string): Promise<void> {
  await client.query('LOCK TABLE read_model_build IN EXCLUSIVE MODE');
  const used = generationsInUse(await readRoutes(client));
  const { rows } = await client.query<{ generation: number }>('SELECT generation FROM read_model_build');
  for (const { generation } of rows) used.add(generation);
  for (const generation of await generations(client, schema))
    if (!used.has(generation)) await client.query(`DROP TABLE IF EXISTS ${tableOf(generation)}`);
}

import { CommandHandler } from '@sce/application';
import type { Principal } from '@sce/domain';
import { opening } from '@sce/domain/testkit';
import { SqliteEventStore } from '@sce/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, runCli, type Engine } from './engine-harness';

/** Enough visits that projecting them takes this machine several seconds, whatever its speed. */
const VISITS = 250_000;

/**
 * A data directory whose log holds the domain's opening and `visits` visits to its shop, and no read
 * models yet: the engine starting on it is far behind the log.
 */
export async function dataDirBehindTheLog(visits = VISITS): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sce-e2e-behind-'));
  const store = new SqliteEventStore(join(dataDir, 'events.db'), { synchronous: 'normal' });
  const handler = new CommandHandler(store);
  for (const [i, command] of opening().entries()) {
    const { role } = command.metadata.actor;
    const actor = (role === 'SELLER' ? { role, shopId: command.shopId } : { role }) as Principal;
    await handler.handle(`opening-${i}`, command, actor);
  }
  const start = Date.parse('2026-11-02T00:00:00.000Z');
  for (let done = 0; done < visits; done += 5000) {
    const events = Array.from({ length: 5000 }, (_, k) => ({
      type: 'VisitRecorded',
      data: { shopId: 'shop-1', visitorId: `v-${(done + k) % 4000}`, productId: null },
      metadata: {
        actor: { role: 'SYSTEM', id: 'system-1' },
        occurredAt: new Date(start + (done + k) * 20_000).toISOString(),
      },
    }));
    await store.append([{ stream: 'visits-shop-1', expected: 'any', events }]);
  }
  await store.close();
  return dataDir;
}

/** Removes the read models of `dataDir` (the engine stopped): the next engine starts far behind again. */
export function dropReadModels(dataDir: string): void {
  for (const file of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm'])
    rmSync(join(dataDir, file), { force: true });
}

/** A PLATFORM key made with the CLI: the first key file is gone once an engine has used it. */
export function platformKeyFor(dataDir: string): string {
  const created = runCli(dataDir, 'keys', 'create', '--role', 'PLATFORM', '--name', 'behind the log');
  if (created.status !== 0) throw new Error(`the CLI made no key: ${created.stderr}`);
  return (JSON.parse(created.stdout) as { key: string }).key;
}

export interface Health {
  details: {
    projections: {
      position: number;
      lag: number;
      /** A blue/green build under way: its projections' versions, its position and the live one it must reach. */
      building?: { generation: number; versions: Record<string, number>; position: number; target: number };
    };
    kafka?: { consumer: string; since: string };
  };
}

export const healthOf = async (engine: Engine) => (await client(engine.url).get<Health>('/health')).body.details;

export const lagOf = async (engine: Engine) => (await healthOf(engine)).projections.lag;

export const buildingOf = async (engine: Engine) => (await healthOf(engine)).projections.building;

import { backupSqlite, SqliteEventStore } from '@sce/event-store';
import { READ_MODELS, SqliteDocStore } from '@sce/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backup } from './backup';

const visit = (n: number) => ({
  type: 'VisitRecorded',
  data: { shopId: 'shop-1', visitorId: `v-${n}` },
  metadata: { actor: { role: 'SYSTEM' as const, id: 'system' }, occurredAt: '2026-11-27T10:00:00.000Z' },
});

describe('cli backup', () => {
  it('never copies read models ahead of the log: the engine moves on between the two copies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-cli-backup-'));
    const events = new SqliteEventStore(join(dir, 'events.db'));
    const docs = new SqliteDocStore(join(dir, 'read-models.db'));
    try {
      await events.append([{ stream: 'visits-shop-1', expected: 'any', events: [visit(1)] }]);
      await docs.commit(new Map(), READ_MODELS, 0, 1);
      let projected = 1;
      // Between two files, the running engine appends an event and projects it.
      const copyWhileRunning = async (from: string, to: string) => {
        backupSqlite(from, to);
        projected += 1;
        await events.append([{ stream: 'visits-shop-1', expected: 'any', events: [visit(projected)] }]);
        await docs.commit(new Map(), READ_MODELS, projected - 1, projected);
      };
      const out = join(dir, 'copy');
      const layout = { store: 'sqlite', readModels: 'sqlite', keyStore: 'sqlite', dataDir: dir } as const;
      await backup(layout, out, copyWhileRunning);

      const [copiedLog, copiedDocs] = [
        new SqliteEventStore(join(out, 'events.db')),
        new SqliteDocStore(join(out, 'read-models.db')),
      ];
      expect(await copiedDocs.checkpoint(READ_MODELS)).toBeLessThanOrEqual(await copiedLog.headPosition());
      await Promise.all([copiedLog.close(), copiedDocs.close()]);
    } finally {
      await Promise.all([events.close(), docs.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { SqliteEventStore } from '@sce/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';
import { openEventStore } from './stores';

describe('opening the stores from the configuration', () => {
  it.each(['full', 'normal'] as const)('opens the SQLite log with SCE_SQLITE_SYNCHRONOUS=%s', async (synchronous) => {
    const dir = mkdtempSync(join(tmpdir(), 'sce-runtime-'));
    const store = await openEventStore(loadConfig({ SCE_DATA_DIR: dir, SCE_SQLITE_SYNCHRONOUS: synchronous }));
    try {
      expect(store).toBeInstanceOf(SqliteEventStore);
      expect((store as SqliteEventStore).synchronous).toBe(synchronous);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

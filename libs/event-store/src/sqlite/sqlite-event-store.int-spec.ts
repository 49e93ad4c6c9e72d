import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite event store (contract)', () => {
  eventStoreContract({
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'sce-sqlite-'));
      const file = join(dir, 'events.db');
      return {
        store: new SqliteEventStore(file),
        reopen: async () => new SqliteEventStore(file),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  });
});

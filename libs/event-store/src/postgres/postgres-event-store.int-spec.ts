import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { eventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

describeWith('postgres', 'PostgreSQL event store (contract)', () => {
  eventStoreContract({
    async open() {
      const { schema, drop } = await freshSchema();
      const connect = () => PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema });
      return { store: await connect(), reopen: connect, cleanup: drop };
    },
  });
});

// Appends commands as fast as it can and prints "ack <commandId> <json result>" once each is
// acknowledged. The crash test kills it with SIGKILL at a moment of its choosing.
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { EventStore } from '../event-store.port';

async function open(): Promise<EventStore> {
  const [kind, where, schema] = process.argv.slice(2);
  if (kind === 'sqlite') return new SqliteEventStore(where!);
  return PostgresEventStore.connect({ connectionString: where!, schema: schema! });
}

async function main() {
  const store = await open();
  let next = 0;
  const lane = async (lane: number) => {
    for (;;) {
      const n = next++;
      const commandId = `cmd-${n}`;
      const writes = [
        {
          stream: `order-${lane}-${n}`,
          expected: -1,
          events: [
            {
              type: 'OrderPlaced',
              data: { n },
              metadata: { actor: { role: 'BUYER', id: 'b' }, occurredAt: new Date().toISOString() },
            },
          ],
        },
        {
          stream: `product-${lane % 4}`,
          expected: 'any' as const,
          events: [
            {
              type: 'StockReserved',
              data: { n },
              metadata: { actor: { role: 'BUYER', id: 'b' }, occurredAt: new Date().toISOString() },
            },
          ],
        },
      ];
      const result = await store.appendCommand({ commandId, fingerprint: `fp-${n}`, writes });
      process.stdout.write(`ack ${commandId} ${JSON.stringify(result)}\n`);
    }
  };
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: 16 }, (_, i) => lane(i)));
}

void main();

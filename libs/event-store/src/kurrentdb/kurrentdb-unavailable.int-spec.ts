import { createServer } from 'node:net';
import { StoreUnavailableError } from '../errors';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/** A port nobody listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('KurrentDB adapter without a server', () => {
  it('turns a refused connection into a retriable StoreUnavailableError, with the cause', async () => {
    const store = KurrentDbEventStore.connect(`kurrentdb://127.0.0.1:${await closedPort()}?tls=false`);
    const append = store.append([
      {
        stream: 'order-x',
        expected: -1,
        events: [
          {
            type: 'OrderPlaced',
            data: {},
            metadata: { actor: { role: 'BUYER', id: 'b' }, occurredAt: '2026-11-27T00:00:00Z' },
          },
        ],
      },
    ]);
    await expect(append).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(append).rejects.toMatchObject({ retriable: true, cause: expect.anything() });
    await store.close();
  });
});

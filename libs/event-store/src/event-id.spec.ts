import { eventId } from './event-id';

describe('event ids', () => {
  it('are the UUIDs earlier releases gave the same command, stream and revision', () => {
    // Recorded from the first release: a retried write must carry the ids already stored.
    expect(eventId('c-1', 'order-shop-1/o-1', 0)).toBe('1e385aed-e023-5ff7-bcc3-197e81350cbd');
    expect(eventId('c-1', 'product-shop-1/p-2', 7)).toBe('86e37876-29c1-5d50-8105-ca2d7597259a');
    expect(eventId('cmd-ü', 'visits-shop-9', 123)).toBe('582ab443-644f-576e-a520-483c880aede9');
  });

  it('are random for appends without a command', () => {
    expect(eventId(undefined, 's', 0)).not.toBe(eventId(undefined, 's', 0));
    expect(eventId(undefined, 's', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

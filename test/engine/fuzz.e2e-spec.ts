import { envelopeOf, hostileEnvelope, oddDates, oddTimes } from '@sce/contracts/testkit';
import { opening } from '@sce/domain/testkit';
import fc from 'fast-check';
import { client, startEngine, type Answer, type Engine } from './engine-harness';

/** Runs per property: enough to find what a few thousand hostile requests found before. */
const RUNS = Number(process.env.SCE_FUZZ_RUNS ?? 2500);

type Client = ReturnType<typeof client>;
type Body = { status?: string; code?: string; errors?: { field: string; message: string }[] };

/** What every answer to bad input must be: a 4xx that says what was wrong, never a 5xx. */
function expectExplained(answer: Answer<Body>, fields?: string[]) {
  expect(answer.status).toBeLessThan(500);
  if ([400, 413, 414, 415].includes(answer.status)) {
    expect(answer.body.status).toBe('invalid');
    expect(answer.body.errors?.length).toBeGreaterThan(0);
    for (const e of answer.body.errors!) {
      expect(e.field.length).toBeGreaterThan(0);
      expect(e.message.length).toBeGreaterThan(0);
      if (fields) expect([...fields, 'from', 'to', '(path)']).toContain(e.field);
    }
  } else if (answer.status >= 400 && answer.status !== 401) {
    expect(answer.body).toMatchObject({ status: 'rejected', code: expect.any(String) });
  }
}

describe('fuzzing the engine from the outside (property-based, HTTP)', () => {
  let engine: Engine;
  let as: Record<string, Client>;
  const head = async () =>
    ((await client(engine.url).get('/health')).body as { details: { eventStore: { head: number } } }).details.eventStore
      .head;

  beforeAll(async () => {
    engine = await startEngine();
    const platform = client(engine.url, engine.platformKey);
    const key = async (role: string) =>
      client(
        engine.url,
        (await platform.call<{ key: string }>('POST', '/v1/api-keys', { name: role, role, shopId: 'shop-1' })).body.key,
      );
    as = { PLATFORM: platform };
    for (const role of ['SELLER', 'BUYER', 'SYSTEM', 'ANALYST']) as[role] = await key(role);
    for (const [i, command] of opening().entries())
      expect(
        (await as[command.metadata.actor.role]!.call('POST', '/v1/commands', envelopeOf(command, `open-${i}`))).status,
      ).toBe(200);
  });
  afterAll(async () => engine?.stop());

  it(`answers ${RUNS} hostile envelopes of every command type with a 4xx naming the field, and writes only what it accepts`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileEnvelope, async ({ command, body }) => {
        const before = await head();
        const raw = JSON.stringify(body);
        const answer = await as[command.metadata.actor.role]!.call<Body>('POST', '/v1/commands', undefined, raw);
        if (answer.status >= 500) process.stderr.write(`${answer.status} ${JSON.stringify(answer.body)} for ${raw}\n`);
        expectExplained(answer);
        if (answer.status !== 200) expect(await head()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  const paramName = fc.constantFrom(
    'from',
    'to',
    'asOf',
    'atPosition',
    'waitMs',
    'status',
    'limit',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'x',
    'from[]',
    '',
  );
  const paramValue = fc.oneof(
    oddDates,
    oddTimes,
    fc.constantFrom(
      '0',
      '1',
      '-1',
      '1e9',
      '40000',
      'NaN',
      'SHIPPED',
      'AWAITING_SHIPMENT',
      'ACTIVE',
      'x'.repeat(300),
      '%00',
    ),
    fc.string({ maxLength: 12 }),
  );
  const route = fc.constantFrom(
    (shop: string) => `/v1/shops/${shop}/dashboard`,
    (shop: string) => `/v1/shops/${shop}/orders/stats`,
    (shop: string) => `/v1/shops/${shop}/orders`,
    (shop: string) => `/v1/shops/${shop}/orders/to-ship`,
    (shop: string) => `/v1/shops/${shop}/overdue`,
    (shop: string) => `/v1/shops/${shop}/orders/o-1`,
    (shop: string) => `/v1/shops/${shop}/orders/${encodeURIComponent('o 1/../x')}`,
    (shop: string) => `/v1/shops/${shop}/returns`,
    (shop: string) => `/v1/shops/${shop}/products`,
    () => '/v1/campaigns',
  );
  const shop = fc.constantFrom(
    'shop-1',
    'shop-1',
    'shop-9',
    encodeURIComponent('shop 1'),
    'x'.repeat(200),
    encodeURIComponent('../../etc'),
    '%E2%80%AE',
  );

  it(`answers ${RUNS} hostile queries of every read route with 200 or a 4xx naming the parameter`, async () => {
    await fc.assert(
      fc.asyncProperty(
        route,
        shop,
        fc.array(fc.tuple(paramName, paramValue), { maxLength: 4 }),
        fc.constantFrom('SELLER', 'PLATFORM', 'ANALYST', 'BUYER'),
        async (path, shopId, params, role) => {
          const query = new URLSearchParams(
            params.map(([k, v]): [string, string] => [k, k === 'waitMs' ? '0' : v]),
          ).toString();
          const answer = await as[role]!.call<Body>('GET', `${path(shopId)}${query ? `?${query}` : ''}`);
          expectExplained(
            answer,
            params.map(([k]) => k || '""'),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

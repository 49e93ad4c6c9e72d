import { Api, ApiError, newCommandId, type Command } from './client';

type Call = { url: string; init: RequestInit };

/** A fetch that answers from a script of responses (or throws, for a lost connection) and records each call. */
function scripted(...answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const command: Command = { commandId: 'console-1', type: 'ShipOrder', shopId: 'shop-la', payload: { orderId: 'o-1' } };
const accepted = (positions: number[]) => json(200, { status: 'accepted', streams: [], positions });

describe('the console API client', () => {
  it('sends the same command id again when an answer is lost or the engine fails', async () => {
    const { calls, fetchImpl } = scripted(new TypeError('network'), json(503, {}), accepted([41, 42]));
    const api = new Api('sce_seller_key', fetchImpl);
    await expect(api.send(command)).resolves.toMatchObject({ status: 'accepted' });
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => JSON.parse(c.init.body as string).commandId))).toEqual(new Set(['console-1']));
    expect(api.writtenUpTo).toBe(42);
  });

  it('does not retry a rejection, and carries its code and message', async () => {
    const { calls, fetchImpl } = scripted(
      json(422, { status: 'rejected', code: 'carrier.not-enabled', message: 'carrier FEDEX is not enabled' }),
    );
    const failure = await new Api('k', fetchImpl).send(command).catch((e: ApiError) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 422,
      code: 'carrier.not-enabled',
      message: 'carrier FEDEX is not enabled',
    });
    expect(calls).toHaveLength(1);
  });

  it('names each invalid field', async () => {
    const { fetchImpl } = scripted(json(400, { status: 'invalid', errors: [{ field: 'price', message: 'too low' }] }));
    await expect(new Api('k', fetchImpl).send(command)).rejects.toMatchObject({
      status: 400,
      message: 'price: too low',
    });
  });

  it('reads at the position its last command wrote, with the key in a header and only the given parameters', async () => {
    const { calls, fetchImpl } = scripted(json(200, { ok: 1 }), accepted([7]), json(200, { ok: 2 }));
    const api = new Api('sce_seller_secret', fetchImpl);
    await api.get('/v1/shops/shop-la/orders', { status: 'SHIPPED', from: undefined, limit: 5 });
    await api.send(command);
    await api.get('/v1/shops/shop-la/dashboard', { from: '2026-11-03', to: '2026-12-03' });
    expect(calls.map((c) => c.url)).toEqual([
      '/v1/shops/shop-la/orders?status=SHIPPED&limit=5',
      '/v1/commands',
      '/v1/shops/shop-la/dashboard?from=2026-11-03&to=2026-12-03&atPosition=7',
    ]);
    expect(calls.every((c) => !c.url.includes('secret'))).toBe(true);
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer sce_seller_secret');
  });

  it('turns an unknown key into a sign-in error', async () => {
    const { fetchImpl } = scripted(
      json(401, { status: 'unauthenticated', message: 'unknown, revoked or expired API key' }),
    );
    await expect(new Api('k', fetchImpl).get('/v1/campaigns')).rejects.toMatchObject({
      status: 401,
      message: 'unknown, revoked or expired API key',
    });
  });

  it('makes a fresh id for every command', () => {
    const ids = new Set(Array.from({ length: 100 }, newCommandId));
    expect(ids.size).toBe(100);
  });
});

import { request } from 'node:http';
import { client, startEngine, type Engine } from './engine-harness';

/** Past SCE_HTTP_MAX_IN_FLIGHT the engine refuses at once (503, Retry-After) and stays answerable. */
describe('overload: requests past the in-flight limit are refused at once, health still answers', () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await startEngine({ SCE_HTTP_MAX_IN_FLIGHT: '2' });
  });
  afterAll(async () => engine?.stop());

  /** A command whose body comes slowly: the engine works on it until `finish()` sends the rest. */
  const slowCommand = (shopId: string) => {
    const body = JSON.stringify({
      commandId: `slow-${shopId}`,
      type: 'RegisterShop',
      shopId,
      payload: { name: 'Slow', sellerId: 's', timeZone: 'UTC', currency: 'USD' },
    });
    const { port } = new URL(engine.url);
    const status = new Promise<number>((resolve, reject) => {
      const sent = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/commands',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${engine.platformKey}`,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode!));
        },
      );
      sent.on('error', reject);
      sent.write(body.slice(0, 10));
      held.push(() => sent.end(body.slice(10)));
    });
    return status;
  };
  const held: (() => void)[] = [];

  it('answers 503 overloaded with Retry-After while two requests hold the engine, and lets requests in again after', async () => {
    const slow = [slowCommand('shop-a'), slowCommand('shop-b')];
    const platform = client(engine.url, engine.platformKey);
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 50 && refused?.status !== 503; attempt++) {
      refused = await fetch(`${engine.url}/v1/whoami`, { headers: { authorization: `Bearer ${engine.platformKey}` } });
      if (refused.status !== 503) await new Promise((resolve) => setTimeout(resolve, 20)); // the slow ones are not in yet
    }
    expect(refused!.status).toBe(503);
    expect(refused!.headers.get('retry-after')).toBe('1');
    expect(await refused!.json()).toMatchObject({
      status: 'overloaded',
      message: expect.stringContaining('SCE_HTTP_MAX_IN_FLIGHT'),
    });
    // Through the checked client too: the answer is the one the OpenAPI document gives for the route.
    expect((await platform.get('/v1/shops/shop-a/dashboard')).status).toBe(503);
    expect((await client(engine.url).get('/health')).status).toBe(200);
    expect((await fetch(`${engine.url}/v1/schemas`)).status).toBe(200);

    for (const finish of held) finish();
    expect(await Promise.all(slow)).toEqual([200, 200]);
    expect((await platform.get('/v1/whoami')).status).toBe(200);
    const metrics = await (await fetch(`${engine.url}/metrics`)).text();
    expect(Number(/^sce_http_refused_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
  });
});

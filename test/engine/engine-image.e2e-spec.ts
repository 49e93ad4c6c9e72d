import { describeWith } from '@sce/test-stack';
import { join } from 'node:path';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { client } from './engine-harness';

const ROOT = join(__dirname, '../..');

// What an integration suite of another team does: build the engine's image, start it, use it.
describeWith('containers', 'the engine image (docker/engine/Dockerfile) under testcontainers', () => {
  let container: StartedTestContainer;
  let url: string;
  let key: string;

  beforeAll(async () => {
    const image = await GenericContainer.fromDockerfile(ROOT, 'docker/engine/Dockerfile').build('sce-engine:test', {
      deleteOnExit: false,
    });
    container = await image
      .withExposedPorts(3000)
      .withWaitStrategy(Wait.forHttp('/health', 3000).forStatusCode(200))
      .withStartupTimeout(120_000)
      .start();
    url = `http://${container.getHost()}:${container.getMappedPort(3000)}`;
    key = (await container.exec(['cat', '/data/first-platform-key.txt'])).output.trim();
  }, 900_000);

  afterAll(async () => {
    await container?.stop();
  });

  it('serves /health and /docs, and refuses a write without a key', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/docs`)).status).toBe(200);
    expect((await client(url).send('RegisterShop', 'shop-1', { name: 'One' })).status).toBe(401);
  });

  it('takes a command with the key it generated on first start, and keeps it across a restart', async () => {
    const platform = client(url, key);
    const shop = { name: 'One', sellerId: 's1', timeZone: 'UTC', currency: 'USD' };
    expect(await platform.send('RegisterShop', 'shop-1', shop, undefined, 'c-1')).toMatchObject({
      status: 200,
      body: { status: 'accepted' },
    });
    await container.restart();
    url = `http://${container.getHost()}:${container.getMappedPort(3000)}`;
    expect(await platform.send('RegisterShop', 'shop-1', shop, undefined, 'c-1')).toMatchObject({
      status: 200,
      body: { status: 'accepted' },
    });
    expect((await client(url, key).get('/v1/shops/shop-1/products')).status).toBe(200);
  });
});

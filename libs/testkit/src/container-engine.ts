import { DEFAULT_TOPICS, engineEnv, keysFor, type EngineOptions, type TestEngine } from './engine';

export interface ContainerOptions extends EngineOptions {
  /** The engine's image (default `sce-engine:latest`, built from docker/engine/Dockerfile). */
  image?: string;
}

/**
 * The engine's image under testcontainers (a peer dependency: install it in your suite), data in
 * the container; `kafkaBrokers` and `postgresUrl` must be reachable from inside the container.
 */
export async function startEngineContainer(options: ContainerOptions = {}): Promise<TestEngine> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(options.image ?? 'sce-engine:latest')
    .withEnvironment({ ...engineEnv(options), HOST: '0.0.0.0', PORT: '3000' })
    .withExposedPorts(3000)
    .withWaitStrategy(Wait.forHttp('/health', 3000).forStatusCode(200))
    .withStartupTimeout(options.startupTimeoutMs ?? 120_000)
    .start();
  try {
    const url = `http://${container.getHost()}:${container.getMappedPort(3000)}`;
    const platformKey = (await container.exec(['cat', '/data/first-platform-key.txt'])).output.trim();
    const shopId = options.shopId ?? 'shop-1';
    return {
      url,
      keys: await keysFor(url, platformKey, shopId),
      shopId,
      topics: DEFAULT_TOPICS,
      mode: 'container',
      stop: async () => void (await container.stop()),
    };
  } catch (error) {
    await container.stop();
    throw error;
  }
}

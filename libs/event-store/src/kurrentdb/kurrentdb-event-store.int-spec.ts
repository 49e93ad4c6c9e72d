import { describeWith } from '@sce/test-stack';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { eventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const IMAGE = process.env.SCE_KURRENTDB_IMAGE ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';

describeWith('containers', `KurrentDB event store (contract, ${IMAGE})`, () => {
  let container: StartedTestContainer;
  let connectionString: string;

  beforeAll(async () => {
    container = await new GenericContainer(IMAGE)
      .withEnvironment({
        KURRENTDB_CLUSTER_SIZE: '1',
        KURRENTDB_RUN_PROJECTIONS: 'None',
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_MEM_DB: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .withStartupTimeout(120_000)
      .start();
    connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  }, 180_000);

  afterAll(async () => {
    await container?.stop();
  });

  // One server for the suite: each test's streams and command ids are random, so tests never meet.
  eventStoreContract(
    {
      async open() {
        return {
          store: KurrentDbEventStore.connect(connectionString),
          reopen: async () => KurrentDbEventStore.connect(connectionString),
          cleanup: async () => undefined,
        };
      },
    },
    { sharedCommitPositions: true },
  );
});

import { CommandHandler } from '@sce/application';
import type { Command, Principal } from '@sce/domain';
import { cmd, opening } from '@sce/domain/testkit';
import { PostgresEventStore, type StoredEvent } from '@sce/event-store';
import { describeWith, eventually, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { parseKey } from './doc-key';
import { PostgresDocStore } from './postgres-doc-store';
import { replay } from './project-batch';
import { ProjectionRunner } from './runner';

const asActor = (c: Command): Principal =>
  c.metadata.actor.role === 'SELLER' ? { role: 'SELLER', shopId: c.shopId } : { role: c.metadata.actor.role };

describeWith('postgres', 'two engines sharing PostgreSQL read models', () => {
  it('never apply an event twice: the read models still equal a full replay', async () => {
    const events = await freshSchema('sce_shared');
    const docsSchema = await freshSchema('sce_shared_docs');
    const store = await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema: events.schema });
    const [docsA, docsB] = [
      await PostgresDocStore.connect(TEST_PG_URL, docsSchema.schema),
      await PostgresDocStore.connect(TEST_PG_URL, docsSchema.schema),
    ];
    const [a, b] = [
      new ProjectionRunner(store, docsA, { batchSize: 3 }),
      new ProjectionRunner(store, docsB, { batchSize: 5 }),
    ];
    try {
      await Promise.all([a.start(), b.start()]);
      const handler = new CommandHandler(store);
      for (const [i, command] of opening().entries()) await handler.handle(`o-${i}`, command, asActor(command));
      for (let i = 0; i < 120; i++) {
        const command = cmd(
          'RecordVisit',
          { visitorId: `v-${i}` },
          { at: `2026-11-02T00:00:${String(i % 60).padStart(2, '0')}.000Z` },
        );
        await handler.handle(`v-${i}`, command, asActor(command));
      }
      const head = await store.headPosition();
      await eventually(async () => (await docsA.checkpoint('read-models')) >= head, 20_000, 'read models to catch up');
      const log: StoredEvent[] = [];
      for await (const batch of store.readAll()) log.push(...batch);
      const expected = [...(await replay(log))].filter(([key]) => parseKey(key).model === 'day').map(([, doc]) => doc);
      expect(await docsA.list('day')).toEqual(expected);
      // one engine projects, the other follows the stored checkpoint
      await eventually(() => a.position >= head && b.position >= head, 10_000, 'both runners to reach the head');

      // the projecting engine goes away: the other takes over and projects what comes next
      const leaderIsA = (await docsA.tryLead('read-models')) && a.position >= head;
      const [gone, goneDocs, left, leftDocs] = leaderIsA ? [a, docsA, b, docsB] : [b, docsB, a, docsA];
      await gone.stop();
      await goneDocs.close();
      const more = cmd('RecordVisit', { visitorId: 'late' }, { at: '2026-11-03T00:00:00.000Z' });
      await handler.handle('late', more, asActor(more));
      const newHead = await store.headPosition();
      await eventually(
        async () => (await leftDocs.checkpoint('read-models')) >= newHead && left.position >= newHead,
        15_000,
        'the other engine to take over',
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await Promise.all([docsA.close().catch(() => undefined), docsB.close().catch(() => undefined), store.close()]);
      await Promise.all([events.drop(), docsSchema.drop()]);
    }
  });
});

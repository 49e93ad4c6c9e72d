import type { StoredEvent } from '@sce/event-store';
import { eventColumns } from './event-columns';

const placed: StoredEvent = {
  id: 'e-1',
  stream: 'order-shop-1/o-1',
  revision: 0,
  position: 7,
  type: 'OrderPlaced',
  data: { shopId: 'shop-1', orderId: 'o-1', itemsTotal: 4500, lines: [{ productId: 'p', quantity: 1 }] },
  metadata: { actor: { role: 'BUYER', id: 'b-1' }, occurredAt: '2026-11-27T15:04:05.000Z', commandId: 'c-1' },
  recordedAt: '2026-11-27T15:04:06.000Z',
};

const kinds = (types: string[]) => Object.fromEntries(eventColumns(types).map((c) => [c.name, c.kind]));

describe('the export’s columns', () => {
  it('types each payload field by the event’s published schema; lists and objects stay JSON', () => {
    expect(kinds(['OrderPlaced'])).toMatchObject({
      position: 'integer',
      occurredAt: 'time',
      'data.orderId': 'string',
      'data.itemsTotal': 'number',
      'data.lines': 'json',
      'data.shipTo': 'json',
    });
  });

  it('types a nullable field by its other type, and keeps the columns of every exported type', () => {
    const both = kinds(['RefundIssued', 'CampaignCreated', 'OrderPlaced', 'LiveSessionStarted', 'ProductListed']);
    expect(both).toMatchObject({ 'data.amount': 'number', 'data.name': 'string', 'data.title': 'string' });
    const names = Object.keys(both);
    expect(names.slice(0, 3)).toEqual(['position', 'stream', 'revision']);
    expect(names.filter((n) => n.startsWith('data.'))).toEqual(
      [...names.filter((n) => n.startsWith('data.'))].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('gives a field two event types disagree on its JSON text', () => {
    const schemas = { A: { properties: { x: { type: 'number' } } }, B: { properties: { x: { type: 'string' } } } };
    const kind = (types: string[]) => eventColumns(types, schemas).find((c) => c.name === 'data.x')?.kind;
    expect([kind(['A']), kind(['B']), kind(['A', 'B'])]).toEqual(['number', 'string', 'json']);
  });

  it('reads a row’s values from the envelope and the payload, undefined where the event has none', () => {
    const row = Object.fromEntries(eventColumns(['OrderPlaced', 'RefundIssued']).map((c) => [c.name, c.value(placed)]));
    expect(row).toMatchObject({
      position: 7,
      type: 'OrderPlaced',
      shopId: 'shop-1',
      actorRole: 'BUYER',
      occurredAt: '2026-11-27T15:04:05.000Z',
      'data.itemsTotal': 4500,
      'data.amount': undefined,
    });
    expect(row.data).toEqual(placed.data);
  });
});

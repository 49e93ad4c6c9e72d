import fc from 'fast-check';
import { KeyFilter } from './key-filter';

describe('KeyFilter', () => {
  it('might have every id added, whatever the ids (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 300 }), (ids) => {
        const filter = new KeyFilter(12);
        for (const id of ids) filter.add(id);
        expect(ids.filter((id) => !filter.mightHave(id))).toEqual([]);
      }),
    );
  });

  it('has almost none of the ids never added', () => {
    const filter = new KeyFilter(20);
    for (let i = 0; i < 20_000; i++) filter.add(`seen\u0000shop-1\u0000d:2026-11-20:v-${i}`);
    let falsePositives = 0;
    for (let i = 20_000; i < 40_000; i++)
      if (filter.mightHave(`seen\u0000shop-1\u0000d:2026-11-20:v-${i}`)) falsePositives++;
    // 2^20 bits and 4 probes for 20,000 ids: about 0.01 % by the formula; a filter that says "might" to all fails.
    expect(falsePositives / 20_000).toBeLessThan(0.01);
  });
});

import fc from 'fast-check';
import { percentOf } from '../shared/money';
import { TEMPLATE } from '../testing/fixtures';
import { shippingFee } from './shipping-fee';

describe('shipping fee', () => {
  const ca = { country: 'US', region: 'CA' };
  const tx = { country: 'US', region: 'TX' };

  it('takes the first zone that covers the region, less the discount rounded half up', () => {
    // 599 less 10% (59.9 → 60) and 899 less 10% (89.9 → 90)
    expect(shippingFee(TEMPLATE, ca, 1000)).toBe(539);
    expect(shippingFee(TEMPLATE, tx, 1000)).toBe(809);
  });

  it('rounds an exact half up', () => {
    const template = { ...TEMPLATE, zones: [{ name: 'All', regions: ['US'], fee: 250 }], shippingDiscountPercent: 1 };
    // 1% of 250 is 2.5 → 3
    expect(shippingFee(template, tx, 0)).toBe(247);
  });

  it('is free at or above the threshold, and charged just below it', () => {
    expect(shippingFee(TEMPLATE, ca, 5000)).toBe(0);
    expect(shippingFee(TEMPLATE, ca, 4999)).toBe(539);
  });

  it('never ships to an excluded region, even one a zone names', () => {
    const template = { ...TEMPLATE, zones: [{ name: 'All', regions: ['US', 'US-AK'], fee: 100 }] };
    expect(() => shippingFee(template, { country: 'US', region: 'AK' }, 10_000)).toThrow(
      expect.objectContaining({ code: 'shipping.region-excluded' }),
    );
  });

  it('does not ship to a region in no zone, or without a template', () => {
    const mx = { country: 'MX', region: 'JAL' };
    expect(() => shippingFee(TEMPLATE, mx, 0)).toThrow(expect.objectContaining({ code: 'shipping.region-excluded' }));
    expect(() => shippingFee(null, ca, 0)).toThrow(expect.objectContaining({ code: 'shipping.region-excluded' }));
  });

  it('percentOf equals the decimal value rounded half up, for any fee and percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), (fee, percent) => {
        const exact = (fee * percent) / 100;
        const floor = Math.floor(exact);
        const expected = exact - floor >= 0.5 ? floor + 1 : floor;
        expect(percentOf(fee, percent)).toBe(expected);
      }),
    );
  });
});

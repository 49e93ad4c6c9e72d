import fc from 'fast-check';
import { avgOrderValue, conversionRate } from './dashboard.query';

describe('the dashboard’s ratios', () => {
  it('rounds the average order value half up to a minor unit, and has none without orders', () => {
    expect([avgOrderValue(1000, 3), avgOrderValue(1001, 2), avgOrderValue(1003, 2), avgOrderValue(5, 0)]).toEqual([
      333,
      501, // 500.5 goes up
      502, // 501.5 goes up
      null,
    ]);
  });

  it('is the nearest minor unit, ties up, for any GMV and order count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 10 ** 6 }), (gmv, orders) => {
        const value = avgOrderValue(gmv, orders)!;
        // value − ½ ≤ gmv ÷ orders < value + ½, in integers: no float in the check either
        return 2 * gmv >= (2 * value - 1) * orders && 2 * gmv < (2 * value + 1) * orders;
      }),
    );
  });

  it('takes the conversion rate as buyers ÷ visitors, uncapped, and none without visitors', () => {
    expect([conversionRate(1, 4), conversionRate(3, 2), conversionRate(0, 5), conversionRate(2, 0)]).toEqual([
      0.25,
      1.5,
      0,
      null,
    ]);
  });
});

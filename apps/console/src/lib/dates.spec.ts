import { addDays, isDate, lastDays } from './dates';

describe('local dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('2026-1-01')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow('not a calendar date');
  });

  it('moves across months, years and DST changes by whole days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-11-01', -30)).toBe('2026-10-02');
  });

  it('gives the query range of the last N days, `to` exclusive', () => {
    expect(lastDays('2026-12-02', 30)).toEqual({ from: '2026-11-03', to: '2026-12-03' });
    expect(lastDays('2026-12-02', 1)).toEqual({ from: '2026-12-02', to: '2026-12-03' });
  });
});

import { count, day, fractionDigits, instant, money, moneyInput, month, parseMoney, percent, words } from './format';

// Node's ICU formats like the browser's; the default locale here is en-US.
describe('format', () => {
  it('formats minor units in the currency, or says they are minor units without one', () => {
    expect(money(123456, 'USD')).toBe('$1,234.56');
    expect(money(1500, 'JPY')).toBe('¥1,500');
    expect(money(0, 'EUR')).toBe('€0.00');
    expect(money(4500, undefined)).toBe('4,500 (minor units)');
    expect(fractionDigits('USD')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
  });

  it('reads a typed amount back into minor units, refusing anything else', () => {
    expect(parseMoney('12.5', 'USD')).toBe(1250);
    expect(parseMoney(' 29.99 ', 'USD')).toBe(2999);
    expect(parseMoney('7', 'USD')).toBe(700);
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    expect(parseMoney('12.345', 'USD')).toBeUndefined();
    expect(parseMoney('12.5', 'JPY')).toBeUndefined();
    expect(parseMoney('-1', 'USD')).toBeUndefined();
    expect(parseMoney('1e3', 'USD')).toBeUndefined();
    expect(parseMoney('', 'USD')).toBeUndefined();
    expect(parseMoney('450', undefined)).toBe(450);
    expect(moneyInput(1250, 'USD')).toBe('12.50');
    expect(moneyInput(1500, 'JPY')).toBe('1500');
  });

  it('shows local dates as they are, whatever the zone of the machine', () => {
    expect(day('2026-11-27')).toBe('Nov 27, 2026');
    expect(month('2026-11')).toBe('November 2026');
  });

  it('shows an instant in the given zone, naming it', () => {
    expect(instant('2026-11-27T15:04:05Z', undefined)).toBe('Nov 27, 2026, 03:04 PM UTC');
    expect(instant('2026-11-27T15:04:05Z', 'America/Los_Angeles')).toBe('Nov 27, 2026, 07:04 AM PST');
  });

  it('counts, percentages and words', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(percent(0.256)).toBe('25.6%');
    expect(words('AWAITING_SHIPMENT')).toBe('Awaiting shipment');
  });
});

import { ensure } from '../shared/domain-error';
import { percentOf } from '../shared/money';
import type { ShippingTemplate, ShippingZone } from './shop.types';

export interface ShipTo {
  country: string;
  region: string;
}

function covers(entry: string, shipTo: ShipTo): boolean {
  const code = entry.toUpperCase();
  return code === shipTo.country.toUpperCase() || code === `${shipTo.country}-${shipTo.region}`.toUpperCase();
}

/**
 * The zone serving `shipTo`: excluded regions win over zones, the first matching zone wins.
 * @throws DomainError `shipping.region-excluded` when excluded, in no zone, or no template exists.
 */
export function zoneFor(template: ShippingTemplate | null, shipTo: ShipTo): ShippingZone {
  const where = `${shipTo.country}-${shipTo.region}`;
  ensure(template, 'shipping.region-excluded', `the shop has no shipping template, so it ships nowhere (${where})`);
  ensure(
    !template.excludedRegions.some((entry) => covers(entry, shipTo)),
    'shipping.region-excluded',
    `the shop's shipping template excludes ${where}`,
  );
  const zone = template.zones.find((z) => z.regions.some((entry) => covers(entry, shipTo)));
  ensure(zone, 'shipping.region-excluded', `${where} is in none of the shop's shipping zones`);
  return zone;
}

/** Shipping fee in minor units: zone fee less the discount, or 0 at or above the free-shipping threshold. */
export function shippingFee(template: ShippingTemplate | null, shipTo: ShipTo, itemsTotal: number): number {
  const zone = zoneFor(template, shipTo);
  const threshold = template?.freeShippingThreshold ?? null;
  if (threshold !== null && itemsTotal >= threshold) return 0;
  return zone.fee - percentOf(zone.fee, template?.shippingDiscountPercent ?? 0);
}

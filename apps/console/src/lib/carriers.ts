/**
 * Carrier codes the console offers. The engine checks each shipment against the carriers the shop
 * enabled (`carrier.not-enabled`); the list of enabled ones is not readable yet, so all are offered.
 */
export const CARRIERS = [
  { code: 'UPS_GROUND', label: 'UPS Ground' },
  { code: 'UPS_2ND_DAY_AIR', label: 'UPS 2nd Day Air' },
  { code: 'UPS_NEXT_DAY_AIR', label: 'UPS Next Day Air' },
  { code: 'USPS_PRIORITY', label: 'USPS Priority Mail' },
  { code: 'FEDEX_GROUND', label: 'FedEx Ground' },
  { code: 'DHL_EXPRESS', label: 'DHL Express' },
] as const;

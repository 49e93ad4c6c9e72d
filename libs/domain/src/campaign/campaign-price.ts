import type { CampaignEnrollment } from '../shop/shop.types';
import { toMillis } from '../shared/time';

/**
 * The enrollment pricing `productId` at `at`, if any: joined, not withdrawn,
 * and `startsAt ≤ at < endsAt`. The lowest campaign price wins when several overlap.
 */
export function campaignPriceAt(
  enrollments: readonly CampaignEnrollment[],
  productId: string,
  at: string,
): CampaignEnrollment | undefined {
  const now = toMillis(at);
  return enrollments
    .filter((e) => e.productId === productId && toMillis(e.startsAt) <= now && now < toMillis(e.endsAt))
    .sort((a, b) => a.campaignPrice - b.campaignPrice)[0];
}

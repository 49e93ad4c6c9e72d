/** `percent` of `amount` in minor units, rounded half up. Both non-negative integers. */
export function percentOf(amount: number, percent: number): number {
  return Math.floor((amount * percent + 50) / 100);
}

/** True when `price` is at least `percent` below `listPrice`, compared exactly in integers. */
export function isDiscountAtLeast(price: number, listPrice: number, percent: number): boolean {
  return price * 100 <= listPrice * (100 - percent);
}

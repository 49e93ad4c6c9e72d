import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from '../api/client';

/**
 * What every page of one shop needs. `today` is the shop's local date (from a read route's default
 * range, which the engine computes in the shop's zone). `currency` comes from the shop's orders,
 * the only read route that carries it today; `timeZone` from none yet, so instants read in UTC.
 */
export interface Shop {
  api: Api;
  shopId: string;
  today: string;
  currency?: string;
  timeZone?: string;
}

export const ShopContext = createContext<Shop | undefined>(undefined);

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error('useShop outside a shop page');
  return shop;
}

import { useEffect, useState } from 'preact/hooks';

/** The pages, in the order of the navigation. */
export const PAGES = [
  { id: 'home', title: 'Home' },
  { id: 'orders', title: 'Orders' },
  { id: 'returns', title: 'Returns' },
  { id: 'products', title: 'Products' },
  { id: 'shipping', title: 'Fulfillment & shipping' },
  { id: 'campaigns', title: 'Campaigns' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

/** `#/shops/{shopId}/{page}/{id}`: the shop and page are in the URL; the key never is. */
export interface Route {
  shopId?: string;
  page: PageId;
  id?: string;
}

export function parseRoute(hash: string): Route {
  const [, shops, shopId, page, id] = hash.replace(/^#/, '').split('/').map(decodeURIComponent);
  if (shops !== 'shops' || !shopId) return { page: 'home' };
  const known = PAGES.find((p) => p.id === page);
  return { shopId, page: known?.id ?? 'home', id: known ? id || undefined : undefined };
}

export function href(route: Route): string {
  if (!route.shopId) return '#/';
  const parts = ['shops', route.shopId, route.page, ...(route.id ? [route.id] : [])];
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

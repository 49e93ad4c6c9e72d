import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api/client';
import type { OrderList, OrderStats } from './api/types';
import { addDays } from './lib/dates';
import { href, PAGES, useRoute, type Route } from './lib/route';
import { currentApi, signOut } from './lib/session';
import { useResource } from './lib/use-resource';
import { CampaignsPage } from './pages/campaigns';
import { HomePage } from './pages/home';
import { OrderPage } from './pages/order';
import { OrdersPage } from './pages/orders';
import { ProductsPage } from './pages/products';
import { ReturnsPage } from './pages/returns';
import { ShippingPage } from './pages/shipping';
import { ShopPicker, SignIn } from './pages/sign-in';
import { Failure } from './ui/common';
import { ShopContext, type Shop } from './ui/shop';

export function App() {
  const route = useRoute();
  const [api, setApi] = useState<Api | undefined>(currentApi);
  const [notice, setNotice] = useState<string>();
  const leave = (message?: string) => {
    signOut();
    setApi(undefined);
    setNotice(message);
  };
  if (!api || !route.shopId)
    return (
      <SignIn
        api={api}
        notice={notice}
        onSignedIn={(signedIn, shopId) => {
          setNotice(undefined);
          setApi(signedIn);
          location.hash = href({ shopId, page: 'home' });
        }}
        onSignOut={() => leave()}
      />
    );
  return <ShopShell api={api} route={route as Route & { shopId: string }} onSignOut={leave} />;
}

function ShopShell({
  api,
  route,
  onSignOut,
}: {
  api: Api;
  route: Route & { shopId: string };
  onSignOut: (message?: string) => void;
}) {
  const { shopId } = route;
  const context = useResource(async () => {
    const base = `/v1/shops/${encodeURIComponent(shopId)}/orders`;
    // The default range ends tomorrow in the shop's zone: that is how the console learns its today.
    const [stats, latest] = await Promise.all([
      api.get<OrderStats>(`${base}/stats`),
      api.get<OrderList>(base, { limit: 1 }),
    ]);
    return { today: addDays(stats.to, -1), currency: latest.orders[0]?.currency };
  }, [api, shopId]);
  const unauthorized = context.error?.status === 401;
  useEffect(() => {
    if (unauthorized) onSignOut('The engine no longer accepts this API key. Sign in again.');
  }, [unauthorized]);
  const page = PAGES.find((p) => p.id === route.page)!;
  useEffect(() => {
    document.title = `${page.title} · ${shopId} · Seller Center`;
  }, [page, shopId]);

  const shop: Shop | undefined = context.data && { api, shopId, ...context.data };
  return (
    <div class="shell">
      <header class="top">
        <span class="brand">Seller Center</span>
        <ShopPicker key={shopId} current={shopId} />
        <button type="button" class="secondary" onClick={() => onSignOut()}>
          Sign out
        </button>
      </header>
      <div class="layout">
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={href({ shopId, page: p.id })} aria-current={p.id === route.page ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main">
          {context.error && !shop ? (
            <>
              <h1>Shop {shopId}</h1>
              <Failure error={context.error} />
            </>
          ) : !shop ? (
            <p class="muted">Loading…</p>
          ) : (
            <ShopContext.Provider value={shop}>
              <PageOf route={route} />
            </ShopContext.Provider>
          )}
        </main>
      </div>
    </div>
  );
}

function PageOf({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'orders':
      return route.id ? <OrderPage orderId={route.id} /> : <OrdersPage />;
    case 'returns':
      return <ReturnsPage />;
    case 'products':
      return <ProductsPage />;
    case 'shipping':
      return <ShippingPage />;
    case 'campaigns':
      return <CampaignsPage focus={route.id} />;
  }
}

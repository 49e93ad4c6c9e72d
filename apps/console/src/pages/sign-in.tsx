import { useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import { href } from '../lib/route';
import { signIn } from '../lib/session';
import { Failure } from '../ui/common';

/**
 * Sign in with an API key and the shop to open. A SELLER key opens its own shop only; a PLATFORM
 * or ANALYST key may open any. The key is checked by reading the shop's orders with it.
 */
export function SignIn({
  api,
  notice,
  onSignedIn,
  onSignOut,
}: {
  api?: Api;
  notice?: string;
  onSignedIn: (api: Api, shopId: string) => void;
  onSignOut: () => void;
}) {
  const [key, setKey] = useState('');
  const [shopId, setShopId] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const candidate = api && !key ? api : new Api(key.trim());
    try {
      await candidate.get(`/v1/shops/${encodeURIComponent(shopId.trim())}/orders`, { limit: 1 });
      onSignedIn(api && !key ? api : signIn(key.trim()), shopId.trim());
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, undefined, String(failure)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>Seller Center</h1>
      <form class="card" onSubmit={submit}>
        <h2>{api ? 'Open a shop' : 'Sign in'}</h2>
        {notice && (
          <p class="outcome" role="status">
            {notice}
          </p>
        )}
        {!api && (
          <label>
            API key
            <input
              type="password"
              name="api-key"
              autocomplete="off"
              required
              value={key}
              onInput={(e) => setKey(e.currentTarget.value)}
            />
          </label>
        )}
        <label>
          Shop ID
          <input
            name="shop-id"
            required
            pattern="[A-Za-z0-9._:\-]{1,100}"
            value={shopId}
            onInput={(e) => setShopId(e.currentTarget.value)}
          />
        </label>
        <p class="hint">
          A seller key opens its own shop; a platform key may open any shop. The key stays in this tab only.
        </p>
        {error && <Failure error={error} />}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {api ? 'Open' : 'Sign in'}
          </button>
          {api && (
            <button type="button" class="secondary" onClick={onSignOut}>
              Sign out
            </button>
          )}
        </div>
      </form>
    </main>
  );
}

/** Opens another shop: the platform's way to pick one (a seller's key is refused by the engine). */
export function ShopPicker({ current }: { current: string }) {
  const [shopId, setShopId] = useState(current);
  return (
    <form
      class="shop-picker"
      role="search"
      aria-label="Open a shop"
      onSubmit={(event) => {
        event.preventDefault();
        if (shopId.trim()) location.hash = href({ shopId: shopId.trim(), page: 'home' });
      }}
    >
      <label>
        Shop
        <input value={shopId} onInput={(e) => setShopId(e.currentTarget.value)} required />
      </label>
      <button type="submit" class="secondary">
        Open
      </button>
    </form>
  );
}

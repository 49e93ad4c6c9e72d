import { useEffect, useState } from 'preact/hooks';
import type { Campaign, Product, Products } from '../api/types';
import { count, instant, money, moneyInput, parseMoney, words } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { CommandOutcome, useCommand } from '../ui/command';
import { Loaded, Section } from '../ui/common';
import { useShop } from '../ui/shop';

const ORDER: Campaign['state'][] = ['REGISTRATION_OPEN', 'UPCOMING', 'ONGOING', 'ANNOUNCED', 'ENDED'];

/** Black Friday, Cyber Monday, ...: join with products at a campaign price and reserved stock; withdraw before the start. */
export function CampaignsPage({ focus }: { focus?: string }) {
  const { api, shopId } = useShop();
  const campaigns = useResource(() => api.get<Campaign[]>('/v1/campaigns'), []);
  const products = useResource(() => api.get<Products>(`/v1/shops/${encodeURIComponent(shopId)}/products`), [shopId]);
  useEffect(() => {
    if (focus && campaigns.data) document.getElementById(`campaign-${focus}`)?.scrollIntoView();
  }, [focus, Boolean(campaigns.data)]);
  return (
    <>
      <h1>Campaigns</h1>
      <Loaded resource={campaigns}>
        {(list) =>
          list.length ? (
            [...list]
              .sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.startsAt.localeCompare(b.startsAt))
              .map((c) => <CampaignCard key={c.campaignId} campaign={c} products={products.data?.products ?? []} />)
          ) : (
            <p class="muted">No campaigns yet.</p>
          )
        }
      </Loaded>
    </>
  );
}

function CampaignCard({ campaign: c, products }: { campaign: Campaign; products: Product[] }) {
  const { shopId, timeZone } = useShop();
  const mine = c.participants[shopId] ?? [];
  const beforeStart = c.state === 'ANNOUNCED' || c.state === 'REGISTRATION_OPEN' || c.state === 'UPCOMING';
  return (
    <Section title={c.name} id={`campaign-${c.campaignId}`}>
      <p>
        <span class={`badge state-${c.state.toLowerCase()}`} data-state={c.state}>
          {words(c.state)}
        </span>
      </p>
      <dl class="facts">
        <dt>Registration</dt>
        <dd>
          {instant(c.registrationStartsAt, timeZone)} – {instant(c.registrationEndsAt, timeZone)}
        </dd>
        <dt>Runs</dt>
        <dd>
          {instant(c.startsAt, timeZone)} – {instant(c.endsAt, timeZone)}
        </dd>
        <dt>Minimum discount</dt>
        <dd>{c.minimumDiscountPercent}% off the list price</dd>
        <dt>Campaign sales, all shops</dt>
        <dd>
          {count(c.sales.orders)} orders, {count(c.sales.units)} units
        </dd>
      </dl>
      {mine.length > 0 && <Enrolled campaign={c} products={products} withdrawable={beforeStart} />}
      {c.state === 'REGISTRATION_OPEN' && (
        <JoinForm
          campaign={c}
          products={products.filter((p) => p.status === 'ACTIVE' && !mine.some((m) => m.productId === p.productId))}
        />
      )}
    </Section>
  );
}

function Enrolled({
  campaign: c,
  products,
  withdrawable,
}: {
  campaign: Campaign;
  products: Product[];
  withdrawable: boolean;
}) {
  const { shopId, currency } = useShop();
  const [chosen, setChosen] = useState<string[]>([]);
  const command = useCommand(() => setChosen([]));
  const mine = c.participants[shopId] ?? [];
  return (
    <form
      aria-label={`Your products in ${c.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void command.run('WithdrawFromCampaign', { campaignId: c.campaignId, productIds: chosen });
      }}
    >
      <table>
        <caption>Your products in {c.name}</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" class="num">
              List price
            </th>
            <th scope="col" class="num">
              Campaign price
            </th>
            <th scope="col" class="num">
              Reserved stock
            </th>
            {withdrawable && <th scope="col">Withdraw</th>}
          </tr>
        </thead>
        <tbody>
          {mine.map((m) => {
            const product = products.find((p) => p.productId === m.productId);
            return (
              <tr key={m.productId} data-enrolled={m.productId}>
                <th scope="row">{product?.title ?? m.productId}</th>
                <td class="num">{product ? money(product.price, currency) : '–'}</td>
                <td class="num">{money(m.campaignPrice, currency)}</td>
                <td class="num">{count(m.reservedStock)}</td>
                {withdrawable && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Withdraw ${m.productId}`}
                      checked={chosen.includes(m.productId)}
                      onChange={() =>
                        setChosen((list) =>
                          list.includes(m.productId) ? list.filter((x) => x !== m.productId) : [...list, m.productId],
                        )
                      }
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {withdrawable && (
        <button type="submit" class="danger" disabled={command.busy || !chosen.length}>
          Withdraw the chosen products
        </button>
      )}
      <CommandOutcome command={command} done="Withdrawn." />
    </form>
  );
}

interface Entry {
  include: boolean;
  price: string;
  reserved: string;
}

function JoinForm({ campaign: c, products }: { campaign: Campaign; products: Product[] }) {
  const { currency } = useShop();
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [problem, setProblem] = useState<string>();
  const command = useCommand(() => setEntries({}));
  const entryOf = (p: Product): Entry =>
    entries[p.productId] ?? {
      include: false,
      price: moneyInput(Math.floor((p.price * (100 - c.minimumDiscountPercent)) / 100), currency),
      reserved: String(Math.min(p.stock, 10)),
    };
  const edit = (p: Product, change: Partial<Entry>) =>
    setEntries((all) => ({ ...all, [p.productId]: { ...entryOf(p), ...change } }));
  if (!products.length) return <p class="muted">None of your active products is left to join with.</p>;
  const unit = currency ? `(${currency})` : '(minor units)';
  return (
    <form
      aria-label={`Join ${c.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        const chosen = products.filter((p) => entryOf(p).include);
        const lines = chosen.map((p) => ({
          productId: p.productId,
          campaignPrice: parseMoney(entryOf(p).price, currency),
          reservedStock: Number(entryOf(p).reserved),
        }));
        if (!lines.length) return setProblem('Choose at least one product.');
        if (lines.some((l) => l.campaignPrice === undefined))
          return setProblem('Campaign prices must be amounts such as 12.50.');
        setProblem(undefined);
        void command.run('JoinCampaign', { campaignId: c.campaignId, products: lines });
      }}
    >
      <table>
        <caption>Join {c.name} with</caption>
        <thead>
          <tr>
            <th scope="col">Join</th>
            <th scope="col">Product</th>
            <th scope="col" class="num">
              List price
            </th>
            <th scope="col" class="num">
              Available
            </th>
            <th scope="col">Campaign price {unit}</th>
            <th scope="col" class="num">
              Reserved stock
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => {
            const entry = entryOf(p);
            return (
              <tr key={p.productId} data-candidate={p.productId}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Join with ${p.title}`}
                    checked={entry.include}
                    onChange={() => edit(p, { include: !entry.include })}
                  />
                </td>
                <th scope="row">{p.title}</th>
                <td class="num">{money(p.price, currency)}</td>
                <td class="num">{count(p.stock)}</td>
                <td>
                  <input
                    aria-label={`Campaign price of ${p.title}`}
                    inputMode="decimal"
                    value={entry.price}
                    onInput={(e) => edit(p, { price: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Reserved stock of ${p.title}`}
                    type="number"
                    min={0}
                    step={1}
                    value={entry.reserved}
                    onInput={(e) => edit(p, { reserved: e.currentTarget.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" disabled={command.busy}>
        Join {c.name}
      </button>
      {problem && (
        <p class="outcome error" role="alert">
          {problem}
        </p>
      )}
      <CommandOutcome command={command} done={`Joined ${c.name}.`} />
    </form>
  );
}

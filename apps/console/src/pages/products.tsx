import { useState } from 'preact/hooks';
import { PRODUCT_STATUSES, type Product, type Products } from '../api/types';
import { count, money, moneyInput, parseMoney, words } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { CommandOutcome, useCommand } from '../ui/command';
import { Loaded, Section, Tabs } from '../ui/common';
import { useShop } from '../ui/shop';

/** The product list with counts per status and each issue's or suspension's reason; listing and editing. */
export function ProductsPage() {
  const { api, shopId, currency } = useShop();
  const [tab, setTab] = useState('ALL');
  const products = useResource(() => api.get<Products>(`/v1/shops/${encodeURIComponent(shopId)}/products`), [shopId]);
  return (
    <>
      <h1>Products</h1>
      <Loaded resource={products}>
        {(p) => {
          const shown = tab === 'ALL' ? p.products : p.products.filter((x) => x.status === tab);
          return (
            <Section title="Product list" id="product-list">
              <Tabs
                label="Product status"
                idPrefix="products"
                selected={tab}
                onSelect={setTab}
                items={[
                  { id: 'ALL', label: 'All', count: p.products.length },
                  ...PRODUCT_STATUSES.map((status) => ({ id: status, label: words(status), count: p.counts[status] })),
                ]}
              />
              <div role="tabpanel" id="products-panel" aria-labelledby={`products-tab-${tab}`}>
                {shown.length ? (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Product</th>
                        <th scope="col">Status</th>
                        <th scope="col" class="num">
                          Price
                        </th>
                        <th scope="col" class="num">
                          Stock
                        </th>
                        <th scope="col">Manage</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((product) => (
                        <tr key={product.productId} data-product={product.productId}>
                          <th scope="row">
                            {product.title} <span class="muted">({product.productId})</span>
                          </th>
                          <td>
                            {words(product.status)}
                            {product.reason && <div class="reason">Reason: {product.reason}</div>}
                          </td>
                          <td class="num">{money(product.price, currency)}</td>
                          <td class="num">{count(product.stock)}</td>
                          <td>
                            <ManageProduct product={product} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p class="muted">No products.</p>
                )}
              </div>
            </Section>
          );
        }}
      </Loaded>
      <Section title="List a product" id="list-product">
        <ListProductForm />
      </Section>
    </>
  );
}

function MoneyField({ label, value, onInput }: { label: string; value: string; onInput: (v: string) => void }) {
  const { currency } = useShop();
  return (
    <label>
      {label} {currency ? `(${currency})` : '(minor units)'}
      <input required inputMode="decimal" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </label>
  );
}

function ListProductForm() {
  const { currency } = useShop();
  const [productId, setProductId] = useState('');
  const [title, setTitle] = useState('');
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('0');
  const command = useCommand();
  const [problem, setProblem] = useState<string>();
  return (
    <form
      class="stack-form"
      aria-label="List a product"
      onSubmit={(event) => {
        event.preventDefault();
        const minor = parseMoney(price, currency);
        if (minor === undefined || minor < 1) return setProblem('The price must be an amount such as 12.50.');
        setProblem(undefined);
        void command.run('ListProduct', {
          productId: productId.trim(),
          title: title.trim(),
          price: minor,
          stock: Number(stock),
        });
      }}
    >
      <label>
        Product ID
        <input
          required
          pattern="[A-Za-z0-9._:\-]{1,100}"
          value={productId}
          onInput={(e) => setProductId(e.currentTarget.value)}
        />
      </label>
      <label>
        Title
        <input required maxLength={300} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <MoneyField label="Price" value={price} onInput={setPrice} />
      <label>
        Stock
        <input type="number" min={0} step={1} required value={stock} onInput={(e) => setStock(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={command.busy}>
        List product
      </button>
      {problem && (
        <p class="outcome error" role="alert">
          {problem}
        </p>
      )}
      <CommandOutcome command={command} done="Listed: it is reviewed before it can be sold." />
    </form>
  );
}

function ManageProduct({ product }: { product: Product }) {
  const { currency } = useShop();
  const [price, setPrice] = useState(moneyInput(product.price, currency));
  const [stock, setStock] = useState(String(product.stock));
  const [note, setNote] = useState('');
  const command = useCommand();
  const [problem, setProblem] = useState<string>();
  const { productId } = product;
  return (
    <details class="manage">
      <summary>
        Manage<span class="visually-hidden"> {product.title}</span>
      </summary>
      <form
        class="inline-form"
        aria-label={`Price of ${productId}`}
        onSubmit={(event) => {
          event.preventDefault();
          const minor = parseMoney(price, currency);
          if (minor === undefined || minor < 1) return setProblem('The price must be an amount such as 12.50.');
          setProblem(undefined);
          void command.run('ChangePrice', { productId, price: minor });
        }}
      >
        <MoneyField label="Price" value={price} onInput={setPrice} />
        <button type="submit" disabled={command.busy}>
          Change price
        </button>
      </form>
      <form
        class="inline-form"
        aria-label={`Stock of ${productId}`}
        onSubmit={(event) => {
          event.preventDefault();
          const delta = Number(stock) - product.stock;
          if (!Number.isInteger(delta) || delta === 0) return setProblem('Enter a different whole number of units.');
          setProblem(undefined);
          void command.run('AdjustStock', { productId, delta, reason: 'set in the seller center' });
        }}
      >
        <label>
          Units in stock
          <input
            type="number"
            min={0}
            step={1}
            required
            value={stock}
            onInput={(e) => setStock(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={command.busy}>
          Set stock
        </button>
      </form>
      {product.status === 'ISSUES' && (
        <form
          class="inline-form"
          aria-label={`Resolve the issue of ${productId}`}
          onSubmit={(event) => {
            event.preventDefault();
            void command.run('ResolveProductIssue', { productId, ...(note.trim() ? { note: note.trim() } : {}) });
          }}
        >
          <label>
            What you changed
            <input maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={command.busy}>
            Resolve issue
          </button>
        </form>
      )}
      {(product.status === 'ACTIVE' || product.status === 'INACTIVE') && (
        <button
          type="button"
          class="secondary"
          disabled={command.busy}
          onClick={() =>
            void command.run(product.status === 'ACTIVE' ? 'DeactivateProduct' : 'ActivateProduct', { productId })
          }
        >
          {product.status === 'ACTIVE' ? 'Deactivate' : 'Activate'}
        </button>
      )}
      {problem && (
        <p class="outcome error" role="alert">
          {problem}
        </p>
      )}
      <CommandOutcome command={command} />
    </details>
  );
}

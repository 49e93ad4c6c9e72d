import { useState } from 'preact/hooks';
import { CARRIERS } from '../lib/carriers';
import { parseMoney } from '../lib/format';
import { CommandOutcome, useCommand } from '../ui/command';
import { Section } from '../ui/common';
import { useShop } from '../ui/shop';

/**
 * Fulfillment and shipping: who ships, the refund policy, the carriers or the platform's shipping,
 * and the shipping template. The read routes do not return a shop's settings yet, so the forms
 * start from a new shop's defaults and each one sends its whole setting.
 */
export function ShippingPage() {
  return (
    <>
      <h1>Fulfillment &amp; shipping</h1>
      <p class="hint">
        Each form replaces that setting as a whole. The engine does not show the settings in force yet: the forms start
        from a new shop's defaults.
      </p>
      <div class="two">
        <Section title="Fulfillment" id="fulfillment">
          <FulfillmentForm />
        </Section>
        <Section title="Refund policy" id="refund-policy">
          <RefundPolicyForm />
        </Section>
      </div>
      <Section title="Shipping" id="shipping">
        <ShippingForm />
      </Section>
      <Section title="Shipping template" id="template">
        <TemplateForm />
      </Section>
    </>
  );
}

function FulfillmentForm() {
  const [mode, setMode] = useState('FULFILLED_BY_SELLER');
  const command = useCommand();
  return (
    <form
      class="stack-form"
      aria-label="Fulfillment"
      onSubmit={(e) => {
        e.preventDefault();
        void command.run('SetFulfillmentMode', { mode });
      }}
    >
      <fieldset>
        <legend>Who ships the orders</legend>
        {[
          ['FULFILLED_BY_SELLER', 'Fulfilled by myself', 'you pack and ship every order'],
          ['FULFILLED_BY_PLATFORM', 'Fulfilled by the platform', "the platform's warehouse ships"],
        ].map(([value, label, hint]) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name="fulfillment"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value!)}
            />
            {label} <span class="muted">({hint})</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={command.busy}>
        Save fulfillment
      </button>
      <CommandOutcome command={command} done="Fulfillment saved." />
    </form>
  );
}

function RefundPolicyForm() {
  const { currency } = useShop();
  const [windowDays, setWindowDays] = useState('30');
  const [limit, setLimit] = useState('0');
  const [problem, setProblem] = useState<string>();
  const command = useCommand();
  return (
    <form
      class="stack-form"
      aria-label="Refund policy"
      onSubmit={(e) => {
        e.preventDefault();
        const autoApproveLimit = parseMoney(limit, currency);
        if (autoApproveLimit === undefined) return setProblem('The limit must be an amount such as 10.00.');
        setProblem(undefined);
        void command.run('SetRefundPolicy', { returnWindowDays: Number(windowDays), autoApproveLimit });
      }}
    >
      <label>
        Return window (days after delivery)
        <input
          type="number"
          min={0}
          max={365}
          step={1}
          required
          value={windowDays}
          onInput={(e) => setWindowDays(e.currentTarget.value)}
        />
      </label>
      <label>
        Approve at once up to {currency ? `(${currency})` : '(minor units)'}
        <input required inputMode="decimal" value={limit} onInput={(e) => setLimit(e.currentTarget.value)} />
      </label>
      <p class="hint">0 turns automatic approval off.</p>
      <button type="submit" disabled={command.busy}>
        Save refund policy
      </button>
      {problem && (
        <p class="outcome error" role="alert">
          {problem}
        </p>
      )}
      <CommandOutcome command={command} done="Refund policy saved." />
    </form>
  );
}

function ShippingForm() {
  const [mode, setMode] = useState('SELLER_SHIPPING');
  const [carriers, setCarriers] = useState<string[]>([]);
  const command = useCommand();
  const toggle = (code: string) =>
    setCarriers((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));
  return (
    <form
      class="stack-form"
      aria-label="Shipping"
      onSubmit={(e) => {
        e.preventDefault();
        void command.run('ConfigureShipping', { mode, carriers: mode === 'SELLER_SHIPPING' ? carriers : [] });
      }}
    >
      <fieldset>
        <legend>How orders travel</legend>
        <label class="choice">
          <input
            type="radio"
            name="shipping"
            checked={mode === 'SELLER_SHIPPING'}
            onChange={() => setMode('SELLER_SHIPPING')}
          />
          Seller shipping, with my carriers
        </label>
        <label class="choice">
          <input
            type="radio"
            name="shipping"
            checked={mode === 'PLATFORM_SHIPPING'}
            onChange={() => setMode('PLATFORM_SHIPPING')}
          />
          Opt in to the platform's shipping (its carrier; the template's fees still apply)
        </label>
      </fieldset>
      <fieldset disabled={mode !== 'SELLER_SHIPPING'}>
        <legend>Carriers I ship with</legend>
        {CARRIERS.map((c) => (
          <label key={c.code} class="choice">
            <input type="checkbox" checked={carriers.includes(c.code)} onChange={() => toggle(c.code)} />
            {c.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={command.busy}>
        Save shipping
      </button>
      <CommandOutcome command={command} done="Shipping saved." />
    </form>
  );
}

interface ZoneRow {
  name: string;
  regions: string;
  fee: string;
}

const regionList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((r) => r.trim().toUpperCase())
    .filter(Boolean);

function TemplateForm() {
  const { currency } = useShop();
  const [zones, setZones] = useState<ZoneRow[]>([{ name: 'Domestic', regions: 'US', fee: '' }]);
  const [excluded, setExcluded] = useState('');
  const [threshold, setThreshold] = useState('');
  const [discount, setDiscount] = useState('0');
  const [problem, setProblem] = useState<string>();
  const command = useCommand();
  const unit = currency ? `(${currency})` : '(minor units)';
  const edit = (i: number, change: Partial<ZoneRow>) =>
    setZones((list) => list.map((z, j) => (j === i ? { ...z, ...change } : z)));

  const submit = (e: Event) => {
    e.preventDefault();
    const fees = zones.map((z) => parseMoney(z.fee, currency));
    const freeShippingThreshold = threshold.trim() ? parseMoney(threshold, currency) : null;
    if (fees.some((f) => f === undefined) || freeShippingThreshold === undefined)
      return setProblem('Fees and the threshold must be amounts such as 5.99.');
    setProblem(undefined);
    void command.run('SaveShippingTemplate', {
      zones: zones.map((z, i) => ({ name: z.name.trim(), regions: regionList(z.regions), fee: fees[i] })),
      excludedRegions: regionList(excluded),
      freeShippingThreshold,
      shippingDiscountPercent: Number(discount),
    });
  };

  return (
    <form class="stack-form" aria-label="Shipping template" onSubmit={submit}>
      <p class="hint">
        Regions are countries (US) or regions (US-CA). An excluded region cannot order; the first zone that covers a
        region sets its fee.
      </p>
      {zones.map((zone, i) => (
        <fieldset key={i} class="zone">
          <legend>Zone {i + 1}</legend>
          <label>
            Name
            <input
              required
              maxLength={100}
              value={zone.name}
              onInput={(e) => edit(i, { name: e.currentTarget.value })}
            />
          </label>
          <label>
            Regions
            <input required value={zone.regions} onInput={(e) => edit(i, { regions: e.currentTarget.value })} />
          </label>
          <label>
            Fee {unit}
            <input
              required
              inputMode="decimal"
              value={zone.fee}
              onInput={(e) => edit(i, { fee: e.currentTarget.value })}
            />
          </label>
          {zones.length > 1 && (
            <button type="button" class="secondary" onClick={() => setZones((list) => list.filter((_, j) => j !== i))}>
              Remove zone {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => setZones((list) => [...list, { name: '', regions: '', fee: '' }])}
      >
        Add a zone
      </button>
      <label>
        Excluded regions
        <input value={excluded} onInput={(e) => setExcluded(e.currentTarget.value)} />
      </label>
      <label>
        Free shipping from an item total of {unit} (empty: never)
        <input inputMode="decimal" value={threshold} onInput={(e) => setThreshold(e.currentTarget.value)} />
      </label>
      <label>
        Shipping discount (%)
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={discount}
          onInput={(e) => setDiscount(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={command.busy}>
        Save template
      </button>
      {problem && (
        <p class="outcome error" role="alert">
          {problem}
        </p>
      )}
      <CommandOutcome command={command} done="Template saved." />
    </form>
  );
}

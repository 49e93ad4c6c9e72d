import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import type { Resource } from '../lib/use-resource';

/** The body of a read: its error, a first-load placeholder, or `children(data)`. */
export function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ComponentChildren }) {
  if (resource.error && !resource.data) return <Failure error={resource.error} />;
  if (!resource.data) return <p class="muted">Loading…</p>;
  return (
    <>
      {resource.error && <Failure error={resource.error} />}
      {children(resource.data)}
    </>
  );
}

export function Failure({ error }: { error: ApiError }) {
  return (
    <p class="outcome error" role="alert">
      {error.message}
      {error.code && <code class="code">{error.code}</code>}
    </p>
  );
}

export interface TabItem {
  id: string;
  label: string;
  count?: number;
}

/** Tabs with counts; the panel is the caller's, labelled by the selected tab. */
export function Tabs({
  label,
  items,
  selected,
  onSelect,
  idPrefix,
}: {
  label: string;
  items: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  idPrefix: string;
}) {
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${item.id}`}
          aria-selected={item.id === selected}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={item.id === selected ? 0 : -1}
          data-count={item.count}
          onClick={() => onSelect(item.id)}
        >
          {item.label}
          {item.count !== undefined && <span class="badge">{item.count}</span>}
        </button>
      ))}
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-heading`;
  return (
    <section class="card" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

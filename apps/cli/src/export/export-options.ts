import { canonicalInstant } from '@sce/contracts';
import { EVENT_TYPES, STREAM_CATEGORIES } from '@sce/domain';
import { namesOf, parseOptions, UsageError, wholeNumber } from '../usage';

export const EXPORT_USAGE = `  export [--format ndjson|csv|parquet] [--out FILE] [--shop SHOP_ID] [--type EventType,...]
         [--category ${STREAM_CATEGORIES.join(',')}] [--after POSITION]
         [--recorded-from RFC3339] [--recorded-to RFC3339]
                 the event log, one row per event: NDJSON (each stored event as it is, the default),
                 or CSV and Parquet with a column per envelope and payload field plus the payload's
                 JSON; to FILE or stdout (Parquet needs --out). Filters combine: the shop's events,
                 of those types and stream categories, after POSITION, recorded in [from, to)`;

export type ExportFormat = 'ndjson' | 'csv' | 'parquet';
const FORMATS: readonly ExportFormat[] = ['ndjson', 'csv', 'parquet'];

export interface ExportOptions {
  format: ExportFormat;
  out?: string;
  shopId?: string;
  eventTypes?: string[];
  categories?: string[];
  after: number;
  recordedFrom?: string;
  recordedTo?: string;
}

function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const at = canonicalInstant(value);
  if (!at) throw new UsageError(`--${name} must be an RFC 3339 time such as 2026-11-27T00:00:00Z, not ${value}`);
  return at;
}

/** `export`'s arguments, every one checked: a UsageError names the first that is wrong. */
export function exportOptions(args: string[]): ExportOptions {
  const { values } = parseOptions(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    shop: { type: 'string' },
    type: { type: 'string' },
    category: { type: 'string' },
    after: { type: 'string' },
    'recorded-from': { type: 'string' },
    'recorded-to': { type: 'string' },
  });
  const format = (values.format ?? 'ndjson') as ExportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${format}`);
  if (format === 'parquet' && !values.out)
    throw new UsageError('--format parquet needs --out FILE (Parquet is not a stream)');
  if (values.shop === '') throw new UsageError('--shop needs a shop id');
  const options: ExportOptions = {
    format,
    out: values.out,
    shopId: values.shop,
    eventTypes: namesOf('type', values.type, EVENT_TYPES),
    categories: namesOf('category', values.category, STREAM_CATEGORIES),
    after: wholeNumber('after', values.after) ?? 0,
    recordedFrom: instant('recorded-from', values['recorded-from']),
    recordedTo: instant('recorded-to', values['recorded-to']),
  };
  if (options.recordedFrom && options.recordedTo && options.recordedFrom >= options.recordedTo)
    throw new UsageError('--recorded-from must be before --recorded-to');
  return options;
}

import { cellsOf, type Column } from './event-columns';
import { asText, send, type ExportSink } from './sinks';

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: a field with a quote, comma or line break is quoted, its quotes doubled; none is empty. */
export function csvField(text: string | null): string {
  if (text === null) return '';
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV with a header row, CRLF line ends; lists and objects as their JSON text, times in canonical
 * UTC. (Fields are quoted here, not by csv-stringify: on the export's wide, mostly empty rows the
 * library took 57 µs a row against 5 µs, a twelfth of the export's speed.)
 */
export function csvSink(out: NodeJS.WritableStream, columns: Column[]): ExportSink {
  const cells = cellsOf(columns);
  const empty = columns.map(() => '');
  let header = true;
  const start = async () => {
    if (!header) return;
    header = false;
    await send(out, `${columns.map((c) => csvField(c.name)).join(',')}\r\n`);
  };
  return {
    write: async (events) => {
      await start();
      let text = '';
      for (const event of events) {
        const row = [...empty];
        for (const i of cells(event.type)) {
          const column = columns[i]!;
          row[i] = csvField(asText(column.kind, column.value(event)));
        }
        text += `${row.join(',')}\r\n`;
      }
      await send(out, text);
    },
    close: start,
    abort: async () => undefined,
  };
}

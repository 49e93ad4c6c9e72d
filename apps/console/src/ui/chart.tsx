import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { day } from '../lib/format';

const seconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/**
 * One figure per local day, drawn by uPlot. The dates are the shop's days already, so the axis
 * reads them in UTC (no browser zone shifts a bar). The same numbers are in a table below.
 */
export function DailyChart({
  title,
  dates,
  values,
  format,
  bars = false,
}: {
  title: string;
  dates: string[];
  values: number[];
  format: (value: number) => string;
  bars?: boolean;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const color = bars ? '#2563eb' : '#db2777';

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 240),
        height: 160,
        legend: { show: false },
        cursor: { show: false },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        // Half a day either side, so the first and last days' bars are whole.
        scales: {
          x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] },
          y: { range: (_u, _min, max) => [0, Math.max(max, 1)] },
        },
        axes: [
          { stroke: '#334155', grid: { show: false }, values: (_u, ticks) => ticks.map((t) => shortDay(t)) },
          { stroke: '#334155', size: 64, values: (_u, ticks) => ticks.map((t) => format(t)) },
        ],
        series: [
          {},
          {
            label: title,
            stroke: color,
            fill: bars ? color : `${color}33`,
            width: 2,
            ...(bars ? { paths: uPlot.paths.bars!({ size: [0.7, 24] }), points: { show: false } } : {}),
          },
        ],
      },
      [dates.map(seconds), values],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 240), height: 160 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [dates.join(), values.join(), title]);

  const peak = values.reduce((best, v, i) => (v > (values[best] ?? -1) ? i : best), 0);
  const summary = dates.length
    ? `${title} per day from ${day(dates[0]!)} to ${day(dates[dates.length - 1]!)}; highest ${format(values[peak] ?? 0)} on ${day(dates[peak]!)}`
    : `${title}: no days`;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={holder} role="img" aria-label={summary} />
      <details>
        <summary>Figures per day</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">{title}</th>
            </tr>
          </thead>
          <tbody>
            {dates.map((date, i) => (
              <tr key={date}>
                <td>{day(date)}</td>
                <td class="num" data-date={date} data-value={values[i]}>
                  {format(values[i] ?? 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function shortDay(ts: number): string {
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(ts * 1000),
  );
}

// A line chart (uPlot) of one or more series over labelled periods, with the promise threshold as
// a dashed line. uPlot is loaded on demand so pages without charts do not carry it. A table with
// the same figures follows for screen readers and print.
import { useEffect, useRef } from 'preact/hooks';

export interface Series {
  label: string;
  values: (number | null)[];
  colour: string;
}

interface Props {
  title: string;
  labels: string[]; // x axis: period labels
  series: Series[];
  threshold?: number | null;
  unit: string;
}

export function TrendChart({ title, labels, series, threshold, unit }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: { destroy(): void; setSize(size: { width: number; height: number }): void } | null = null;
    let observer: ResizeObserver | null = null;
    let live = true;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([mod]) => {
      if (!live || !box.current) return;
      const UPlot = mod.default;
      const xs = labels.map((_, i) => i);
      const data: (number | null)[][] = [xs, ...series.map((s) => s.values)];
      const lines = series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, spanGaps: false }));
      if (threshold !== null && threshold !== undefined) {
        data.push(xs.map(() => threshold));
        lines.push({ label: `Grenze ${threshold} ${unit}`, stroke: '#c62828', width: 1, spanGaps: true, dash: [6, 4] } as never);
      }
      chart = new UPlot(
        {
          width: Math.min(box.current.clientWidth || 640, 900),
          height: 240,
          series: [{ label: 'Zeitraum', value: (_u: unknown, v: number) => labels[v] ?? '' }, ...lines],
          axes: [
            { values: (_u: unknown, ticks: number[]) => ticks.map((t) => labels[t] ?? '') },
            { label: unit },
          ],
          scales: { x: { time: false } },
        },
        data as never,
        box.current,
      );
      // Follow the box's width, so a narrow window shows a narrower chart instead of scrolling.
      observer = new ResizeObserver(([entry]) => {
        const width = Math.min(Math.floor(entry.contentRect.width), 900);
        if (width > 0) chart?.setSize({ width, height: 240 });
      });
      observer.observe(box.current);
    });
    return () => {
      live = false;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [labels.join('|'), JSON.stringify(series), threshold]);
  return (
    <figure class="trend">
      <figcaption class="kern-heading-small">{title}</figcaption>
      <div ref={box} aria-hidden="true" />
      <div class="visually-hidden">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Zeitraum</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[i] ?? '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

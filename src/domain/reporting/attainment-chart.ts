import { type SnapshotPeriod } from '../reviews/review-snapshot';

/** One objective across the periods of a pack: what was attained in each, against its target. */
export interface AttainmentSeries {
  /** "AVAILABILITY", "FIRST_RESPONSE_TIME P1". */
  label: string;
  name: string;
  /** What the bars measure: "% available", "% of clocks met", ... */
  unit: string;
  /** The line the bars are judged against, in the bars' unit (100 for time objectives: every clock met). */
  target: number;
  points: { periodStart: string; periodEnd: string; value: number | null; status: 'MET' | 'BREACHED' | 'NO_DATA' }[];
}

const UNITS: Record<string, string> = {
  AVAILABILITY: '% available',
  RATIO: '% good events',
  FIRST_RESPONSE_TIME: '% of clocks met',
  RESOLUTION_TIME: '% of clocks met',
  UPDATE_INTERVAL: '% of clocks met',
};

/**
 * The series of a pack: one per objective (matched across periods by metric and priority, as
 * revisions match them), in the order they first appear; a period where the objective had no
 * terms is a point without value.
 */
export function attainmentSeries(periods: readonly SnapshotPeriod[]): AttainmentSeries[] {
  const out = new Map<string, AttainmentSeries>();
  for (const p of periods) {
    for (const o of p.objectives) {
      const key = `${o.metric}${o.priority ? ` ${o.priority}` : ''}`;
      if (!out.has(key)) {
        const satisfaction = o.metric === 'SATISFACTION';
        const target = o.target === null ? 100 : Number(o.target);
        out.set(key, {
          label: key,
          name: o.name,
          unit: satisfaction ? (target <= 5 ? 'mean score (1-5)' : '% satisfied') : (UNITS[o.metric] ?? '%'),
          target,
          points: periods.map((x) => ({ periodStart: x.start, periodEnd: x.end, value: null, status: 'NO_DATA' as const })),
        });
      }
    }
  }
  periods.forEach((p, i) => {
    for (const o of p.objectives) {
      const s = out.get(`${o.metric}${o.priority ? ` ${o.priority}` : ''}`)!;
      s.points[i] = { periodStart: p.start, periodEnd: p.end, value: o.attainedPercent === null ? null : Number(o.attainedPercent), status: o.status };
    }
  });
  return [...out.values()];
}

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLayout {
  /** The value range of the y axis (bottom, top). */
  min: number;
  max: number;
  ticks: { value: number; y: number; label: string }[];
  bars: { x: number; y: number; width: number; height: number; value: number; status: 'MET' | 'BREACHED' | 'NO_DATA' }[];
  /** Periods without a value: where their "no data" mark goes. */
  gaps: { x: number; width: number }[];
  /** Where the target line is drawn. */
  targetY: number;
  /** One label per period, centred under its bar. */
  labels: { x: number; text: string }[];
}

/** A round step for about `n` ticks over `span`. */
function niceStep(span: number, n: number): number {
  const raw = span / n;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/**
 * Lays out a bar chart of a series in `box` (PDF points, y growing downwards): the y axis spans
 * from a round value below the lowest bar and the target to the scale's top (100%, or 5 for a
 * mean score), so that 99.5 against 99.9 is visible rather than two full bars. Pure: the PDF
 * draws what this returns.
 */
export function layoutChart(series: AttainmentSeries, box: ChartBox, periodLabel: (start: string) => string): ChartLayout {
  const top = series.unit.startsWith('mean score') ? 5 : 100;
  const values = series.points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const lowest = Math.min(series.target, ...values);
  const span = Math.max(top - lowest, top === 5 ? 0.5 : 0.1);
  const step = niceStep(span * 1.25, 4);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const min = Math.max(0, Number((Math.floor((top - span * 1.25) / step) * step).toFixed(decimals)));
  const max = top;
  const yOf = (v: number) => box.y + box.height - ((Math.min(Math.max(v, min), max) - min) / (max - min)) * box.height;
  const ticks: ChartLayout['ticks'] = [];
  for (let v = min; v <= max + step / 1000; v += step) ticks.push({ value: Number(v.toFixed(decimals)), y: yOf(v), label: v.toFixed(decimals) });
  const n = Math.max(series.points.length, 1);
  const slot = box.width / n;
  const width = Math.min(slot * 0.6, 60);
  const bars: ChartLayout['bars'] = [];
  const gaps: ChartLayout['gaps'] = [];
  series.points.forEach((p, i) => {
    const x = box.x + slot * i + (slot - width) / 2;
    if (p.value === null) {
      gaps.push({ x, width });
      return;
    }
    const y = yOf(p.value);
    bars.push({ x, y, width, height: box.y + box.height - y, value: p.value, status: p.status });
  });
  return { min, max, ticks, bars, gaps, targetY: yOf(series.target), labels: series.points.map((p, i) => ({ x: box.x + slot * i + slot / 2, text: periodLabel(p.periodStart) })) };
}

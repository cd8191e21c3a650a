/**
 * OpenSLO's duration shorthand (`1m`, `28d`, `1M`): a whole number and one unit, minutes to years.
 * Months, quarters and years name calendar periods; their lengths in days are OpenSLO's own.
 */
export type ShorthandUnit = 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

export interface Shorthand {
  value: number;
  unit: ShorthandUnit;
}

const SHORTHAND = /^([1-9][0-9]{0,5})([mhdwMQY])$/;

const SECONDS: Record<ShorthandUnit, number> = { m: 60, h: 3600, d: 86_400, w: 7 * 86_400, M: 30 * 86_400, Q: 90 * 86_400, Y: 365 * 86_400 };

/** The shorthand of a text, or null when it is not one ("1.5h", "P1D" and "0d" are not). */
export function parseShorthand(text: unknown): Shorthand | null {
  if (typeof text !== 'string') return null;
  const m = SHORTHAND.exec(text.trim());
  return m ? { value: Number(m[1]), unit: m[2] as ShorthandUnit } : null;
}

export function shorthandSeconds(d: Shorthand): number {
  return d.value * SECONDS[d.unit];
}

/** The shortest exact shorthand of whole seconds, minutes at least: 300 -> "5m", 21600 -> "6h", 259200 -> "3d". */
export function shorthandOf(seconds: number): string {
  for (const unit of ['w', 'd', 'h'] as const) {
    if (seconds % SECONDS[unit] === 0) return `${seconds / SECONDS[unit]}${unit}`;
  }
  return `${Math.max(1, Math.round(seconds / 60))}m`;
}

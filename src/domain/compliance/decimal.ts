import { Decimal } from 'decimal.js';

/**
 * The decimal type of SLA arithmetic. A private constructor (a clone), so that nothing here
 * depends on, or changes, decimal.js's global settings.
 *
 * 100 significant digits: every sum and product of fees (up to 12 integer digits) and
 * percentages is exact; only a quotient that does not terminate (1/3) is cut, 100 digits in.
 * Rounding to what is shown happens once, at the end, with an explicit mode at each call.
 */
export const Dec = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Dec = Decimal;

/** Round half up: 0.5 -> 1, 2.5 -> 3, -0.5 -> -1 (away from zero on a tie). */
export const HALF_UP = Decimal.ROUND_HALF_UP;
/** Truncate towards zero. */
export const DOWN = Decimal.ROUND_DOWN;

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

/**
 * A decimal from a plain decimal string ("12500.00", "99.95") or a finite number. A number is
 * read through its shortest representation (99.99 -> "99.99"), not its binary expansion.
 * Exponents, hex, "Infinity" and "NaN" are refused: they are not amounts anybody writes.
 */
export function toDec(value: string | number, what: string): Dec {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}.`);
    return new Dec(value);
  }
  const text = value.trim();
  if (!DECIMAL_STRING.test(text)) throw new RangeError(`${what} must be a decimal such as "99.95", got "${value}".`);
  return new Dec(text);
}

/** A decimal in plain notation with no trailing zeros ("10", "0.3", "-12.5"), never "1e-7". */
export function plain(value: Dec): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** fast-check generators shared by the property tests. */
import fc from "fast-check";

/**
 * A number spread evenly over [min, max]. (fc.double spreads over exponents, so most of its
 * draws are like 1e-200: networks of those have gradients that are pure rounding noise.)
 */
export const uniform = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: 1e6 }).map((k) => min + (k / 1e6) * (max - min));

/** An r × c matrix as rows of values drawn from `value`. */
export const rowsOf = (r: number, c: number, value: fc.Arbitrary<number>) =>
  fc.array(fc.array(value, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });

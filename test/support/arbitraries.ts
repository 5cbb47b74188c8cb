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

export interface NetworkRanges {
  /** Largest input width (rows 1–8, hidden 1–6 and outputs 1–4 are fixed). */
  maxInput: number;
  /** Inputs are uniform in [−xRange, xRange], weights in [−weightRange, weightRange]. */
  xRange: number;
  weightRange: number;
  /** How each target value is drawn. */
  target: fc.Arbitrary<number>;
}

/** A network of random shape: inputs x, targets y and weights W1, W2 of matching shapes. */
export const randomNetwork = ({ maxInput, xRange, weightRange, target }: NetworkRanges) =>
  fc
    .record({
      nRows: fc.integer({ min: 1, max: 8 }),
      nInput: fc.integer({ min: 1, max: maxInput }),
      nHidden: fc.integer({ min: 1, max: 6 }),
      nOutput: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ nRows, nInput, nHidden, nOutput }) =>
      fc.record({
        x: rowsOf(nRows, nInput, uniform(-xRange, xRange)),
        y: rowsOf(nRows, nOutput, target),
        weights1: rowsOf(nInput, nHidden, uniform(-weightRange, weightRange)),
        weights2: rowsOf(nHidden, nOutput, uniform(-weightRange, weightRange)),
      }),
    );

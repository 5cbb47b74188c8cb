/**
 * A chart is a few hundred pixels wide, so drawing every epoch of a long run only makes the
 * notebook heavy. Keeping each bucket's lowest and highest value (and the first and last epoch)
 * draws the same picture: every spike and dip stays, each kept point a real (epoch, value) pair.
 */
import { ParameterError } from "../errors";
import { roundSignificant } from "../format";

/** Points of one metric: epoch numbers (1-based) with their recorded values. */
export interface Series {
  epoch: number[];
  value: number[];
}

/** Default number of points kept per series: a min and a max per pixel of a 300 px panel. */
export const DEFAULT_MAX_POINTS = 600;

/**
 * Indices to keep from `length` values so that at most about `maxPoints` remain: all of them
 * when they fit, otherwise the first, the last, and each bucket's minimum and maximum.
 */
export function minMaxIndices(values: readonly number[], maxPoints: number): number[] {
  const n = values.length;
  checkMaxPoints(maxPoints);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor((maxPoints - 2) / 2);
  const kept = new Set<number>([0, n - 1]);
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * (n - 2)) / buckets);
    const end = 1 + Math.floor(((b + 1) * (n - 2)) / buckets);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    if (start < end) {
      kept.add(lo);
      kept.add(hi);
    }
  }
  return [...kept].sort((a, b) => a - b);
}

/** One metric per epoch (index 0 = epoch 1) → the points a chart draws. */
export function plotSeries(values: readonly number[], maxPoints = DEFAULT_MAX_POINTS): Series {
  const indices = minMaxIndices(values, maxPoints);
  return {
    epoch: indices.map((i) => i + 1),
    value: indices.map((i) => roundSignificant(values[i])),
  };
}

/** Room for the first, the last and one bucket's min and max. */
function checkMaxPoints(maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new ParameterError(`maxPoints must be an integer ≥ 4, got ${String(maxPoints)}`);
  }
}

import { glibcLog } from "./glibc-log";

/**
 * One Marsaglia polar step as in NumPy's `legacy_gauss`: draw (x1, x2) uniformly in the unit
 * disc (rejecting r² ≥ 1 and r² = 0), then scale both by f = sqrt(-2 ln r² / r²). NumPy returns
 * f·x2 now and keeps f·x1 for the next call, so we return them in that order.
 */
export function polarGaussPair(nextDouble: () => number): { now: number; cached: number } {
  let x1: number;
  let x2: number;
  let r2: number;
  do {
    x1 = 2.0 * nextDouble() - 1.0;
    x2 = 2.0 * nextDouble() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 === 0.0);
  const f = Math.sqrt((-2.0 * glibcLog(r2)) / r2);
  return { now: f * x2, cached: f * x1 };
}

import type { Uint32Source } from "./mt19937";

/**
 * A uniform integer in [0, max] exactly as NumPy's `random_interval` draws it for max < 2^32:
 * mask a 32-bit word down to the smallest all-ones bit pattern covering max and reject draws
 * above max. (Not `floor(u * (max + 1))`: that would consume the stream differently.)
 */
export function randomInterval(nextUint32: Uint32Source, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do {
    value = (nextUint32() & mask) >>> 0;
  } while (value > max);
  return value;
}

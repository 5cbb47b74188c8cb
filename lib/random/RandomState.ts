import { checkFinite, checkInteger, checkSeed } from "../checks";
import { ParameterError } from "../errors";
import { glibcLog } from "./glibcLog";
import { seededMt19937, type Uint32Source } from "./seededMt19937";

const TWO_POW_32 = 4294967296;

/**
 * NumPy's legacy `np.random.RandomState`, bit for bit: the same seed gives the same
 * `random_sample`, `standard_normal`, `normal` and `permutation` draws as NumPy, so the
 * notebooks reproduce the tutorial's weights and train/test split exactly.
 *
 * Like NumPy it is stateful: each call advances the Mersenne Twister, and `standardNormal`
 * keeps the second value of each polar pair for the next call.
 */
export class RandomState {
  private nextUint32: Uint32Source;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: number) {
    this.nextUint32 = seededMt19937(checkSeed(seed));
  }

  /** Re-seed in place, like `np.random.seed(seed)`; also forgets the cached Gaussian. */
  seed(seed: number): void {
    this.nextUint32 = seededMt19937(checkSeed(seed));
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** The next raw 32-bit output word of the Mersenne Twister. */
  randomUint32(): number {
    return this.nextUint32();
  }

  /** A double in [0, 1) from two words: 27 + 26 random bits = 53 bits (`random_sample`). */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * A standard normal draw as NumPy's `legacy_gauss`: Marsaglia's polar method (reject r² ≥ 1
   * and r² = 0), f = sqrt(−2 ln r² / r²); f·x2 is returned now and f·x1 kept for the next call.
   */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.randomSample() - 1.0;
      x2 = 2.0 * this.randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * glibcLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `normal(loc, scale, size=(rows, cols))`: filled row by row, each `loc + scale * z`. */
  normal(loc: number, scale: number, shape: readonly [number, number]): number[][] {
    checkFinite(loc, "loc");
    if (checkFinite(scale, "scale") < 0) {
      throw new ParameterError(`scale must be a finite number ≥ 0, got ${scale}`);
    }
    if (!Array.isArray(shape) || shape.length !== 2) {
      throw new ParameterError(`shape must be [rows, cols], got ${JSON.stringify(shape)}`);
    }
    const rows = checkInteger(shape[0], `shape[0] in shape [${shape.join(", ")}]`);
    const cols = checkInteger(shape[1], `shape[1] in shape [${shape.join(", ")}]`);
    const out: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: number[] = [];
      for (let c = 0; c < cols; c++) row.push(loc + scale * this.standardNormal());
      out.push(row);
    }
    return out;
  }

  /**
   * A uniform integer in [0, max] as NumPy's `random_interval` draws it for max < 2^32: mask a
   * word down to the smallest all-ones pattern covering max and reject draws above max.
   */
  randomInterval(max: number): number {
    if (checkInteger(max, "max", 0) >= TWO_POW_32) {
      throw new ParameterError(`max must be a non-negative integer below 2^32, got ${max}`);
    }
    return this.interval(max);
  }

  /** Shuffle in place like legacy `shuffle` on a 1-D array: Fisher–Yates from the end. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** `permutation(n)`: a shuffled copy of 0, 1, …, n-1. */
  permutation(n: number): number[] {
    if (checkInteger(n, "n", 0) >= TWO_POW_32) {
      throw new ParameterError(`n must be a non-negative integer below 2^32, got ${n}`);
    }
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  private interval(max: number): number {
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
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }
}

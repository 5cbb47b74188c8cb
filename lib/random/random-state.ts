import { checkCount, checkFinite, checkSeed, checkShape } from "./checks";
import { seededMt19937, type Uint32Source } from "./mt19937";
import { polarGaussPair } from "./polar-gauss";
import { randomInterval } from "./random-interval";

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

  /** A standard normal draw with NumPy's legacy polar method and its one-value cache. */
  standardNormal(): number {
    if (this.hasGauss) {
      const cached = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return cached;
    }
    const pair = polarGaussPair(() => this.randomSample());
    this.gauss = pair.cached;
    this.hasGauss = true;
    return pair.now;
  }

  /** `normal(loc, scale, size=(rows, cols))`: filled row by row, each `loc + scale * z`. */
  normal(loc: number, scale: number, shape: readonly [number, number]): number[][] {
    checkFinite("loc", loc);
    checkFinite("scale", scale, true);
    const [rows, cols] = checkShape(shape);
    const out: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: number[] = [];
      for (let c = 0; c < cols; c++) row.push(loc + scale * this.standardNormal());
      out.push(row);
    }
    return out;
  }

  /** A uniform integer in [0, max] by NumPy's masked rejection sampling (`random_interval`). */
  randomInterval(max: number): number {
    checkCount("max", max);
    return randomInterval(this.nextUint32, max);
  }

  /** Shuffle in place like legacy `shuffle` on a 1-D array: Fisher–Yates from the end. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = randomInterval(this.nextUint32, i);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** `permutation(n)`: a shuffled copy of 0, 1, …, n-1. */
  permutation(n: number): number[] {
    checkCount("n", n);
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}

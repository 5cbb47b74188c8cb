import mt19937 from "@stdlib/random-base-mt19937";
import { ParameterError } from "../errors";
import {
  checkElementCount,
  checkFinite,
  checkInteger,
  checkNumber,
  checkSeed,
} from "../validation";
import { glibcLog } from "./glibcLog";

const N = 624;

/**
 * A Mersenne Twister seeded like NumPy's legacy `RandomState(seed)` (the reference
 * `init_genrand`). The state goes to stdlib as an array because its `seed` option rejects 0.
 * Layout (stdlib schema 1): `| version | sections | N | ...N words | 1 | index | 1 | seed |`;
 * index N means "twist first".
 */
function seededMt19937(seed: number): () => number {
  const state = new Uint32Array(N + 7);
  state.set([1, 3, N]);
  let word = seed >>> 0;
  for (let i = 0; i < N; i++) {
    state[3 + i] = word;
    // init_genrand: mt[i+1] = 1812433253 * (mt[i] ^ (mt[i] >> 30)) + (i + 1), mod 2^32
    word = (Math.imul(1812433253, word ^ (word >>> 30)) + i + 1) >>> 0;
  }
  state.set([1, N, 1, seed >>> 0], N + 3);
  return mt19937.factory({ state, copy: false });
}

/** randint's bounds: integers a double holds exactly. */
function checkSafeInteger(value: unknown, name: string): number {
  return checkNumber(value, name, "an integer", Number.isSafeInteger);
}

/**
 * NumPy's legacy `np.random.RandomState`, bit for bit, so the notebooks reproduce the
 * tutorial's weights and train/test split. Stateful like NumPy: each draw advances the twister.
 */

export class RandomState {
  private next: () => number;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: number) {
    this.next = seededMt19937(checkSeed(seed));
  }

  /** The next raw 32-bit output word of the Mersenne Twister. */
  randomUint32(): number {
    return this.next();
  }

  /** Re-seed in place, like `np.random.seed(seed)`; also forgets the cached Gaussian. */
  seed(seed: number): void {
    this.next = seededMt19937(checkSeed(seed));
    this.hasGauss = false;
  }

  /** A double in [0, 1) from two words: 27 + 26 random bits = 53 bits (`random_sample`). */
  randomSample(): number {
    const a = this.randomUint32() >>> 5;
    const b = this.randomUint32() >>> 6;
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
    checkNumber(checkFinite(scale, "scale"), "scale", "a finite number ≥ 0", (v) => v >= 0);
    const [rows, cols] = checkShape2(shape, "normal");
    return Array.from({ length: rows }, () =>
      Array.from({ length: cols }, () => loc + scale * this.standardNormal()),
    );
  }

  /** A uniform integer in [0, max] as NumPy's `random_interval`: mask, reject above max. */
  randomInterval(max: number): number {
    if (checkUint32(max, "max") === 0) return 0;
    const mask = 0xffffffff >>> Math.clz32(max);
    let value: number;
    do {
      value = (this.randomUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /**
   * `randint(low, high, size=(rows, cols))`: integers in [low, high), filled row by row, each
   * `low + randomInterval(high - 1 - low)` — legacy NumPy's masked rejection on 32-bit words,
   * which it uses for every range below 2^32 (wider ranges draw 64-bit words: not supported).
   */
  randint(low: number, high: number, shape: readonly [number, number]): number[][] {
    checkSafeInteger(low, "low");
    checkSafeInteger(high, "high");
    if (high <= low) throw new ParameterError(`randint: low (${low}) must be below high (${high})`);
    if (high - 1 - low >= 2 ** 32) {
      throw new ParameterError(`randint: high − low must be at most 2^32, got ${high - low}`);
    }
    const [rows, cols] = checkShape2(shape, "randint");
    const range = high - 1 - low;
    return Array.from({ length: rows }, () =>
      Array.from({ length: cols }, () => low + this.randomInterval(range)),
    );
  }

  /** Shuffle in place like legacy `shuffle` on a 1-D array: Fisher–Yates from the end. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** `permutation(n)`: a shuffled copy of 0, 1, …, n-1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: checkUint32(n, "n") }, (_, i) => i));
  }
}

/** A draw's size: [rows, cols], both positive integers, within the element bound. */
function checkShape2(shape: unknown, method: string): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new ParameterError(`shape must be [rows, cols], got ${JSON.stringify(shape)}`);
  }
  const rows = checkInteger(shape[0], `shape[0] in shape [${shape.join(", ")}]`);
  const cols = checkInteger(shape[1], `shape[1] in shape [${shape.join(", ")}]`);
  checkElementCount(rows, cols, `${method}: shape [${shape.join(", ")}]`);
  return [rows, cols];
}

/** A count NumPy's legacy generator can draw up to: an integer in [0, 2^32). */
function checkUint32(value: unknown, name: string): number {
  checkInteger(value, name, 0);
  return checkNumber(value, name, "a non-negative integer below 2^32", (v) => v < 4294967296);
}

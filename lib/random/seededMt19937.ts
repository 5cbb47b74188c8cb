import mt19937 from "@stdlib/random-base-mt19937";

/** A generator of uniformly distributed 32-bit unsigned integers (MT19937 output words). */
export type Uint32Source = () => number;

const N = 624;

/**
 * A Mersenne Twister seeded like NumPy's legacy `RandomState(seed)` (`mt19937_seed`, i.e. the
 * reference `init_genrand`). We build the state words ourselves and hand them to stdlib as a
 * state array because stdlib's `seed` option rejects 0, which NumPy accepts.
 *
 * State array layout (stdlib schema version 1):
 * `| version | sections | N | ...N words | 1 | index | 1 | seed |`; index N means "twist first".
 */
export function seededMt19937(seed: number): Uint32Source {
  const state = new Uint32Array(N + 7);
  state[0] = 1;
  state[1] = 3;
  state[2] = N;
  let word = seed >>> 0;
  for (let i = 0; i < N; i++) {
    state[3 + i] = word;
    // init_genrand: mt[i+1] = 1812433253 * (mt[i] ^ (mt[i] >> 30)) + (i + 1), mod 2^32
    word = (Math.imul(1812433253, word ^ (word >>> 30)) + i + 1) >>> 0;
  }
  state[N + 3] = 1;
  state[N + 4] = N;
  state[N + 5] = 1;
  state[N + 6] = seed >>> 0;
  return mt19937.factory({ state, copy: false });
}

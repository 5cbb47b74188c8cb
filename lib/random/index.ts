/**
 * NumPy-legacy-compatible randomness: the same seed gives the same numbers as
 * `np.random.seed(seed)` / `np.random.RandomState(seed)`.
 */
export { RandomState } from "./random-state";
export { seededMt19937, type Uint32Source } from "./mt19937";
export { randomInterval } from "./random-interval";
export { polarGaussPair } from "./polar-gauss";
export { glibcLog } from "./glibc-log";
export { fma } from "./fma";

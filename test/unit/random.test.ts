import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError, RandomState } from "../../lib/index";
import { firstBitDifference, loadNumpyVectors, runOp } from "../fixtures/numpy-vectors";

const vectors = loadNumpyVectors();

/** Bit-exact comparison with a message that names the first differing index and both values. */
function assertBitIdentical(actual: number[], expected: number[], what: string): void {
  const i = firstBitDifference(actual, expected);
  assert.equal(
    i,
    -1,
    `${what}: first difference at index ${i}: ${actual[i]} vs NumPy ${expected[i]}`,
  );
}

for (const v of vectors.seeds) {
  test(`seed ${v.seed}: raw MT19937 words equal NumPy's RandomState stream`, () => {
    const rng = new RandomState(v.seed);
    assertBitIdentical(
      v.uint32.map(() => rng.randomUint32()),
      v.uint32,
      "uint32",
    );
  });

  test(`seed ${v.seed}: randomSample equals random_sample bit for bit`, () => {
    const rng = new RandomState(v.seed);
    assertBitIdentical(
      v.randomSample.map(() => rng.randomSample()),
      v.randomSample,
      "random_sample",
    );
  });

  test(`seed ${v.seed}: standardNormal equals legacy standard_normal bit for bit`, () => {
    const rng = new RandomState(v.seed);
    assertBitIdentical(
      v.standardNormal.map(() => rng.standardNormal()),
      v.standardNormal,
      "standard_normal",
    );
  });

  test(`seed ${v.seed}: np.random.seed; normal(scale=0.5, size=(4,2)) then (2,3)`, () => {
    const rng = new RandomState(12345);
    rng.seed(v.seed);
    const w1 = rng.normal(0, 0.5, [4, 2]);
    const w2 = rng.normal(0, 0.5, [2, 3]);
    assert.deepEqual([w1.length, w1[0].length, w2.length, w2[0].length], [4, 2, 2, 3]);
    assertBitIdentical([...w1.flat(), ...w2.flat()], v.tutorialNormal.flat(2), "normal");
  });

  test(`seed ${v.seed}: permutation(n) equals NumPy for n in 1, 2, 3, 10, 150, 1000`, () => {
    for (const [n, expected] of Object.entries(v.permutations)) {
      assert.deepEqual(new RandomState(v.seed).permutation(Number(n)), expected, `n=${n}`);
    }
  });

  test(`seed ${v.seed}: interleaved calls keep NumPy's cached Gaussian in step`, () => {
    const rng = new RandomState(v.seed);
    vectors.interleavedOps.forEach((op, k) => {
      const got = runOp(rng, v.seed, op);
      const want = v.interleaved[k];
      if (want === null || got === null) {
        assert.equal(got, want);
        return;
      }
      assertBitIdentical(got.flat(), want.flat(), `op ${k} ${JSON.stringify(op)}`);
    });
  });
}

test("seed() forgets the cached second Gaussian, like np.random.seed", () => {
  const rng = new RandomState(3);
  const first = rng.standardNormal();
  rng.standardNormal(); // the cached value is consumed here...
  rng.standardNormal(); // ...and this one leaves a new value cached
  rng.seed(3);
  assert.ok(Object.is(rng.standardNormal(), first));
});

test("shuffle reorders any array exactly like permutation reorders indices", () => {
  const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i));
  const order = new RandomState(42).permutation(26);
  const shuffled = new RandomState(42).shuffle([...letters]);
  assert.deepEqual(
    shuffled,
    order.map((i) => letters[i]),
  );
});

test("permutation(0) is empty and permutation(n) is a permutation of 0..n-1", () => {
  assert.deepEqual(new RandomState(1).permutation(0), []);
  const p = new RandomState(1).permutation(500);
  assert.deepEqual(
    [...p].sort((a, b) => a - b),
    Array.from({ length: 500 }, (_, i) => i),
  );
});

test("randomInterval stays within [0, max] and is 0 for max 0", () => {
  const rng = new RandomState(10);
  assert.equal(rng.randomInterval(0), 0);
  for (const max of [1, 2, 5, 7, 100, 2 ** 31, 2 ** 32 - 1]) {
    for (let k = 0; k < 50; k++) {
      const v = rng.randomInterval(max);
      assert.ok(Number.isInteger(v) && v >= 0 && v <= max, `${v} outside [0, ${max}]`);
    }
  }
});

test("invalid seeds raise ParameterError naming the seed and its value", () => {
  for (const bad of [-1, 2 ** 32, 1.5, NaN, Infinity]) {
    assert.throws(
      () => new RandomState(bad),
      (e: unknown) =>
        e instanceof ParameterError &&
        e.message === `seed must be an integer in [0, 2^32), got ${bad}`,
    );
    assert.throws(() => new RandomState(0).seed(bad), ParameterError);
  }
  assert.doesNotThrow(() => new RandomState(2 ** 32 - 1));
});

test("normal rejects negative or non-finite scale, non-finite loc and bad shapes", () => {
  const rng = new RandomState(0);
  assert.throws(() => rng.normal(0, -0.5, [2, 2]), /scale must be a finite number ≥ 0, got -0.5/);
  assert.throws(() => rng.normal(0, NaN, [2, 2]), /scale .* got NaN/);
  assert.throws(() => rng.normal(0, Infinity, [2, 2]), /scale .* got Infinity/);
  assert.throws(() => rng.normal(NaN, 1, [2, 2]), /loc must be a finite number, got NaN/);
  assert.throws(
    () => rng.normal(0, 1, [0, 2]),
    /shape\[0\] in shape \[0, 2\] must be a positive integer, got 0/,
  );
  assert.throws(
    () => rng.normal(0, 1, [2, 1.5]),
    /shape\[1\] in shape \[2, 1.5\] must be a positive integer, got 1.5/,
  );
  assert.throws(() => rng.normal(0, 1, [2] as unknown as [number, number]), /shape must be/);
  assert.ok(
    rng
      .normal(1, 0, [1, 2])
      .flat()
      .every((v) => v === 1),
  );
});

test("permutation and randomInterval reject negative or fractional sizes", () => {
  const rng = new RandomState(0);
  assert.throws(() => rng.permutation(-1), /n must be an integer ≥ 0, got -1/);
  assert.throws(
    () => rng.permutation(2 ** 32),
    /n must be a non-negative integer below 2\^32, got 4294967296/,
  );
  assert.throws(
    () => rng.randomInterval(2 ** 32),
    /max must be a non-negative integer below 2\^32, got 4294967296/,
  );
  assert.throws(() => rng.permutation(2.5), /got 2.5/);
  assert.throws(() => rng.randomInterval(-3), /max must be .* got -3/);
});

test("randint(1, 10, (2, 2)) after seed 0 twice gives the tutorial's A and B", () => {
  // np.random.seed(0); A = np.random.randint(1, 10, size=(2, 2)); B = …
  const rng = new RandomState(0);
  assert.deepEqual(rng.randint(1, 10, [2, 2]), [
    [6, 1],
    [4, 4],
  ]);
  assert.deepEqual(rng.randint(1, 10, [2, 2]), [
    [8, 4],
    [6, 3],
  ]);
});

test("randint refuses an empty or too wide range and non-integer bounds, naming them", () => {
  const rng = new RandomState(0);
  assert.throws(() => rng.randint(5, 5, [1, 1]), /randint: low \(5\) must be below high \(5\)/);
  assert.throws(() => rng.randint(0, 2 ** 32 + 1, [1, 1]), /high − low must be at most 2\^32/);
  assert.throws(() => rng.randint(0.5, 3, [1, 1]), /low must be an integer, got 0\.5/);
  assert.throws(() => rng.randint(0, 3, [0, 1]), /shape\[0\]/);
});

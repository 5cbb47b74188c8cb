import { test } from "node:test";
import assert from "node:assert/strict";
import { glibcLog } from "../../lib/random/glibcLog";
import { fma } from "../../lib/random/fma";
import { RandomState } from "../../lib/random/RandomState";
import { firstBitDifference, loadNumpyVectors } from "../fixtures/numpy-vectors";

test("glibcLog equals the C library log() NumPy calls, bit for bit", () => {
  const { inputs, outputs } = loadNumpyVectors().log;
  assert.ok(inputs.length > 4000);
  const got = inputs.map(glibcLog);
  const i = firstBitDifference(got, outputs);
  assert.equal(i, -1, `log(${inputs[i]}) = ${got[i]}, C library: ${outputs[i]}`);
});

test("glibcLog handles the special values like every libm", () => {
  assert.equal(glibcLog(0), -Infinity);
  assert.equal(glibcLog(Infinity), Infinity);
  assert.ok(Number.isNaN(glibcLog(-1)));
  assert.ok(Number.isNaN(glibcLog(NaN)));
  assert.ok(Object.is(glibcLog(1), 0));
});

/** The rounding error of a*b by Dekker's exact product (Veltkamp split): independent of fma. */
function dekkerProductError(a: number, b: number): number {
  const split = (x: number): [number, number] => {
    const c = 134217729 * x; // 2^27 + 1
    const hi = c - (c - x);
    return [hi, x - hi];
  };
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

test("fma(a, b, -a*b) is the exact rounding error of a*b (Dekker)", () => {
  const rng = new RandomState(99);
  for (let k = 0; k < 2000; k++) {
    const a = (rng.randomSample() - 0.5) * 2 ** (rng.randomInterval(60) - 30);
    const b = (rng.randomSample() - 0.5) * 2 ** (rng.randomInterval(60) - 30);
    assert.ok(Object.is(fma(a, b, -(a * b)), dekkerProductError(a, b)), `a=${a} b=${b}`);
  }
});

test("fma rounds once: (1+2^-52)^2 - 1 keeps the 2^-104 term", () => {
  const e = 2 ** -52;
  assert.equal(fma(1 + e, 1 + e, -1), 2 * e + e * e);
  assert.equal((1 + e) * (1 + e) - 1, 2 * e); // the unfused expression loses it
  assert.equal(fma(2, 3, 4), 10);
  assert.ok(Object.is(fma(-0, 1, -0), -0));
  assert.ok(Object.is(fma(1, 1, -1), 0));
  assert.ok(Object.is(fma(2 ** -600, 2 ** -500, 0), 0)); // 2^-1100 underflows to +0
  assert.equal(fma(2 ** -537, 2 ** -537, 0), 2 ** -1074);
  assert.equal(fma(3 * 2 ** -538, 2 ** -537, 0), 2 ** -1074 * 2); // 1.5 quanta → even (2)
  assert.equal(fma(1, 2, Infinity), Infinity);
  assert.ok(Number.isNaN(fma(Infinity, 0, 1)));
});

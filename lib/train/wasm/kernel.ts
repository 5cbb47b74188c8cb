// The training engine's kernel, in AssemblyScript (compiled to WebAssembly with 128-bit SIMD by
// lib/train/wasm/build.mjs; not part of the TypeScript build). lib/train/engine.ts lays out the
// buffers in the instance's memory and writes their byte offsets to `run`; nothing here allocates.
//
// Two lanes hold two neighbouring hidden units (or outputs), never two rows: every sum keeps one
// accumulator per matrix element and adds its terms in the order of the mathjs path (inner index
// ascending, rows in order), so vectorising changes no rounding. No fused multiply-add, for the
// same reason. Layouts (row-major, f64): x rows×nInput; y and outputs rows×nOutputPadded; W1 and
// its gradient nInput×nHiddenPadded; W2 nHiddenPadded×nOutputPadded; W2ᵀ and the W2 gradient
// (transposed) nOutput×nHiddenPadded. Padding units have zero weights, so they add exact zeros.

import {
  C_120TH,
  C_24TH,
  C_FAST_RANGE,
  C_HALF,
  C_INV_LN2_N,
  C_NEG_LN2_HI_N,
  C_NEG_LN2_LO_N,
  C_ONE,
  C_ROUND_SHIFT,
  C_SIXTH,
  RUN,
  RUN_CORRECT,
  RUN_DELTA2,
  RUN_G1,
  RUN_G2T,
  RUN_HIDDEN,
  RUN_HP,
  RUN_LABELS,
  RUN_LEARNING_RATE,
  RUN_N,
  RUN_N_HIDDEN,
  RUN_N_INPUT,
  RUN_N_OUTPUT,
  RUN_OP,
  RUN_OUTPUTS,
  RUN_ROWS,
  RUN_SQUARED_ERRORS,
  RUN_W1,
  RUN_W2,
  RUN_W2T,
  RUN_X,
  RUN_Y,
  TABLE,
} from "./layout";

// V8's Math.exp (the mathjs path's), for the rare arguments outside the fast range.
declare function exp(x: f64): f64;

// e^x = 2^k · 2^(j/128) · e^r with x = (128k + j)·ln2/128 + r, |r| ≤ ln2/256. The host writes
// the table at TABLE, 16 bytes per j: the bits of 2^(j/128) minus j << 45 (so adding the
// bits of 128k + j shifted left by 45 puts k in the exponent: an exact multiplication by 2^k),
// and the double's rounding error relative to 2^(j/128).
//
// After the table, the exp's constants as pairs (host-written, 16 bytes each, at the offsets
// of layout.ts): loading a pair is one instruction, where V8 materialises a vector constant
// with several.

/**
 * The resident run, after the constants (layout.ts): host-written when the run moves into
 * memory (the learning rate before each update), so that calls from JavaScript pass no
 * arguments and V8 boxes no number; an epoch's results, Σ(out − y)² and the argmax hits, come
 * back in it too. hp and op are nHidden and nOutput rounded up to even; the rest are buffers'
 * byte offsets. Each field reads its offset in layout.ts.
 */
@unmanaged
class Run {
  @inline get squaredErrors(): f64 {
    return load<f64>(RUN_SQUARED_ERRORS);
  }
  @inline set squaredErrors(value: f64) {
    store<f64>(RUN_SQUARED_ERRORS, value);
  }
  @inline get correct(): i32 {
    return load<i32>(RUN_CORRECT);
  }
  @inline set correct(value: i32) {
    store<i32>(RUN_CORRECT, value);
  }
  @inline get learningRate(): f64 {
    return load<f64>(RUN_LEARNING_RATE);
  }
  @inline get n(): f64 {
    return load<f64>(RUN_N);
  }
  @inline get rows(): i32 {
    return load<i32>(RUN_ROWS);
  }
  @inline get nInput(): i32 {
    return load<i32>(RUN_N_INPUT);
  }
  @inline get nOutput(): i32 {
    return load<i32>(RUN_N_OUTPUT);
  }
  @inline get nHidden(): i32 {
    return load<i32>(RUN_N_HIDDEN);
  }
  @inline get hp(): i32 {
    return load<i32>(RUN_HP);
  }
  @inline get op(): i32 {
    return load<i32>(RUN_OP);
  }
  @inline get x(): usize {
    return load<usize>(RUN_X);
  }
  @inline get y(): usize {
    return load<usize>(RUN_Y);
  }
  @inline get labels(): usize {
    return load<usize>(RUN_LABELS);
  }
  @inline get w1(): usize {
    return load<usize>(RUN_W1);
  }
  @inline get w2(): usize {
    return load<usize>(RUN_W2);
  }
  @inline get w2t(): usize {
    return load<usize>(RUN_W2T);
  }
  @inline get g1(): usize {
    return load<usize>(RUN_G1);
  }
  @inline get g2t(): usize {
    return load<usize>(RUN_G2T);
  }
  @inline get hidden(): usize {
    return load<usize>(RUN_HIDDEN);
  }
  @inline get outputs(): usize {
    return load<usize>(RUN_OUTPUTS);
  }
  @inline get delta2(): usize {
    return load<usize>(RUN_DELTA2);
  }
}

const run = changetype<Run>(RUN);

const FAST_RANGE: f64 = 708.0;

/** e^x in both lanes, within 1 ulp of Math.exp; NaN, ±∞ and |x| ≥ 708 go to Math.exp. */
function expv(x: v128): v128 {
  const roundShift = v128.load(C_ROUND_SHIFT);
  const shifted = f64x2.add(f64x2.mul(v128.load(C_INV_LN2_N), x), roundShift);
  const kd = f64x2.sub(shifted, roundShift);
  const r = f64x2.add(
    f64x2.add(x, f64x2.mul(kd, v128.load(C_NEG_LN2_HI_N))),
    f64x2.mul(kd, v128.load(C_NEG_LN2_LO_N)),
  );
  // the low bits of `shifted` are 128k + j (two's complement)
  const a = v128.load(TABLE + (((<usize>i64x2.extract_lane(shifted, 0)) & 127) << 4));
  const b = v128.load(TABLE + (((<usize>i64x2.extract_lane(shifted, 1)) & 127) << 4));
  const scale = i64x2.add(i64x2.shuffle(a, b, 0, 2), i64x2.shl(shifted, 45));
  const tail = i64x2.shuffle(a, b, 1, 3);
  const r2 = f64x2.mul(r, r);
  const low = f64x2.add(v128.load(C_HALF), f64x2.mul(r, v128.load(C_SIXTH)));
  const high = f64x2.add(v128.load(C_24TH), f64x2.mul(r, v128.load(C_120TH)));
  const expR = f64x2.add(
    f64x2.add(f64x2.add(tail, r), f64x2.mul(r2, low)),
    f64x2.mul(f64x2.mul(r2, r2), high),
  );
  let result = f64x2.add(scale, f64x2.mul(scale, expR));
  if (!i64x2.all_true(f64x2.lt(f64x2.abs(x), v128.load(C_FAST_RANGE)))) {
    const x0 = f64x2.extract_lane(x, 0);
    const x1 = f64x2.extract_lane(x, 1);
    if (!(Math.abs(x0) < FAST_RANGE)) result = f64x2.replace_lane(result, 0, exp(x0));
    if (!(Math.abs(x1) < FAST_RANGE)) result = f64x2.replace_lane(result, 1, exp(x1));
  }
  return result;
}

/** σ(z) = 1 / (1 + e^(−z)) in both lanes. */
function sigmoidv(z: v128): v128 {
  const one = v128.load(C_ONE);
  return f64x2.div(one, f64x2.add(one, expv(f64x2.neg(z))));
}

/** The gradient through a sigmoid with output s: (upstream·s)·(1 − s). */
function sigmoidBackward(upstream: v128, s: v128): v128 {
  return f64x2.mul(f64x2.mul(upstream, s), f64x2.sub(v128.load(C_ONE), s));
}

/** Adds a·b to the two sums at `at`: one row's term of a gradient. */
function addProduct(at: usize, a: v128, b: v128): void {
  v128.store(at, f64x2.add(v128.load(at), f64x2.mul(a, b)));
}

/** Adds a·b, then c·d, to the two sums at `at`: two rows' terms of a gradient, in row order. */
function addProducts(at: usize, a: v128, b: v128, c: v128, d: v128): void {
  v128.store(at, f64x2.add(f64x2.add(v128.load(at), f64x2.mul(a, b)), f64x2.mul(c, d)));
}

/** e^x for n values (n even) from `from` to `to`: lets the tests compare with Math.exp. */
export function expArray(from: usize, to: usize, n: i32): void {
  for (let q = 0; q < n; q += 2) {
    v128.store(to + ((<usize>q) << 3), expv(v128.load(from + ((<usize>q) << 3))));
  }
}

/** Lanes `column`, `column` + 1 of v·M, v n values and M n×width: the terms added in order. */
function timesColumns(v: usize, n: i32, m: usize, width: i32, column: usize): v128 {
  let z = f64x2.mul(v128.load64_splat(v), v128.load(m + column));
  for (let j = 1; j < n; j++) {
    const weights = m + (((<usize>(j * width)) << 3) + column);
    z = f64x2.add(z, f64x2.mul(v128.load64_splat(v + ((<usize>j) << 3)), v128.load(weights)));
  }
  return z;
}

/** A layer for one row: σ(input·W) into `output`, input n values and W n×width (width even). */
function layer(input: usize, n: i32, weights: usize, width: i32, output: usize): void {
  for (let c = 0; c < width; c += 2) {
    const column = (<usize>c) << 3;
    v128.store(output + column, sigmoidv(timesColumns(input, n, weights, width, column)));
  }
}

/** The output layer's outputs for all rows of the run into its `outputs`. */
export function forward(): void {
  for (let i = 0; i < run.rows; i++) {
    layer(run.x + ((<usize>(i * run.nInput)) << 3), run.nInput, run.w1, run.hp, run.hidden);
    layer(run.hidden, run.hp, run.w2, run.op, run.outputs + ((<usize>(i * run.op)) << 3));
  }
}

/** Zeroes the gradients and the results: the start of an epoch. */
function startEpoch(): void {
  memory.fill(run.g1, 0, (<usize>(run.nInput * run.hp)) << 3);
  memory.fill(run.g2t, 0, (<usize>(run.nOutput * run.hp)) << 3);
  run.squaredErrors = 0;
  run.correct = 0;
}

/**
 * Rows from…to − 1 of an epoch, any shape: forward pass, Σ(out − y)² (row-major order) and
 * argmax hits (added to the results), δ₂ = ((out − y)·out)·(1 − out), δ₁ = ((δ₂·W2ᵀ)·h)·(1 − h),
 * and their terms of the gradients Σ hᵀ·δ₂ and Σ xᵀ·δ₁. Padded targets hold 0.5 = σ(0), what a
 * padding output computes, so its δ₂ is exactly 0.
 */
function rowsAnyShape(from: i32, to: i32): void {
  const nInput = run.nInput;
  const nOutput = run.nOutput;
  const hp = run.hp;
  const op = run.op;
  const w2t = run.w2t;
  const g1 = run.g1;
  const g2t = run.g2t;
  const hidden = run.hidden;
  const delta2 = run.delta2;
  let squaredErrors = run.squaredErrors;
  let hits = run.correct;
  for (let i = from; i < to; i++) {
    const xi = run.x + ((<usize>(i * nInput)) << 3);
    const yi = run.y + ((<usize>(i * op)) << 3);
    const output = run.outputs + ((<usize>(i * op)) << 3);
    layer(xi, nInput, run.w1, hp, hidden); // h = σ(x_i·W1)
    layer(hidden, hp, run.w2, op, output); // out = σ(h·W2)
    let best = 0;
    for (let o = 0; o < nOutput; o++) {
      const out = load<f64>(output + ((<usize>o) << 3));
      const error = out - load<f64>(yi + ((<usize>o) << 3));
      squaredErrors += error * error;
      if (out > load<f64>(output + ((<usize>best) << 3))) best = o;
    }
    // One output answers yes or no: yes when it exceeds 0.5 (NumPy's round, halves to even).
    if (nOutput == 1) best = load<f64>(output) > 0.5 ? 1 : 0;
    if (best == load<i32>(run.labels + ((<usize>i) << 2))) hits++;
    for (let o = 0; o < op; o += 2) {
      const at = (<usize>o) << 3;
      const out = v128.load(output + at);
      v128.store(delta2 + at, sigmoidBackward(f64x2.sub(out, v128.load(yi + at)), out));
    }
    for (let kp = 0; kp < hp; kp += 2) {
      const column = (<usize>kp) << 3;
      const h = v128.load(hidden + column);
      const delta1 = sigmoidBackward(timesColumns(delta2, nOutput, w2t, hp, column), h);
      for (let o = 0; o < nOutput; o++) {
        const d = v128.load64_splat(delta2 + ((<usize>o) << 3));
        addProduct(g2t + (((<usize>(o * hp)) << 3) + column), h, d);
      }
      for (let j = 0; j < nInput; j++) {
        const xj = v128.load64_splat(xi + ((<usize>j) << 3));
        addProduct(g1 + (((<usize>(j * hp)) << 3) + column), xj, delta1);
      }
    }
  }
  run.squaredErrors = squaredErrors;
  run.correct = hits;
}

/** One epoch over all rows, any shape (see rowsAnyShape); the gradients are zeroed first. */
export function epochAnyShape(): void {
  startEpoch();
  rowsAnyShape(0, run.rows);
}

/** a0·u0 + a1·u1 + a2·u2, added in that order. */
function dot3(a0: v128, a1: v128, a2: v128, u0: v128, u1: v128, u2: v128): v128 {
  return f64x2.add(f64x2.add(f64x2.mul(a0, u0), f64x2.mul(a1, u1)), f64x2.mul(a2, u2));
}

/** x². */
function square(x: f64): f64 {
  return x * x;
}

/** The index of the largest of three outputs, the first on ties (rowsAnyShape's argmax). */
function argmax3(o0: f64, o1: f64, o2: f64): i32 {
  let best = 0;
  let bestValue = o0;
  if (o1 > bestValue) {
    best = 1;
    bestValue = o1;
  }
  if (o2 > bestValue) best = 2;
  return best;
}

/**
 * One epoch of the run: for 4 inputs and 3 outputs (the tutorial's Iris network) unrolled, two
 * rows at a time, else epochAnyShape. It earns its keep: over 1.3× the general kernel on the
 * tutorial's shapes. Each weight is loaded once for both rows and each gradient element is
 * loaded and stored once per pair, adding row i's term, then row i + 1's (the row order of the
 * sums); an odd last row goes through rowsAnyShape. Same operations in the same order as
 * epochAnyShape for every element, so the same bits (test/unit/engine.test.ts). `hidden` holds
 * two rows of hidden outputs.
 */
export function epoch(): void {
  if (run.nInput != 4 || run.nOutput != 3) {
    epochAnyShape();
    return;
  }
  startEpoch();
  const rows = run.rows;
  const row = (<usize>run.hp) << 3; // bytes per row of W1, W2ᵀ and their gradients
  const row2 = row * 2;
  const row3 = row * 3;
  const w1 = run.w1;
  const w2 = run.w2;
  const w2t = run.w2t;
  const g1 = run.g1;
  const g2t = run.g2t;
  const hidden = run.hidden;
  const hiddenB = hidden + row;
  let squaredErrors: f64 = 0;
  let hits: i32 = 0;
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const xa = run.x + ((<usize>i) << 5);
    const ya = run.y + ((<usize>i) << 5);
    const a0 = v128.load64_splat(xa);
    const a1 = v128.load64_splat(xa, 8);
    const a2 = v128.load64_splat(xa, 16);
    const a3 = v128.load64_splat(xa, 24);
    const b0 = v128.load64_splat(xa, 32);
    const b1 = v128.load64_splat(xa, 40);
    const b2 = v128.load64_splat(xa, 48);
    const b3 = v128.load64_splat(xa, 56);
    // −0 + x = x for every x, so from −0 the sums add the general kernel's terms, no more
    let za01 = f64x2.splat(-0.0);
    let za23 = za01;
    let zb01 = za01;
    let zb23 = za01;
    for (let c: usize = 0; c < row; c += 16) {
      const p = w1 + c;
      const u0 = v128.load(p);
      const u1 = v128.load(p + row);
      const u2 = v128.load(p + row2);
      const u3 = v128.load(p + row3);
      const ha = sigmoidv(f64x2.add(dot3(a0, a1, a2, u0, u1, u2), f64x2.mul(a3, u3)));
      const hb = sigmoidv(f64x2.add(dot3(b0, b1, b2, u0, u1, u2), f64x2.mul(b3, u3)));
      v128.store(hidden + c, ha);
      v128.store(hiddenB + c, hb);
      const v = w2 + (c << 2); // W2 rows k and k + 1, 4 columns each
      const v00 = v128.load(v);
      const v01 = v128.load(v, 16);
      const v10 = v128.load(v, 32);
      const v11 = v128.load(v, 48);
      const ha0 = i64x2.shuffle(ha, ha, 0, 0);
      const hb0 = i64x2.shuffle(hb, hb, 0, 0);
      za01 = f64x2.add(za01, f64x2.mul(ha0, v00));
      za23 = f64x2.add(za23, f64x2.mul(ha0, v01));
      zb01 = f64x2.add(zb01, f64x2.mul(hb0, v00));
      zb23 = f64x2.add(zb23, f64x2.mul(hb0, v01));
      const ha1 = i64x2.shuffle(ha, ha, 1, 1);
      const hb1 = i64x2.shuffle(hb, hb, 1, 1);
      za01 = f64x2.add(za01, f64x2.mul(ha1, v10));
      za23 = f64x2.add(za23, f64x2.mul(ha1, v11));
      zb01 = f64x2.add(zb01, f64x2.mul(hb1, v10));
      zb23 = f64x2.add(zb23, f64x2.mul(hb1, v11));
    }
    // outputs 0, 1 of each row, and output 2 of both rows in one vector (lane 3 is padding)
    const outA01 = sigmoidv(za01);
    const outB01 = sigmoidv(zb01);
    const out2 = sigmoidv(i64x2.shuffle(za23, zb23, 0, 2));
    // both rows' squared errors, row-major, and argmax hits
    const oa0 = f64x2.extract_lane(outA01, 0);
    const oa1 = f64x2.extract_lane(outA01, 1);
    const oa2 = f64x2.extract_lane(out2, 0);
    const ob0 = f64x2.extract_lane(outB01, 0);
    const ob1 = f64x2.extract_lane(outB01, 1);
    const ob2 = f64x2.extract_lane(out2, 1);
    squaredErrors += square(oa0 - load<f64>(ya));
    squaredErrors += square(oa1 - load<f64>(ya, 8));
    squaredErrors += square(oa2 - load<f64>(ya, 16));
    squaredErrors += square(ob0 - load<f64>(ya, 32));
    squaredErrors += square(ob1 - load<f64>(ya, 40));
    squaredErrors += square(ob2 - load<f64>(ya, 48));
    const labels = run.labels + ((<usize>i) << 2);
    if (argmax3(oa0, oa1, oa2) == load<i32>(labels)) hits++;
    if (argmax3(ob0, ob1, ob2) == load<i32>(labels, 4)) hits++;
    const y2 = f64x2.replace_lane(v128.load64_splat(ya, 16), 1, load<f64>(ya, 48));
    const dA01 = sigmoidBackward(f64x2.sub(outA01, v128.load(ya)), outA01);
    const dB01 = sigmoidBackward(f64x2.sub(outB01, v128.load(ya, 32)), outB01);
    const d2 = sigmoidBackward(f64x2.sub(out2, y2), out2);
    const da0 = i64x2.shuffle(dA01, dA01, 0, 0);
    const da1 = i64x2.shuffle(dA01, dA01, 1, 1);
    const da2 = i64x2.shuffle(d2, d2, 0, 0);
    const db0 = i64x2.shuffle(dB01, dB01, 0, 0);
    const db1 = i64x2.shuffle(dB01, dB01, 1, 1);
    const db2 = i64x2.shuffle(d2, d2, 1, 1);
    for (let c: usize = 0; c < row; c += 16) {
      const t = w2t + c;
      const t0 = v128.load(t);
      const t1 = v128.load(t + row);
      const t2 = v128.load(t + row2);
      const ha = v128.load(hidden + c);
      const hb = v128.load(hiddenB + c);
      const deltaA = sigmoidBackward(dot3(da0, da1, da2, t0, t1, t2), ha);
      const deltaB = sigmoidBackward(dot3(db0, db1, db2, t0, t1, t2), hb);
      const q = g2t + c;
      addProducts(q, ha, da0, hb, db0);
      addProducts(q + row, ha, da1, hb, db1);
      addProducts(q + row2, ha, da2, hb, db2);
      const p = g1 + c;
      addProducts(p, a0, deltaA, b0, deltaB);
      addProducts(p + row, a1, deltaA, b1, deltaB);
      addProducts(p + row2, a2, deltaA, b2, deltaB);
      addProducts(p + row3, a3, deltaA, b3, deltaB);
    }
  }
  run.squaredErrors = squaredErrors;
  run.correct = hits;
  rowsAnyShape(i, rows);
}

/** W ← W − η·(gradient / N) for the `size` values at w. */
function descend(w: usize, gradient: usize, size: i32, rate: v128, count: v128): void {
  for (let q = 0; q < size; q += 2) {
    const at = (<usize>q) << 3;
    const step = f64x2.mul(rate, f64x2.div(v128.load(gradient + at), count));
    v128.store(w + at, f64x2.sub(v128.load(w + at), step));
  }
}

/**
 * The run's weight update with the learning rate in `run`: W1 and W2ᵀ descend, then W2 is copied
 * from W2ᵀ; padding units keep zero weights.
 */
export function update(): void {
  const nInput = run.nInput;
  const nOutput = run.nOutput;
  const hp = run.hp;
  const w1 = run.w1;
  const w2t = run.w2t;
  const rate = f64x2.splat(run.learningRate);
  const count = f64x2.splat(run.n);
  descend(w1, run.g1, nInput * hp, rate, count);
  descend(w2t, run.g2t, nOutput * hp, rate, count);
  for (let k = run.nHidden; k < hp; k++) {
    for (let j = 0; j < nInput; j++) store<f64>(w1 + ((<usize>(j * hp + k)) << 3), 0);
    for (let o = 0; o < nOutput; o++) store<f64>(w2t + ((<usize>(o * hp + k)) << 3), 0);
  }
  for (let k = 0; k < hp; k++) {
    for (let o = 0; o < nOutput; o++) {
      const value = load<f64>(w2t + ((<usize>(o * hp + k)) << 3));
      store<f64>(run.w2 + ((<usize>(k * run.op + o)) << 3), value);
    }
  }
}

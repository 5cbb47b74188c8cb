// The training engine's kernel, in AssemblyScript (compiled to WebAssembly with 128-bit SIMD by
// lib/train/wasm/build.mjs; not part of the TypeScript build). lib/train/engine.ts lays out the
// buffers in the instance's memory and passes their byte offsets; nothing here allocates.
//
// Two lanes hold two neighbouring hidden units (or outputs), never two rows: every sum keeps one
// accumulator per matrix element and adds its terms in the order of the mathjs path (inner index
// ascending, rows in order), so vectorising changes no rounding. No fused multiply-add, for the
// same reason. Layouts (row-major, f64): x rows×nInput; y rows×nOutputPadded; W1 and its gradient
// nInput×nHiddenPadded; W2 nHiddenPadded×nOutputPadded; W2ᵀ and the W2 gradient (transposed)
// nOutput×nHiddenPadded. Padding units have zero weights, so they add exact zeros.

// V8's Math.exp (the mathjs path's), for the rare arguments outside the fast range.
declare function exp(x: f64): f64;

// e^x = 2^k · 2^(j/128) · e^r with x = (128k + j)·ln2/128 + r, |r| ≤ ln2/256. The host writes
// the table at this offset, 16 bytes per j: the bits of 2^(j/128) minus j << 45 (so adding the
// bits of 128k + j shifted left by 45 puts k in the exponent: an exact multiplication by 2^k),
// and the double's rounding error relative to 2^(j/128).
let table: usize = 0;

export function setTable(offset: usize): void {
  table = offset;
}

const FAST_RANGE: f64 = 708.0;

// After the table, the constants below as pairs (host-written, 16 bytes each): loading a pair
// is one instruction, where V8 materialises a vector constant with several.
const C_INV_LN2_N = 2048;
const C_ROUND_SHIFT = 2064;
const C_NEG_LN2_HI_N = 2080;
const C_NEG_LN2_LO_N = 2096;
const C_HALF = 2112;
const C_SIXTH = 2128;
const C_24TH = 2144;
const C_120TH = 2160;
const C_ONE = 2176;
const C_FAST_RANGE = 2192;

/** e^x in both lanes, within 1 ulp of Math.exp; NaN, ±∞ and |x| ≥ 708 go to Math.exp. */
function expv(x: v128): v128 {
  const t = table;
  const roundShift = v128.load(t, C_ROUND_SHIFT);
  const shifted = f64x2.add(f64x2.mul(v128.load(t, C_INV_LN2_N), x), roundShift);
  const kd = f64x2.sub(shifted, roundShift);
  const r = f64x2.add(
    f64x2.add(x, f64x2.mul(kd, v128.load(t, C_NEG_LN2_HI_N))),
    f64x2.mul(kd, v128.load(t, C_NEG_LN2_LO_N)),
  );
  // the low bits of `shifted` are 128k + j (two's complement)
  const a = v128.load(t + (((<usize>i64x2.extract_lane(shifted, 0)) & 127) << 4));
  const b = v128.load(t + (((<usize>i64x2.extract_lane(shifted, 1)) & 127) << 4));
  const scale = i64x2.add(i64x2.shuffle(a, b, 0, 2), i64x2.shl(shifted, 45));
  const tail = i64x2.shuffle(a, b, 1, 3);
  const r2 = f64x2.mul(r, r);
  const low = f64x2.add(v128.load(t, C_HALF), f64x2.mul(r, v128.load(t, C_SIXTH)));
  const high = f64x2.add(v128.load(t, C_24TH), f64x2.mul(r, v128.load(t, C_120TH)));
  const expR = f64x2.add(
    f64x2.add(f64x2.add(tail, r), f64x2.mul(r2, low)),
    f64x2.mul(f64x2.mul(r2, r2), high),
  );
  let result = f64x2.add(scale, f64x2.mul(scale, expR));
  if (!i64x2.all_true(f64x2.lt(f64x2.abs(x), v128.load(t, C_FAST_RANGE)))) {
    const x0 = f64x2.extract_lane(x, 0);
    const x1 = f64x2.extract_lane(x, 1);
    if (!(Math.abs(x0) < FAST_RANGE)) result = f64x2.replace_lane(result, 0, exp(x0));
    if (!(Math.abs(x1) < FAST_RANGE)) result = f64x2.replace_lane(result, 1, exp(x1));
  }
  return result;
}

/** σ(z) = 1 / (1 + e^(−z)) in both lanes. */
function sigmoidv(z: v128): v128 {
  const one = v128.load(table, C_ONE);
  return f64x2.div(one, f64x2.add(one, expv(f64x2.neg(z))));
}

/** e^x for n values (n even) from `from` to `to`: lets the tests compare with Math.exp. */
export function expArray(from: usize, to: usize, n: i32): void {
  for (let q = 0; q < n; q += 2) {
    v128.store(to + ((<usize>q) << 3), expv(v128.load(from + ((<usize>q) << 3))));
  }
}

/**
 * The hidden layer of one row: h = σ(x_i·W1) into `hidden` (nHiddenPadded values).
 */
function hiddenLayer(xi: usize, nInput: i32, hp: i32, w1: usize, hidden: usize): void {
  for (let kp = 0; kp < hp; kp += 2) {
    const column = (<usize>kp) << 3;
    let z = f64x2.mul(v128.load64_splat(xi), v128.load(w1 + column));
    for (let j = 1; j < nInput; j++) {
      const weights = w1 + (((<usize>(j * hp)) << 3) + column);
      z = f64x2.add(z, f64x2.mul(v128.load64_splat(xi + ((<usize>j) << 3)), v128.load(weights)));
    }
    v128.store(hidden + column, sigmoidv(z));
  }
}

/** The output layer of one row: out = σ(h·W2) into `output` (nOutputPadded values). */
function outputLayer(hidden: usize, hp: i32, op: i32, w2: usize, output: usize): void {
  for (let o = 0; o < op; o += 2) {
    const column = (<usize>o) << 3;
    let z = f64x2.mul(v128.load64_splat(hidden), v128.load(w2 + column));
    for (let k = 1; k < hp; k++) {
      const weights = w2 + (((<usize>(k * op)) << 3) + column);
      z = f64x2.add(
        z,
        f64x2.mul(v128.load64_splat(hidden + ((<usize>k) << 3)), v128.load(weights)),
      );
    }
    v128.store(output + column, sigmoidv(z));
  }
}

let correct: i32 = 0;

// An epoch's results, after the constants: Σ(out − y)² (f64) and the argmax hits (i32). Written
// to memory rather than returned, so that the call from JavaScript boxes no number.
const R_SQUARED_ERRORS = 2208;
const R_CORRECT = 2216;

function finish(squaredErrors: f64): void {
  store<f64>(table, squaredErrors, R_SQUARED_ERRORS);
  store<i32>(table, correct, R_CORRECT);
}

/**
 * One epoch over all rows, any shape: forward pass, Σ(out − y)² (row-major order) and
 * argmax hits (both into the result slots), δ₂ = ((out − y)·out)·(1 − out), δ₁ = ((δ₂·W2ᵀ)·h)·(1 − h), and the
 * gradients Σ hᵀ·δ₂ and Σ xᵀ·δ₁ (zeroed first). Padded targets hold 0.5 = σ(0), what a padding
 * output computes, so its δ₂ is exactly 0.
 */
function epoch(
  rows: i32,
  nInput: i32,
  nOutput: i32,
  hp: i32,
  op: i32,
  x: usize,
  y: usize,
  labels: usize,
  w1: usize,
  w2: usize,
  w2t: usize,
  g1: usize,
  g2t: usize,
  hidden: usize,
  output: usize,
  delta2: usize,
): void {
  memory.fill(g1, 0, (<usize>(nInput * hp)) << 3);
  memory.fill(g2t, 0, (<usize>(nOutput * hp)) << 3);
  let squaredErrors: f64 = 0;
  let hits: i32 = 0;
  const one = f64x2.splat(1.0);
  for (let i = 0; i < rows; i++) {
    const xi = x + ((<usize>(i * nInput)) << 3);
    const yi = y + ((<usize>(i * op)) << 3);
    hiddenLayer(xi, nInput, hp, w1, hidden);
    outputLayer(hidden, hp, op, w2, output);
    let best = 0;
    for (let o = 0; o < nOutput; o++) {
      const out = load<f64>(output + ((<usize>o) << 3));
      const error = out - load<f64>(yi + ((<usize>o) << 3));
      squaredErrors += error * error;
      if (out > load<f64>(output + ((<usize>best) << 3))) best = o;
    }
    if (best == load<i32>(labels + ((<usize>i) << 2))) hits++;
    for (let o = 0; o < op; o += 2) {
      const at = (<usize>o) << 3;
      const out = v128.load(output + at);
      const error = f64x2.sub(out, v128.load(yi + at));
      v128.store(delta2 + at, f64x2.mul(f64x2.mul(error, out), f64x2.sub(one, out)));
    }
    for (let kp = 0; kp < hp; kp += 2) {
      const column = (<usize>kp) << 3;
      let e = f64x2.mul(v128.load64_splat(delta2), v128.load(w2t + column));
      for (let o = 1; o < nOutput; o++) {
        const weights = w2t + (((<usize>(o * hp)) << 3) + column);
        e = f64x2.add(
          e,
          f64x2.mul(v128.load64_splat(delta2 + ((<usize>o) << 3)), v128.load(weights)),
        );
      }
      const h = v128.load(hidden + column);
      const delta1 = f64x2.mul(f64x2.mul(e, h), f64x2.sub(one, h));
      for (let o = 0; o < nOutput; o++) {
        const at = g2t + (((<usize>(o * hp)) << 3) + column);
        v128.store(
          at,
          f64x2.add(v128.load(at), f64x2.mul(h, v128.load64_splat(delta2 + ((<usize>o) << 3)))),
        );
      }
      for (let j = 0; j < nInput; j++) {
        const at = g1 + (((<usize>(j * hp)) << 3) + column);
        v128.store(
          at,
          f64x2.add(v128.load(at), f64x2.mul(v128.load64_splat(xi + ((<usize>j) << 3)), delta1)),
        );
      }
    }
  }
  correct = hits;
  finish(squaredErrors);
}

/**
 * W ← W − η·(gradient / N) for W1 (nInput×nHiddenPadded) and W2ᵀ (nOutput×nHiddenPadded), then
 * W2 from W2ᵀ; padding units keep zero weights.
 */
function update(
  nInput: i32,
  nOutput: i32,
  nHidden: i32,
  hp: i32,
  op: i32,
  w1: usize,
  w2: usize,
  w2t: usize,
  g1: usize,
  g2t: usize,
  learningRate: f64,
  n: f64,
): void {
  const rate = f64x2.splat(learningRate);
  const count = f64x2.splat(n);
  const w1Size = nInput * hp;
  for (let q = 0; q < w1Size; q += 2) {
    const at = (<usize>q) << 3;
    const w = v128.load(w1 + at);
    v128.store(w1 + at, f64x2.sub(w, f64x2.mul(rate, f64x2.div(v128.load(g1 + at), count))));
  }
  const w2Size = nOutput * hp;
  for (let q = 0; q < w2Size; q += 2) {
    const at = (<usize>q) << 3;
    const w = v128.load(w2t + at);
    v128.store(w2t + at, f64x2.sub(w, f64x2.mul(rate, f64x2.div(v128.load(g2t + at), count))));
  }
  for (let k = nHidden; k < hp; k++) {
    for (let j = 0; j < nInput; j++) store<f64>(w1 + ((<usize>(j * hp + k)) << 3), 0);
    for (let o = 0; o < nOutput; o++) store<f64>(w2t + ((<usize>(o * hp + k)) << 3), 0);
  }
  for (let k = 0; k < hp; k++) {
    for (let o = 0; o < nOutput; o++) {
      store<f64>(w2 + ((<usize>(k * op + o)) << 3), load<f64>(w2t + ((<usize>(o * hp + k)) << 3)));
    }
  }
}

/** The output layer's outputs for all rows into `outputs` (rows×nOutputPadded). */
export function forward(
  rows: i32,
  nInput: i32,
  hp: i32,
  op: i32,
  x: usize,
  w1: usize,
  w2: usize,
  hidden: usize,
  outputs: usize,
): void {
  for (let i = 0; i < rows; i++) {
    const xi = x + ((<usize>(i * nInput)) << 3);
    hiddenLayer(xi, nInput, hp, w1, hidden);
    outputLayer(hidden, hp, op, w2, outputs + ((<usize>(i * op)) << 3));
  }
}

/**
 * `epoch` for 4 inputs and 3 outputs (the tutorial's Iris network), unrolled, two rows at a
 * time: each weight is loaded once for both rows and each gradient element is loaded and stored
 * once per pair, adding row i's term, then row i + 1's (the row order of the sums). An odd last
 * row goes through rows43. Same operations in the same order as `epoch` for every element, so
 * the same bits (test/unit/engine.test.ts). `hidden` holds two rows of hidden outputs.
 */
function epoch43(
  rows: i32,
  hp: i32,
  x: usize,
  y: usize,
  labels: usize,
  w1: usize,
  w2: usize,
  w2t: usize,
  g1: usize,
  g2t: usize,
  hidden: usize,
): void {
  const row = (<usize>hp) << 3; // bytes per row of W1, W2ᵀ and their gradients
  const row2 = row * 2;
  const row3 = row * 3;
  const end = row;
  const hiddenB = hidden + row;
  memory.fill(g1, 0, row << 2);
  memory.fill(g2t, 0, row3);
  let squaredErrors: f64 = 0;
  let hits: i32 = 0;
  const one = f64x2.splat(1.0);
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const xa = x + ((<usize>i) << 5);
    const ya = y + ((<usize>i) << 5);
    const a0 = v128.load64_splat(xa);
    const a1 = v128.load64_splat(xa, 8);
    const a2 = v128.load64_splat(xa, 16);
    const a3 = v128.load64_splat(xa, 24);
    const b0 = v128.load64_splat(xa, 32);
    const b1 = v128.load64_splat(xa, 40);
    const b2 = v128.load64_splat(xa, 48);
    const b3 = v128.load64_splat(xa, 56);
    let za01 = f64x2.splat(0);
    let za23 = f64x2.splat(0);
    let zb01 = f64x2.splat(0);
    let zb23 = f64x2.splat(0);
    for (let c: usize = 0; c < end; c += 16) {
      const p = w1 + c;
      const u0 = v128.load(p);
      const u1 = v128.load(p + row);
      const u2 = v128.load(p + row2);
      const u3 = v128.load(p + row3);
      let za = f64x2.mul(a0, u0);
      za = f64x2.add(za, f64x2.mul(a1, u1));
      za = f64x2.add(za, f64x2.mul(a2, u2));
      za = f64x2.add(za, f64x2.mul(a3, u3));
      let zb = f64x2.mul(b0, u0);
      zb = f64x2.add(zb, f64x2.mul(b1, u1));
      zb = f64x2.add(zb, f64x2.mul(b2, u2));
      zb = f64x2.add(zb, f64x2.mul(b3, u3));
      const ha = sigmoidv(za);
      const hb = sigmoidv(zb);
      v128.store(hidden + c, ha);
      v128.store(hiddenB + c, hb);
      const v = w2 + (c << 2); // W2 rows k and k + 1, 4 columns each
      const v00 = v128.load(v);
      const v01 = v128.load(v, 16);
      const v10 = v128.load(v, 32);
      const v11 = v128.load(v, 48);
      const ha0 = i64x2.shuffle(ha, ha, 0, 0);
      const hb0 = i64x2.shuffle(hb, hb, 0, 0);
      if (c == 0) {
        za01 = f64x2.mul(ha0, v00);
        za23 = f64x2.mul(ha0, v01);
        zb01 = f64x2.mul(hb0, v00);
        zb23 = f64x2.mul(hb0, v01);
      } else {
        za01 = f64x2.add(za01, f64x2.mul(ha0, v00));
        za23 = f64x2.add(za23, f64x2.mul(ha0, v01));
        zb01 = f64x2.add(zb01, f64x2.mul(hb0, v00));
        zb23 = f64x2.add(zb23, f64x2.mul(hb0, v01));
      }
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
    const ea0 = oa0 - load<f64>(ya);
    const ea1 = oa1 - load<f64>(ya, 8);
    const ea2 = oa2 - load<f64>(ya, 16);
    const eb0 = ob0 - load<f64>(ya, 32);
    const eb1 = ob1 - load<f64>(ya, 40);
    const eb2 = ob2 - load<f64>(ya, 48);
    squaredErrors += ea0 * ea0;
    squaredErrors += ea1 * ea1;
    squaredErrors += ea2 * ea2;
    squaredErrors += eb0 * eb0;
    squaredErrors += eb1 * eb1;
    squaredErrors += eb2 * eb2;
    let bestA = 0;
    let bestValueA = oa0;
    if (oa1 > bestValueA) {
      bestA = 1;
      bestValueA = oa1;
    }
    if (oa2 > bestValueA) bestA = 2;
    if (bestA == load<i32>(labels + ((<usize>i) << 2))) hits++;
    let bestB = 0;
    let bestValueB = ob0;
    if (ob1 > bestValueB) {
      bestB = 1;
      bestValueB = ob1;
    }
    if (ob2 > bestValueB) bestB = 2;
    if (bestB == load<i32>(labels + ((<usize>i) << 2), 4)) hits++;
    const errorA01 = f64x2.sub(outA01, v128.load(ya));
    const errorB01 = f64x2.sub(outB01, v128.load(ya, 32));
    const y2 = f64x2.replace_lane(v128.load64_splat(ya, 16), 1, load<f64>(ya, 48));
    const error2 = f64x2.sub(out2, y2);
    const dA01 = f64x2.mul(f64x2.mul(errorA01, outA01), f64x2.sub(one, outA01));
    const dB01 = f64x2.mul(f64x2.mul(errorB01, outB01), f64x2.sub(one, outB01));
    const d2 = f64x2.mul(f64x2.mul(error2, out2), f64x2.sub(one, out2));
    const da0 = i64x2.shuffle(dA01, dA01, 0, 0);
    const da1 = i64x2.shuffle(dA01, dA01, 1, 1);
    const da2 = i64x2.shuffle(d2, d2, 0, 0);
    const db0 = i64x2.shuffle(dB01, dB01, 0, 0);
    const db1 = i64x2.shuffle(dB01, dB01, 1, 1);
    const db2 = i64x2.shuffle(d2, d2, 1, 1);
    for (let c: usize = 0; c < end; c += 16) {
      const t = w2t + c;
      const t0 = v128.load(t);
      const t1 = v128.load(t + row);
      const t2 = v128.load(t + row2);
      let ea = f64x2.mul(da0, t0);
      ea = f64x2.add(ea, f64x2.mul(da1, t1));
      ea = f64x2.add(ea, f64x2.mul(da2, t2));
      let eb = f64x2.mul(db0, t0);
      eb = f64x2.add(eb, f64x2.mul(db1, t1));
      eb = f64x2.add(eb, f64x2.mul(db2, t2));
      const ha = v128.load(hidden + c);
      const hb = v128.load(hiddenB + c);
      const deltaA = f64x2.mul(f64x2.mul(ea, ha), f64x2.sub(one, ha));
      const deltaB = f64x2.mul(f64x2.mul(eb, hb), f64x2.sub(one, hb));
      const q = g2t + c;
      const q0 = f64x2.add(v128.load(q), f64x2.mul(ha, da0));
      v128.store(q, f64x2.add(q0, f64x2.mul(hb, db0)));
      const q1 = f64x2.add(v128.load(q + row), f64x2.mul(ha, da1));
      v128.store(q + row, f64x2.add(q1, f64x2.mul(hb, db1)));
      const q2 = f64x2.add(v128.load(q + row2), f64x2.mul(ha, da2));
      v128.store(q + row2, f64x2.add(q2, f64x2.mul(hb, db2)));
      const p = g1 + c;
      const p0 = f64x2.add(v128.load(p), f64x2.mul(a0, deltaA));
      v128.store(p, f64x2.add(p0, f64x2.mul(b0, deltaB)));
      const p1 = f64x2.add(v128.load(p + row), f64x2.mul(a1, deltaA));
      v128.store(p + row, f64x2.add(p1, f64x2.mul(b1, deltaB)));
      const p2 = f64x2.add(v128.load(p + row2), f64x2.mul(a2, deltaA));
      v128.store(p + row2, f64x2.add(p2, f64x2.mul(b2, deltaB)));
      const p3 = f64x2.add(v128.load(p + row3), f64x2.mul(a3, deltaA));
      v128.store(p + row3, f64x2.add(p3, f64x2.mul(b3, deltaB)));
    }
  }
  correct = hits;
  finish(rows43(i, rows, hp, x, y, labels, w1, w2, w2t, g1, g2t, hidden, squaredErrors));
}

/** Rows from…to − 1 of epoch43 one at a time, adding to its sums and to `correct`. */
function rows43(
  from: i32,
  to: i32,
  hp: i32,
  x: usize,
  y: usize,
  labels: usize,
  w1: usize,
  w2: usize,
  w2t: usize,
  g1: usize,
  g2t: usize,
  hidden: usize,
  squaredErrorsBefore: f64,
): f64 {
  const row = (<usize>hp) << 3; // bytes per row of W1, W2ᵀ and their gradients
  const row2 = row * 2;
  const row3 = row * 3;
  const end = row;
  let squaredErrors = squaredErrorsBefore;
  let hits: i32 = 0;
  const one = f64x2.splat(1.0);
  for (let i = from; i < to; i++) {
    const xi = x + ((<usize>i) << 5);
    const yi = y + ((<usize>i) << 5);
    const x0 = v128.load64_splat(xi);
    const x1 = v128.load64_splat(xi, 8);
    const x2 = v128.load64_splat(xi, 16);
    const x3 = v128.load64_splat(xi, 24);
    let z01 = f64x2.splat(0);
    let z23 = f64x2.splat(0);
    for (let c: usize = 0; c < end; c += 16) {
      const a = w1 + c;
      let z = f64x2.mul(x0, v128.load(a));
      z = f64x2.add(z, f64x2.mul(x1, v128.load(a + row)));
      z = f64x2.add(z, f64x2.mul(x2, v128.load(a + row2)));
      z = f64x2.add(z, f64x2.mul(x3, v128.load(a + row3)));
      const h = sigmoidv(z);
      v128.store(hidden + c, h);
      const h0 = i64x2.shuffle(h, h, 0, 0);
      const h1 = i64x2.shuffle(h, h, 1, 1);
      const v = w2 + (c << 2); // W2 rows k and k + 1, 4 columns each
      if (c == 0) {
        z01 = f64x2.mul(h0, v128.load(v));
        z23 = f64x2.mul(h0, v128.load(v, 16));
      } else {
        z01 = f64x2.add(z01, f64x2.mul(h0, v128.load(v)));
        z23 = f64x2.add(z23, f64x2.mul(h0, v128.load(v, 16)));
      }
      z01 = f64x2.add(z01, f64x2.mul(h1, v128.load(v, 32)));
      z23 = f64x2.add(z23, f64x2.mul(h1, v128.load(v, 48)));
    }
    const out01 = sigmoidv(z01);
    const out23 = sigmoidv(z23);
    const o0 = f64x2.extract_lane(out01, 0);
    const o1 = f64x2.extract_lane(out01, 1);
    const o2 = f64x2.extract_lane(out23, 0);
    const e0 = o0 - load<f64>(yi);
    const e1 = o1 - load<f64>(yi, 8);
    const e2 = o2 - load<f64>(yi, 16);
    squaredErrors += e0 * e0;
    squaredErrors += e1 * e1;
    squaredErrors += e2 * e2;
    let best = 0;
    let bestValue = o0;
    if (o1 > bestValue) {
      best = 1;
      bestValue = o1;
    }
    if (o2 > bestValue) best = 2;
    if (best == load<i32>(labels + ((<usize>i) << 2))) hits++;
    const error01 = f64x2.sub(out01, v128.load(yi));
    const error23 = f64x2.sub(out23, v128.load(yi, 16));
    const d01 = f64x2.mul(f64x2.mul(error01, out01), f64x2.sub(one, out01));
    const d23 = f64x2.mul(f64x2.mul(error23, out23), f64x2.sub(one, out23));
    const d0 = i64x2.shuffle(d01, d01, 0, 0);
    const d1 = i64x2.shuffle(d01, d01, 1, 1);
    const d2 = i64x2.shuffle(d23, d23, 0, 0);
    for (let c: usize = 0; c < end; c += 16) {
      const t = w2t + c;
      let e = f64x2.mul(d0, v128.load(t));
      e = f64x2.add(e, f64x2.mul(d1, v128.load(t + row)));
      e = f64x2.add(e, f64x2.mul(d2, v128.load(t + row2)));
      const h = v128.load(hidden + c);
      const delta1 = f64x2.mul(f64x2.mul(e, h), f64x2.sub(one, h));
      const q = g2t + c;
      v128.store(q, f64x2.add(v128.load(q), f64x2.mul(h, d0)));
      v128.store(q + row, f64x2.add(v128.load(q + row), f64x2.mul(h, d1)));
      v128.store(q + row2, f64x2.add(v128.load(q + row2), f64x2.mul(h, d2)));
      const p = g1 + c;
      v128.store(p, f64x2.add(v128.load(p), f64x2.mul(x0, delta1)));
      v128.store(p + row, f64x2.add(v128.load(p + row), f64x2.mul(x1, delta1)));
      v128.store(p + row2, f64x2.add(v128.load(p + row2), f64x2.mul(x2, delta1)));
      v128.store(p + row3, f64x2.add(v128.load(p + row3), f64x2.mul(x3, delta1)));
    }
  }
  correct += hits;
  return squaredErrors;
}

// The run's parameters, after the result slots (host-written once per run, the learning rate
// before each update): calls from JavaScript then pass no arguments, and V8 boxes nothing.
const P_LEARNING_RATE = 2224;
const P_N = 2232;
const P_INT = 2240; // i32: rows, nInput, nOutput, nHidden, hp, op, then the buffers' offsets

function param(index: i32): i32 {
  return load<i32>(table + P_INT + ((<usize>index) << 2));
}

/** One epoch of the run (`epoch43` for 4 inputs and 3 outputs, else `epoch`). */
export function runEpoch(): void {
  if (param(1) == 4 && param(2) == 3) {
    epoch43(
      param(0),
      param(4),
      param(6),
      param(7),
      param(8),
      param(9),
      param(10),
      param(11),
      param(12),
      param(13),
      param(14),
    );
  } else {
    runEpochAnyShape();
  }
}

/** One epoch of the run through the general kernel. */
export function runEpochAnyShape(): void {
  epoch(
    param(0),
    param(1),
    param(2),
    param(4),
    param(5),
    param(6),
    param(7),
    param(8),
    param(9),
    param(10),
    param(11),
    param(12),
    param(13),
    param(14),
    param(15),
    param(16),
  );
}

/** The run's weight update with the learning rate in its slot. */
export function runUpdate(): void {
  update(
    param(1),
    param(2),
    param(3),
    param(4),
    param(5),
    param(9),
    param(10),
    param(11),
    param(12),
    param(13),
    load<f64>(table, P_LEARNING_RATE),
    load<f64>(table, P_N),
  );
}

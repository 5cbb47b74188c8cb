import type { Rows } from "../checks";
import { fastSigmoid } from "./fastExp";

/**
 * The training engine's state: the data and weights in flat Float64Arrays, allocated once per
 * run, so an epoch allocates nothing (the heap stays flat over 15 000 epochs).
 *
 * Layouts (row-major): x rows×nInput, y rows×nOutput, weights1T nHidden×nInput (W1 transposed, so
 * a hidden unit's weights are contiguous), weights2 nHidden×nOutput.
 */
export interface EngineState {
  readonly rows: number;
  readonly nInput: number;
  readonly nHidden: number;
  readonly nOutput: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** argmax of each target row, computed once (labels never change) */
  readonly labelClass: Int32Array;
  readonly weights1T: Float64Array;
  readonly weights2: Float64Array;
  /** Σ over rows of xᵀ·δ₁ (transposed like weights1T) and hᵀ·δ₂, before the 1/N */
  readonly gradient1T: Float64Array;
  readonly gradient2: Float64Array;
  /** hidden outputs of a row (and of its partner row), output sums and deltas (scratch) */
  readonly hidden: Float64Array;
  readonly hiddenPair: Float64Array;
  readonly output: Float64Array;
  readonly outputDelta: Float64Array;
  /** y.size, the tutorial's N */
  readonly N: number;
  /** running Σ(out − y)² and count of argmax hits while an epoch's rows are accumulated */
  squaredErrors: number;
  correct: number;
  /** results of the last forwardBackward: MSE and accuracy before the update */
  mse: number;
  accuracy: number;
}

function flatten(rows: Rows, width: number): Float64Array {
  const flat = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) flat.set(rows[i], i * width);
  return flat;
}

/** Argmax per row, first maximum wins (NumPy's argmax). */
function argmaxPerRow(flat: Float64Array, rows: number, width: number): Int32Array {
  const classes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let o = 1; o < width; o++) if (flat[i * width + o] > flat[i * width + best]) best = o;
    classes[i] = best;
  }
  return classes;
}

/** Copies validated data and initial weights (W1: nInput×nHidden, W2: nHidden×nOutput) in. */
export function createEngineState(x: Rows, y: Rows, weights1: Rows, weights2: Rows): EngineState {
  const rows = x.length;
  const nInput = x[0].length;
  const nOutput = y[0].length;
  const nHidden = weights2.length;
  const weights1T = new Float64Array(nHidden * nInput);
  for (let j = 0; j < nInput; j++) {
    for (let k = 0; k < nHidden; k++) weights1T[k * nInput + j] = weights1[j][k];
  }
  const flatY = flatten(y, nOutput);
  return {
    rows,
    nInput,
    nHidden,
    nOutput,
    x: flatten(x, nInput),
    y: flatY,
    labelClass: argmaxPerRow(flatY, rows, nOutput),
    weights1T,
    weights2: flatten(weights2, nOutput),
    gradient1T: new Float64Array(nHidden * nInput),
    gradient2: new Float64Array(nHidden * nOutput),
    hidden: new Float64Array(nHidden),
    // two rows' worth: the 4 → H → 3 kernel works on pairs of rows
    hiddenPair: new Float64Array(nHidden),
    output: new Float64Array(2 * nOutput),
    outputDelta: new Float64Array(2 * nOutput),
    N: rows * nOutput,
    squaredErrors: NaN,
    correct: 0,
    mse: NaN,
    accuracy: NaN,
  };
}

/** The weights as nested rows: W1 (nInput×nHidden) and W2 (nHidden×nOutput). */
export function engineWeights(s: EngineState): { weights1: number[][]; weights2: number[][] } {
  const weights1: number[][] = [];
  for (let j = 0; j < s.nInput; j++) {
    const row: number[] = [];
    for (let k = 0; k < s.nHidden; k++) row.push(s.weights1T[k * s.nInput + j]);
    weights1.push(row);
  }
  const weights2: number[][] = [];
  for (let k = 0; k < s.nHidden; k++) {
    weights2.push(Array.from(s.weights2.subarray(k * s.nOutput, (k + 1) * s.nOutput)));
  }
  return { weights1, weights2 };
}

/**
 * One epoch's forward pass, monitoring and backward pass, fused row by row: for each sample,
 * h = σ(x·W1), out = σ(h·W2), the squared error and argmax hit, δ₂ = (out − y)∘out∘(1 − out),
 * δ₁ = (δ₂·W2ᵀ)∘h∘(1 − h) (products left to right, as NumPy evaluates them), and the outer products hᵀ·δ₂, xᵀ·δ₁ added to the gradients.
 *
 * Every sum runs in the same order as the mathjs path (lib/network/trainingStep.ts) (inner index ascending, rows in
 * order, MSE row-major; sums start at 0 where mathjs starts at the first term, which can differ
 * only in the sign of an exact zero), so the two agree to the rounding of the sigmoids' e^x
 * (see fastExp).
 * The weights are not touched: the caller checks the MSE, then calls applyGradients.
 */
export function forwardBackward(s: EngineState): void {
  if (s.nInput === 4 && s.nOutput === 3) forwardBackward4x3(s);
  else forwardBackwardAnyShape(s);
}

/** All rows through the general kernel. */
export function forwardBackwardAnyShape(s: EngineState): void {
  startEpoch(s);
  accumulateRows(s, 0, s.rows);
  finishEpoch(s);
}

function startEpoch(s: EngineState): void {
  s.gradient1T.fill(0);
  s.gradient2.fill(0);
  s.squaredErrors = 0;
  s.correct = 0;
}

function finishEpoch(s: EngineState): void {
  s.mse = s.squaredErrors / (2 * s.rows * s.nOutput);
  s.accuracy = s.correct / s.rows;
}

/** W ← W − η · (G / N), the order of the lesson's `subtract(w, multiply(η, divide(G, N)))`. */
export function applyGradients(s: EngineState, learningRate: number): void {
  const { weights1T, weights2, gradient1T, gradient2, N } = s;
  for (let q = 0; q < weights1T.length; q++) {
    weights1T[q] = weights1T[q] - learningRate * (gradient1T[q] / N);
  }
  for (let q = 0; q < weights2.length; q++) {
    weights2[q] = weights2[q] - learningRate * (gradient2[q] / N);
  }
}

/** The general kernel (any nInput, nHidden, nOutput): adds rows from…to−1 to the epoch's sums. */
function accumulateRows(s: EngineState, from: number, to: number): void {
  const { nInput, nHidden, nOutput, x, y, labelClass, weights2 } = s;
  const { gradient1T, gradient2, hidden, output, outputDelta } = s;
  let squaredErrors = s.squaredErrors;
  let correct = s.correct;
  for (let i = from; i < to; i++) {
    const xi = i * nInput;
    const yi = i * nOutput;
    // hidden layer h_k = σ(Σ_j x_j·W1[j][k]); output sums Σ_k h_k·W2[k][o]
    forwardRow(s, i);
    // output layer, monitoring and δ₂
    let best = 0;
    let bestValue = 0;
    for (let o = 0; o < nOutput; o++) {
      const out = fastSigmoid(output[o]);
      if (o === 0 || out > bestValue) {
        best = o;
        bestValue = out;
      }
      const error = out - y[yi + o];
      squaredErrors += error * error;
      outputDelta[o] = error * out * (1 - out);
    }
    if (best === labelClass[i]) correct++;
    // δ₁ and the gradients
    for (let k = 0; k < nHidden; k++) {
      const h = hidden[k];
      const w = k * nOutput;
      let hiddenError = outputDelta[0] * weights2[w];
      for (let o = 1; o < nOutput; o++) hiddenError += outputDelta[o] * weights2[w + o];
      for (let o = 0; o < nOutput; o++) gradient2[w + o] += h * outputDelta[o];
      const delta = hiddenError * h * (1 - h);
      const wk = k * nInput;
      for (let j = 0; j < nInput; j++) gradient1T[wk + j] += x[xi + j] * delta;
    }
  }
  s.squaredErrors = squaredErrors;
  s.correct = correct;
}

/**
 * The same kernel specialised for the tutorial's 4 inputs and 3 outputs (Iris), two rows at a
 * time: each weight is loaded once for both rows and the two rows' sigmoids overlap (the one
 * specialisation kept, because it measured at least 1.3× faster in `npm run bench`). Gradients still add row i, then row i + 1 (`g + a + b` is `(g + a) + b`), so the sums
 * keep the row order. An odd last row goes through the general kernel. Three sigmoid call
 * sites only, so V8 inlines all of them (a call that is not inlined boxes its result: an
 * allocation per sigmoid).
 */
export function forwardBackward4x3(s: EngineState): void {
  startEpoch(s);
  const { rows, nHidden, x, y, labelClass, weights1T, weights2 } = s;
  const { gradient1T, gradient2, hidden, hiddenPair, output, outputDelta } = s;
  let squaredErrors = 0;
  let correct = 0;
  // rows i (inputs a0…a3) and i + 1 (b0…b3); running offsets instead of products
  let i = 0;
  for (let xi = 0, yi = 0; i + 1 < rows; i += 2, xi += 8, yi += 6) {
    const a0 = x[xi];
    const a1 = x[xi + 1];
    const a2 = x[xi + 2];
    const a3 = x[xi + 3];
    const b0 = x[xi + 4];
    const b1 = x[xi + 5];
    const b2 = x[xi + 6];
    const b3 = x[xi + 7];
    let za0 = 0;
    let za1 = 0;
    let za2 = 0;
    let zb0 = 0;
    let zb1 = 0;
    let zb2 = 0;
    for (let k = 0, wk = 0, w = 0; k < nHidden; k++, wk += 4, w += 3) {
      const u0 = weights1T[wk];
      const u1 = weights1T[wk + 1];
      const u2 = weights1T[wk + 2];
      const u3 = weights1T[wk + 3];
      const ha = fastSigmoid(a0 * u0 + a1 * u1 + a2 * u2 + a3 * u3);
      const hb = fastSigmoid(b0 * u0 + b1 * u1 + b2 * u2 + b3 * u3);
      hidden[k] = ha;
      hiddenPair[k] = hb;
      const v0 = weights2[w];
      const v1 = weights2[w + 1];
      const v2 = weights2[w + 2];
      za0 += ha * v0;
      za1 += ha * v1;
      za2 += ha * v2;
      zb0 += hb * v0;
      zb1 += hb * v1;
      zb2 += hb * v2;
    }
    output[0] = za0;
    output[1] = za1;
    output[2] = za2;
    output[3] = zb0;
    output[4] = zb1;
    output[5] = zb2;
    // both rows' outputs, in row-major order (the MSE's summation order)
    let best = 0;
    let bestValue = 0;
    for (let o = 0; o < 6; o++) {
      const out = fastSigmoid(output[o]);
      const column = o < 3 ? o : o - 3;
      if (column === 0 || out > bestValue) {
        best = column;
        bestValue = out;
      }
      const error = out - y[yi + o];
      squaredErrors += error * error;
      outputDelta[o] = error * out * (1 - out);
      if (column === 2 && best === labelClass[o === 2 ? i : i + 1]) correct++;
    }
    const da0 = outputDelta[0];
    const da1 = outputDelta[1];
    const da2 = outputDelta[2];
    const db0 = outputDelta[3];
    const db1 = outputDelta[4];
    const db2 = outputDelta[5];
    for (let k = 0, wk = 0, w = 0; k < nHidden; k++, wk += 4, w += 3) {
      const ha = hidden[k];
      const hb = hiddenPair[k];
      const v0 = weights2[w];
      const v1 = weights2[w + 1];
      const v2 = weights2[w + 2];
      const deltaA = (da0 * v0 + da1 * v1 + da2 * v2) * ha * (1 - ha);
      const deltaB = (db0 * v0 + db1 * v1 + db2 * v2) * hb * (1 - hb);
      gradient2[w] = gradient2[w] + ha * da0 + hb * db0;
      gradient2[w + 1] = gradient2[w + 1] + ha * da1 + hb * db1;
      gradient2[w + 2] = gradient2[w + 2] + ha * da2 + hb * db2;
      gradient1T[wk] = gradient1T[wk] + a0 * deltaA + b0 * deltaB;
      gradient1T[wk + 1] = gradient1T[wk + 1] + a1 * deltaA + b1 * deltaB;
      gradient1T[wk + 2] = gradient1T[wk + 2] + a2 * deltaA + b2 * deltaB;
      gradient1T[wk + 3] = gradient1T[wk + 3] + a3 * deltaA + b3 * deltaB;
    }
  }
  s.squaredErrors = squaredErrors;
  s.correct = correct;
  if (i < rows) accumulateRows(s, i, rows);
  finishEpoch(s);
}

/**
 * The output layer's outputs σ(σ(x·W1)·W2) for each row of x (W1: nInput×nHidden, W2:
 * nHidden×nOutput), with the training kernel's forward pass: used to score a trained run.
 */
export function forwardOutputs(x: Rows, weights1: Rows, weights2: Rows): number[][] {
  const nOutput = weights2[0].length;
  const zeros = x.map(() => new Array<number>(nOutput).fill(0));
  const s = createEngineState(x, zeros, weights1, weights2);
  const outputs: number[][] = [];
  for (let i = 0; i < s.rows; i++) {
    forwardRow(s, i);
    outputs.push(Array.from(s.output.subarray(0, nOutput), fastSigmoid));
  }
  return outputs;
}

/** Row i's hidden outputs into s.hidden and its output-layer sums into s.output. */
function forwardRow(s: EngineState, i: number): void {
  const { nInput, nHidden, nOutput, x, weights1T, weights2, hidden, output } = s;
  const xi = i * nInput;
  output.fill(0, 0, nOutput);
  for (let k = 0; k < nHidden; k++) {
    const wk = k * nInput;
    let z = x[xi] * weights1T[wk];
    for (let j = 1; j < nInput; j++) z += x[xi + j] * weights1T[wk + j];
    const h = fastSigmoid(z);
    hidden[k] = h;
    const w = k * nOutput;
    for (let o = 0; o < nOutput; o++) output[o] += h * weights2[w + o];
  }
}

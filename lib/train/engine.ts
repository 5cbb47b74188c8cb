import type { Rows } from "../linalg";
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
  /** one row's hidden outputs, output pre-activations/outputs and output deltas (scratch) */
  readonly hidden: Float64Array;
  readonly output: Float64Array;
  readonly outputDelta: Float64Array;
  /** 1 / y.size, the tutorial's N */
  readonly inverseN: number;
  /** results of the last forwardBackward: MSE and accuracy before the update */
  mse: number;
  accuracy: number;
}

function flatten(rows: Rows, width: number): Float64Array {
  const flat = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) flat.set(rows[i], i * width);
  return flat;
}

/** Argmax per row, first maximum wins (NumPy's argmax, lib/network's argmaxRows). */
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
    output: new Float64Array(nOutput),
    outputDelta: new Float64Array(nOutput),
    inverseN: 1 / (rows * nOutput),
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
 * δ₁ = (δ₂·W2ᵀ)∘h∘(1 − h), and the outer products hᵀ·δ₂, xᵀ·δ₁ added to the gradients.
 *
 * Every sum runs in the same order as lib/network's mathjs path (inner index ascending, rows in
 * order, MSE row-major; sums start at 0 where mathjs starts at the first term, which can differ
 * only in the sign of an exact zero), so the two agree to the rounding of the sigmoids' e^x
 * (see fastExp).
 * The weights are not touched: the caller checks the MSE, then calls applyGradients.
 */
export function forwardBackward(s: EngineState): void {
  if (s.nInput === 4 && s.nOutput === 3) forwardBackward4x3(s);
  else forwardBackwardAnyShape(s);
}

/** W −= η · (gradient · 1/N), the order of lib/network's scale then gradientStep. */
export function applyGradients(s: EngineState, learningRate: number): void {
  const { weights1T, weights2, gradient1T, gradient2, inverseN } = s;
  for (let q = 0; q < weights1T.length; q++) {
    weights1T[q] = weights1T[q] - gradient1T[q] * inverseN * learningRate;
  }
  for (let q = 0; q < weights2.length; q++) {
    weights2[q] = weights2[q] - gradient2[q] * inverseN * learningRate;
  }
}

/** The general kernel: any nInput, nHidden, nOutput. */
export function forwardBackwardAnyShape(s: EngineState): void {
  const { rows, nInput, nHidden, nOutput, x, y, labelClass, weights1T, weights2 } = s;
  const { gradient1T, gradient2, hidden, output, outputDelta } = s;
  gradient1T.fill(0);
  gradient2.fill(0);
  let squaredErrors = 0;
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    const xi = i * nInput;
    const yi = i * nOutput;
    output.fill(0);
    // hidden layer: h_k = σ(Σ_j x_j·W1[j][k]), and out_o accumulates h_k·W2[k][o]
    for (let k = 0; k < nHidden; k++) {
      const wk = k * nInput;
      let z = x[xi] * weights1T[wk];
      for (let j = 1; j < nInput; j++) z += x[xi + j] * weights1T[wk + j];
      const h = fastSigmoid(z);
      hidden[k] = h;
      const w = k * nOutput;
      for (let o = 0; o < nOutput; o++) output[o] += h * weights2[w + o];
    }
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
      outputDelta[o] = error * (out * (1 - out));
    }
    if (best === labelClass[i]) correct++;
    // δ₁ and the gradients
    for (let k = 0; k < nHidden; k++) {
      const h = hidden[k];
      const w = k * nOutput;
      let hiddenError = outputDelta[0] * weights2[w];
      for (let o = 1; o < nOutput; o++) hiddenError += outputDelta[o] * weights2[w + o];
      for (let o = 0; o < nOutput; o++) gradient2[w + o] += h * outputDelta[o];
      const delta = hiddenError * (h * (1 - h));
      const wk = k * nInput;
      for (let j = 0; j < nInput; j++) gradient1T[wk + j] += x[xi + j] * delta;
    }
  }
  s.mse = squaredErrors / (2 * rows * nOutput);
  s.accuracy = correct / rows;
}

/**
 * The same kernel specialised for the tutorial's 4 inputs and 3 outputs (Iris): a row's inputs
 * and output sums live in locals instead of scratch arrays, which roughly halves the time. Only
 * two sigmoid call sites, so V8 inlines both (a call that is not inlined boxes its result: an
 * allocation per sigmoid).
 */
export function forwardBackward4x3(s: EngineState): void {
  const { rows, nHidden, x, y, labelClass, weights1T, weights2 } = s;
  const { gradient1T, gradient2, hidden, output, outputDelta } = s;
  gradient1T.fill(0);
  gradient2.fill(0);
  let squaredErrors = 0;
  let correct = 0;
  // running offsets (xi, yi, wk, w) instead of products: fewer integer ops per element
  for (let i = 0, xi = 0, yi = 0; i < rows; i++, xi += 4, yi += 3) {
    const x0 = x[xi];
    const x1 = x[xi + 1];
    const x2 = x[xi + 2];
    const x3 = x[xi + 3];
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    for (let k = 0, wk = 0, w = 0; k < nHidden; k++, wk += 4, w += 3) {
      const h = fastSigmoid(
        x0 * weights1T[wk] +
          x1 * weights1T[wk + 1] +
          x2 * weights1T[wk + 2] +
          x3 * weights1T[wk + 3],
      );
      hidden[k] = h;
      z0 += h * weights2[w];
      z1 += h * weights2[w + 1];
      z2 += h * weights2[w + 2];
    }
    output[0] = z0;
    output[1] = z1;
    output[2] = z2;
    let best = 0;
    let bestValue = 0;
    for (let o = 0; o < 3; o++) {
      const out = fastSigmoid(output[o]);
      if (o === 0 || out > bestValue) {
        best = o;
        bestValue = out;
      }
      const error = out - y[yi + o];
      squaredErrors += error * error;
      outputDelta[o] = error * (out * (1 - out));
    }
    if (best === labelClass[i]) correct++;
    const d0 = outputDelta[0];
    const d1 = outputDelta[1];
    const d2 = outputDelta[2];
    for (let k = 0, wk = 0, w = 0; k < nHidden; k++, wk += 4, w += 3) {
      const hk = hidden[k];
      const delta =
        (d0 * weights2[w] + d1 * weights2[w + 1] + d2 * weights2[w + 2]) * (hk * (1 - hk));
      gradient2[w] += hk * d0;
      gradient2[w + 1] += hk * d1;
      gradient2[w + 2] += hk * d2;
      gradient1T[wk] += x0 * delta;
      gradient1T[wk + 1] += x1 * delta;
      gradient1T[wk + 2] += x2 * delta;
      gradient1T[wk + 3] += x3 * delta;
    }
  }
  s.mse = squaredErrors / (2 * rows * 3);
  s.accuracy = correct / rows;
}

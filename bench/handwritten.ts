/**
 * The baseline the engine is held to: the training loop as one would write it by hand over
 * Float64Arrays, fused row by row, with Math.exp and no tricks (no unrolling, no exp table).
 * Same equations, same data and same monitoring (MSE and accuracy per epoch) as train().
 */
export interface HandWrittenProblem {
  x: Float64Array; // rows × nInput
  y: Float64Array; // rows × nOutput
  rows: number;
  nInput: number;
  nHidden: number;
  nOutput: number;
  weights1: Float64Array; // nInput × nHidden
  weights2: Float64Array; // nHidden × nOutput
  learningRate: number;
}

export function handWrittenTrain(p: HandWrittenProblem, epochs: number): Float64Array {
  const { x, y, rows, nInput, nHidden, nOutput, learningRate } = p;
  const w1 = p.weights1.slice();
  const w2 = p.weights2.slice();
  const g1 = new Float64Array(nInput * nHidden);
  const g2 = new Float64Array(nHidden * nOutput);
  const h = new Float64Array(nHidden);
  const out = new Float64Array(nOutput);
  const d2 = new Float64Array(nOutput);
  const mse = new Float64Array(epochs);
  const acc = new Float64Array(epochs);
  const N = rows * nOutput;
  for (let epoch = 0; epoch < epochs; epoch++) {
    g1.fill(0);
    g2.fill(0);
    let squared = 0;
    let correct = 0;
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < nHidden; k++) {
        let z = 0;
        for (let j = 0; j < nInput; j++) z += x[i * nInput + j] * w1[j * nHidden + k];
        h[k] = 1 / (1 + Math.exp(-z));
      }
      let predicted = 0;
      let actual = 0;
      for (let o = 0; o < nOutput; o++) {
        let z = 0;
        for (let k = 0; k < nHidden; k++) z += h[k] * w2[k * nOutput + o];
        out[o] = 1 / (1 + Math.exp(-z));
        if (out[o] > out[predicted]) predicted = o;
        if (y[i * nOutput + o] > y[i * nOutput + actual]) actual = o;
        const e = out[o] - y[i * nOutput + o];
        squared += e * e;
        d2[o] = e * out[o] * (1 - out[o]);
      }
      if (predicted === actual) correct++;
      for (let k = 0; k < nHidden; k++) {
        let e = 0;
        for (let o = 0; o < nOutput; o++) {
          e += d2[o] * w2[k * nOutput + o];
          g2[k * nOutput + o] += h[k] * d2[o];
        }
        const d1 = e * h[k] * (1 - h[k]);
        for (let j = 0; j < nInput; j++) g1[j * nHidden + k] += x[i * nInput + j] * d1;
      }
    }
    mse[epoch] = squared / (2 * N);
    acc[epoch] = correct / rows;
    for (let q = 0; q < w1.length; q++) w1[q] -= (learningRate * g1[q]) / N;
    for (let q = 0; q < w2.length; q++) w2[q] -= (learningRate * g2[q]) / N;
  }
  return mse;
}

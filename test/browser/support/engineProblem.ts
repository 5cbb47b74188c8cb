/**
 * The engine-worker test's workload, run the same way in Node and (bundled by esbuild) in a
 * Chromium Web Worker: 300 epochs, the MSE history, the weights and the outputs.
 */
import {
  applyGradients,
  createEngineState,
  engineWeights,
  forwardBackward,
  forwardOutputs,
} from "../../../lib/train/engine";

export interface Problem {
  x: number[][];
  y: number[][];
  weights1: number[][];
  weights2: number[][];
}

export function problem(nInput: number, nHidden: number, nOutput: number): Problem {
  let s = 3;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const x = Array.from({ length: 25 }, () => Array.from({ length: nInput }, () => next() * 6));
  const y = x.map((_, i) => Array.from({ length: nOutput }, (_, o) => (o === i % nOutput ? 1 : 0)));
  const weights1 = Array.from({ length: nInput }, () => Array.from({ length: nHidden }, next));
  const weights2 = Array.from({ length: nHidden }, () => Array.from({ length: nOutput }, next));
  return { x, y, weights1, weights2 };
}

export function trainProblem(p: Problem) {
  const s = createEngineState(p.x, p.y, p.weights1, p.weights2);
  const mse: number[] = [];
  for (let epoch = 0; epoch < 300; epoch++) {
    forwardBackward(s);
    mse.push(s.mse);
    applyGradients(s, 0.5);
  }
  const weights = engineWeights(s);
  return { mse, weights, outputs: forwardOutputs(p.x, weights.weights1, weights.weights2) };
}

/**
 * The tutorial's picture of the learning rate: gradient descent on f(x) = x² (f′(x) = 2x),
 * started at x = 5. Each step moves x by −learningRate · f′(x), i.e. x ← (1 − 2·lr) · x, so
 * lr = 0.5 jumps straight to the minimum, small lr crawls, 0.5 < lr < 1 zig-zags inwards and
 * lr > 1 zig-zags outwards (diverges).
 */
import { ParameterError } from "../errors";

/** f(x) = x², the parabola the steps walk on. */
export function parabola(x: number): number {
  return x * x;
}

/** f′(x) = 2x. */
export function parabolaSlope(x: number): number {
  return 2 * x;
}

export interface DescentPath {
  learningRate: number;
  steps: number;
  /** x₀ … x_steps (steps + 1 values). */
  x: number[];
  /** f(x₀) … f(x_steps). */
  y: number[];
}

/** The positions gradient descent visits: x₀ = start, x_{k+1} = x_k − lr · f′(x_k). */
export function gradientDescentPath(learningRate: number, steps: number, start = 5): DescentPath {
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new ParameterError(`learningRate must be a finite positive number, got ${learningRate}`);
  }
  if (!Number.isInteger(steps) || steps < 0) {
    throw new ParameterError(`steps must be a whole number ≥ 0, got ${steps}`);
  }
  if (!Number.isFinite(start)) {
    throw new ParameterError(`start must be a finite number, got ${start}`);
  }
  const x = [start];
  for (let k = 0; k < steps; k++) x.push(x[k] - learningRate * parabolaSlope(x[k]));
  return { learningRate, steps, x, y: x.map(parabola) };
}

/** The parabola drawn under the path: `samples` points over ±(the widest |x| visited, ≥ 5). */
export function parabolaCurve(path: DescentPath, samples = 201): { x: number[]; y: number[] } {
  const reach = Math.max(5, ...path.x.map(Math.abs)) * 1.05;
  const x = Array.from({ length: samples }, (_, i) => -reach + (2 * reach * i) / (samples - 1));
  return { x, y: x.map(parabola) };
}

/**
 * The physical floor of an epoch on this machine: its arithmetic (FLOPs) and exp calls at the
 * rates this CPU reaches, measured here, in two forms:
 *   scalar  V8-compiled JavaScript: independent mul + add chains, and Math.exp
 *   SIMD    WebAssembly f64x2: independent mul + add chains (a small AssemblyScript loop compiled
 *           here), and the engine kernel's vectorised exp
 * Multiply-add without fusing, like the engine (fusing would change the rounding).
 */
import { kernelExp } from "../lib/train/engine";

export interface Rates {
  /** FLOPs per ns */
  scalarFlops: number;
  simdFlops: number;
  /** exp calls per ns */
  scalarExp: number;
  simdExp: number;
}

export interface EpochShape {
  rows: number;
  nInput: number;
  nHidden: number;
  nOutput: number;
}

/** FLOPs of one epoch of the tutorial's equations (every +, −, ×, ÷; exp counted apart). */
export function epochFlops({ rows: r, nInput: i, nHidden: h, nOutput: o }: EpochShape): number {
  const forward = r * h * (2 * i - 1) + r * h * 3 + r * o * (2 * h - 1) + r * o * 3;
  const monitoring = r * o * 3;
  const backward = r * o * 4 + r * h * (2 * o - 1) + r * h * 3;
  const gradients = h * o * (2 * r - 1) + i * h * (2 * r - 1);
  const update = (i * h + h * o) * 3;
  return forward + monitoring + backward + gradients + update;
}

export function epochExps({ rows, nHidden, nOutput }: EpochShape): number {
  return rows * (nHidden + nOutput);
}

/** The floor in µs: FLOPs and exps at the given rates. */
export function floorUs(shape: EpochShape, flopsPerNs: number, expsPerNs: number): number {
  return (epochFlops(shape) / flopsPerNs + epochExps(shape) / expsPerNs) / 1000;
}

const PEAK_SOURCE = `
export function peak(iterations: i32, m: f64, c: f64): f64 {
  const vm = f64x2.splat(m);
  const vc = f64x2.splat(c);
  let a0 = f64x2.splat(1.0); let a1 = f64x2.splat(1.1); let a2 = f64x2.splat(1.2);
  let a3 = f64x2.splat(1.3); let a4 = f64x2.splat(1.4); let a5 = f64x2.splat(1.5);
  let a6 = f64x2.splat(1.6); let a7 = f64x2.splat(1.7);
  for (let n = 0; n < iterations; n++) {
    a0 = f64x2.add(f64x2.mul(a0, vm), vc); a1 = f64x2.add(f64x2.mul(a1, vm), vc);
    a2 = f64x2.add(f64x2.mul(a2, vm), vc); a3 = f64x2.add(f64x2.mul(a3, vm), vc);
    a4 = f64x2.add(f64x2.mul(a4, vm), vc); a5 = f64x2.add(f64x2.mul(a5, vm), vc);
    a6 = f64x2.add(f64x2.mul(a6, vm), vc); a7 = f64x2.add(f64x2.mul(a7, vm), vc);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)),
    f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}
`;

interface AscApi {
  compileString(
    source: string,
    options: Record<string, unknown>,
  ): Promise<{ binary?: Uint8Array<ArrayBuffer>; error: Error | null; stderr: object }>;
}

async function simdPeak(): Promise<(iterations: number, m: number, c: number) => number> {
  // ESM-only package, imported dynamically from this CommonJS-compiled script; typed by hand
  // because its declarations bring AssemblyScript's globals into the whole program
  const specifier = "assemblyscript/asc";
  const { default: asc } = (await import(specifier)) as { default: AscApi };
  const { binary, error, stderr } = await asc.compileString(PEAK_SOURCE, {
    optimizeLevel: 3,
    runtime: "stub",
    noAssert: true,
    enable: ["simd"],
  });
  if (error || !binary) throw new Error(`floor: AssemblyScript build failed: ${stderr.toString()}`);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), {});
  return (instance.exports as { peak: (n: number, m: number, c: number) => number }).peak;
}

function scalarPeak(iterations: number, m: number, c: number): number {
  let a0 = 1.0;
  let a1 = 1.1;
  let a2 = 1.2;
  let a3 = 1.3;
  let a4 = 1.4;
  let a5 = 1.5;
  let a6 = 1.6;
  let a7 = 1.7;
  for (let n = 0; n < iterations; n++) {
    a0 = a0 * m + c;
    a1 = a1 * m + c;
    a2 = a2 * m + c;
    a3 = a3 * m + c;
    a4 = a4 * m + c;
    a5 = a5 * m + c;
    a6 = a6 * m + c;
    a7 = a7 * m + c;
  }
  return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
}

function scalarExps(values: Float64Array, repeat: number): number {
  let sum = 0;
  for (let r = 0; r < repeat; r++)
    for (let i = 0; i < values.length; i++) sum += Math.exp(values[i]);
  return sum;
}

/** Best of several runs of f, in ns. */
function bestNs(f: () => unknown, runs = 7): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const started = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - started));
  }
  return best;
}

export async function measureRates(): Promise<Rates> {
  const iterations = 2_000_000;
  // m, c keep the chains finite and away from subnormals
  const simd = await simdPeak();
  // V8 first runs WebAssembly in its baseline compiler and swaps in optimised code compiled in
  // the background; only calls after the swap run it. Measure until the rate stops improving.
  let simdNs = Infinity;
  for (let round = 0; round < 20; round++) {
    for (let r = 0; r < 1000; r++) simd(1000, 0.999, 0.001);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ns = bestNs(() => simd(iterations, 0.999, 0.001), 3);
    if (ns > simdNs * 0.9 && round >= 3) break;
    simdNs = Math.min(simdNs, ns);
  }
  const scalarNs = bestNs(() => scalarPeak(iterations, 0.999, 0.001));
  const values = Array.from({ length: 4096 }, (_, i) => ((i * 7919) % 4096) / 256 - 8);
  const repeat = 200;
  const vectorNs = bestNs(() => kernelExp(values, repeat + 1)) - bestNs(() => kernelExp(values, 1));
  const typed = Float64Array.from(values);
  const mathNs = bestNs(() => scalarExps(typed, repeat));
  return {
    scalarFlops: (iterations * 8 * 2) / scalarNs,
    simdFlops: (iterations * 8 * 4) / simdNs,
    scalarExp: (values.length * repeat) / mathNs,
    simdExp: (values.length * repeat) / vectorNs,
  };
}

import type { Rows } from "../checks";
import { KERNEL_WASM_BASE64 } from "./wasm/kernelBytes";

/**
 * The training engine: the tutorial's full-batch epoch in WebAssembly with 128-bit SIMD (the
 * AssemblyScript kernel in lib/train/wasm/kernel.ts). One kernel instance and memory per thread;
 * each run's buffers are allocated once, so an epoch allocates nothing in JavaScript.
 *
 * The kernel's lanes hold neighbouring hidden units, so each sum keeps the mathjs path's order;
 * its e^x is within 1 ulp of Math.exp, so the two paths agree to rounding, not bit for bit.
 */

/** The part of the WebAssembly API used here (lib's ES2022 typings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

interface KernelExports {
  setTable(offset: number): void;
  expArray(from: number, to: number, n: number): void;
  runEpoch(): void;
  runEpochAnyShape(): void;
  runUpdate(): void;
  forward(
    rows: number,
    nInput: number,
    hp: number,
    op: number,
    x: number,
    w1: number,
    w2: number,
    hidden: number,
    outputs: number,
  ): void;
}

function webAssembly(): WasmApi {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) throw new Error("the training engine needs WebAssembly, which this runtime lacks");
  return api;
}

let compiled: object | undefined;
/** The kernel's module, compiled synchronously once (allowed in Node and in Web Workers). */
function kernelModule(): object {
  if (!compiled) {
    const text = atob(KERNEL_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new (webAssembly().Module)(bytes);
  }
  return compiled;
}

const TABLE_BITS = 7;
const TABLE_SIZE = 1 << TABLE_BITS;

/**
 * 2^(j/128) for j = 0…127 as a double (bits offset as the kernel expects) and its rounding error
 * relative to it, interleaved: the kernel's exp table, computed exactly with integers: 2^(1/128) by seven integer square roots
 * at 120 bits, then its powers in fixed point (error < 2^-112, far below a double's ulp).
 */
function powersOfTwoTable(): Float64Array {
  const bits = 120n;
  const isqrt = (n: bigint): bigint => {
    let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
    for (;;) {
      const next = (x + n / x) >> 1n;
      if (next >= x) return x;
      x = next;
    }
  };
  let root = 2n << bits;
  for (let i = 0; i < TABLE_BITS; i++) root = isqrt(root << bits);
  const table = new Float64Array(TABLE_BLOCK);
  const tableBits = new BigInt64Array(table.buffer);
  const unit = 2 ** -120;
  let power = 1n << bits;
  for (let j = 0; j < TABLE_SIZE; j++) {
    const hi = Number(power) * unit; // Number(bigint) rounds to nearest
    const hiExact = BigInt(hi * 2 ** 52) << (bits - 52n);
    table[2 * j] = hi;
    table[2 * j + 1] = (Number(power - hiExact) * unit) / hi;
    // the kernel adds (128k + j) << 45 to these bits: take j << 45 off in advance
    tableBits[2 * j] -= BigInt(j) << 45n;
    power = (power * root) >> bits;
  }
  EXP_CONSTANTS.forEach((c, i) => table.fill(c, 2 * (TABLE_SIZE + i), 2 * (TABLE_SIZE + i + 1)));
  return table;
}

/**
 * The exp's constants, each written twice (one vector) after the table, in the kernel's order:
 * 128/ln2; 1.5·2^52 (adding and subtracting it rounds to an integer); −ln2/128 split in two
 * (fdlibm's ln2_hi has 21 trailing zero bits, so k·hi is exact); the polynomial's 1/2, 1/6,
 * 1/24, 1/120; 1; and the bound of the fast range (beyond it, Math.exp).
 */
const EXP_CONSTANTS = [
  Math.LOG2E * TABLE_SIZE,
  6755399441055744,
  -6.9314718036912381649e-1 / TABLE_SIZE,
  -1.90821492927058770002e-10 / TABLE_SIZE,
  0.5,
  1 / 6,
  1 / 24,
  1 / 120,
  1,
  708,
];

/** Table, constants, then the kernel's result slots: Σ(out − y)² (f64) and argmax hits (i32). */
const RESULT_SLOT = 2 * TABLE_SIZE + 2 * EXP_CONSTANTS.length;
/** Then the run's parameters: learning rate, N (f64), and 17 i32s (sizes, buffer offsets). */
const PARAMETER_SLOT = RESULT_SLOT + 2;
const TABLE_BLOCK = PARAMETER_SLOT + 2 + Math.ceil(17 / 2);

/** Byte offsets of 16-byte-aligned blocks of f64s (or i32s), handed out in order. */
class Layout {
  bytes = 0;
  f64(count: number): number {
    const offset = this.bytes;
    this.bytes += Math.ceil((count * 8) / 16) * 16;
    return offset;
  }
  i32(count: number): number {
    const offset = this.bytes;
    this.bytes += Math.ceil((count * 4) / 16) * 16;
    return offset;
  }
}

/** Where a run's buffers start in the kernel's memory: after the table block. */
const BASE = Math.ceil((TABLE_BLOCK * 8) / 16) * 16;
const PAGE = 65536;

/**
 * The kernel instance, one per thread, and its memory. Runs take turns in it: the resident run's
 * buffers live at BASE; another run's stay in its own image until it runs next, when the
 * resident's are saved to its image and the other's copied in. One memory for all runs, because
 * each WebAssembly memory reserves gigabytes of address space that only a garbage collection
 * returns: a memory per run made runs in a loop slow down.
 */
interface Shared {
  kernel: KernelExports;
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  f64: Float64Array;
  i32: Int32Array;
  resident: EngineState | undefined;
}

let shared: Shared | undefined;

/** The shared instance with room for `bytes` after BASE (growing its memory if needed). */
function sharedInstance(bytes: number): Shared {
  if (!shared) {
    const api = webAssembly();
    const memory = new api.Memory({
      initial: Math.ceil((BASE + bytes) / PAGE),
    }) as Shared["memory"];
    const instance = new api.Instance(kernelModule(), {
      env: { memory },
      kernel: { exp: Math.exp },
    });
    const kernel = instance.exports as KernelExports;
    new Float64Array(memory.buffer).set(powersOfTwoTable(), 0);
    kernel.setTable(0);
    shared = {
      kernel,
      memory,
      f64: new Float64Array(0),
      i32: new Int32Array(0),
      resident: undefined,
    };
  }
  const missing = BASE + bytes - shared.memory.buffer.byteLength;
  if (missing > 0) shared.memory.grow(Math.ceil(missing / PAGE));
  if (shared.f64.buffer !== shared.memory.buffer) {
    shared.f64 = new Float64Array(shared.memory.buffer);
    shared.i32 = new Int32Array(shared.memory.buffer);
  }
  return shared;
}

/** Saves the resident run's buffers to its image and leaves the memory to the caller. */
function evict(k: Shared): void {
  const s = k.resident;
  if (s) s.image.set(new Uint8Array(k.memory.buffer, BASE, s.image.length));
  k.resident = undefined;
}

/** The shared instance with s's buffers in it, ready for an epoch or an update. */
function residentInstance(s: EngineState): Shared {
  let k = shared;
  if (k && k.resident === s) return k;
  k = sharedInstance(s.image.length);
  evict(k);
  new Uint8Array(k.memory.buffer, BASE, s.image.length).set(s.image);
  k.i32.set(s.parameters, (PARAMETER_SLOT + 2) * 2);
  k.f64[PARAMETER_SLOT + 1] = s.rows * s.nOutput;
  k.resident = s;
  return k;
}

const even = (n: number) => n + (n & 1);

/** Byte offsets of one run's buffers, from the start of its block. */
interface Buffers {
  x: number;
  y: number;
  labels: number;
  w1: number;
  w2: number;
  w2t: number;
  g1: number;
  g2t: number;
  hidden: number;
  output: number;
  delta2: number;
}

/** One run's engine: its sizes, the results of the last epoch, and its buffers. */
export interface EngineState {
  readonly rows: number;
  readonly nInput: number;
  readonly nHidden: number;
  readonly nOutput: number;
  /** results of the last forwardBackward: MSE and accuracy before the update */
  mse: number;
  accuracy: number;
  /** nHidden and nOutput rounded up to even: the kernel works on pairs */
  readonly hp: number;
  readonly op: number;
  readonly at: Buffers;
  /** the kernel's parameters for this run: sizes and absolute buffer offsets */
  readonly parameters: Int32Array;
  /** the run's buffers while another run is resident in the kernel's memory */
  readonly image: Uint8Array;
}

/** Argmax of a row, first maximum wins (NumPy's argmax, lib/network's argmaxRows). */
function argmax(row: readonly number[]): number {
  let best = 0;
  for (let o = 1; o < row.length; o++) if (row[o] > row[best]) best = o;
  return best;
}

/** Copies validated data and initial weights (W1: nInput×nHidden, W2: nHidden×nOutput) in. */
export function createEngineState(x: Rows, y: Rows, weights1: Rows, weights2: Rows): EngineState {
  const rows = x.length;
  const nInput = x[0].length;
  const nOutput = y[0].length;
  const nHidden = weights2.length;
  const hp = even(nHidden);
  const op = even(nOutput);
  const layout = new Layout();
  const at: Buffers = {
    x: layout.f64(rows * nInput),
    y: layout.f64(rows * op),
    labels: layout.i32(rows),
    w1: layout.f64(nInput * hp),
    w2: layout.f64(hp * op),
    w2t: layout.f64(nOutput * hp),
    g1: layout.f64(nInput * hp),
    g2t: layout.f64(nOutput * hp),
    // two rows' worth: the 4 → H → 3 kernel works on pairs of rows
    hidden: layout.f64(2 * hp),
    output: layout.f64(op),
    delta2: layout.f64(op),
  };
  const image = new Uint8Array(layout.bytes);
  const f64 = new Float64Array(image.buffer);
  const i32 = new Int32Array(image.buffer);
  for (let i = 0; i < rows; i++) {
    f64.set(x[i], at.x / 8 + i * nInput);
    // padding outputs compute σ(0) = 0.5; the same target gives them a zero δ₂
    for (let o = 0; o < op; o++) f64[at.y / 8 + i * op + o] = o < nOutput ? y[i][o] : 0.5;
    i32[at.labels / 4 + i] = argmax(y[i]);
  }
  for (let j = 0; j < nInput; j++) f64.set(weights1[j], at.w1 / 8 + j * hp);
  for (let k = 0; k < nHidden; k++) {
    f64.set(weights2[k], at.w2 / 8 + k * op);
    for (let o = 0; o < nOutput; o++) f64[at.w2t / 8 + o * hp + k] = weights2[k][o];
  }
  const buffers = [at.x, at.y, at.labels, at.w1, at.w2, at.w2t, at.g1, at.g2t, at.hidden]
    .concat([at.output, at.delta2])
    .map((offset) => BASE + offset);
  const parameters = Int32Array.from([rows, nInput, nOutput, nHidden, hp, op, ...buffers]);
  return { rows, nInput, nHidden, nOutput, mse: NaN, accuracy: NaN, hp, op, at, parameters, image };
}

/** The weights as nested rows: W1 (nInput×nHidden) and W2 (nHidden×nOutput). */
export function engineWeights(s: EngineState): { weights1: number[][]; weights2: number[][] } {
  const inMemory = shared !== undefined && shared.resident === s;
  const f64 = inMemory ? shared!.f64 : new Float64Array(s.image.buffer);
  const base = inMemory ? BASE / 8 : 0;
  const weights1: number[][] = [];
  for (let j = 0; j < s.nInput; j++) {
    const start = base + s.at.w1 / 8 + j * s.hp;
    weights1.push(Array.from(f64.subarray(start, start + s.nHidden)));
  }
  const weights2: number[][] = [];
  for (let k = 0; k < s.nHidden; k++) {
    const start = base + s.at.w2 / 8 + k * s.op;
    weights2.push(Array.from(f64.subarray(start, start + s.nOutput)));
  }
  return { weights1, weights2 };
}

/**
 * One epoch's forward pass, monitoring and backward pass over all rows: h = σ(x·W1),
 * out = σ(h·W2), MSE = Σ(out − y)² / (2N) and accuracy into s.mse / s.accuracy,
 * δ₂ = ((out − y)·out)·(1 − out), δ₁ = ((δ₂·W2ᵀ)·h)·(1 − h), and the sums hᵀ·δ₂ and xᵀ·δ₁.
 * The weights are not touched: the caller checks the MSE, then calls applyGradients.
 */
export function forwardBackward(s: EngineState): void {
  const k = residentInstance(s);
  k.kernel.runEpoch();
  finishEpoch(s, k);
}

/** forwardBackward through the kernel for any shape (the 4 → H → 3 one has its own). */
export function forwardBackwardAnyShape(s: EngineState): void {
  const k = residentInstance(s);
  k.kernel.runEpochAnyShape();
  finishEpoch(s, k);
}

function finishEpoch(s: EngineState, k: Shared): void {
  s.mse = k.f64[RESULT_SLOT] / (2 * s.rows * s.nOutput);
  s.accuracy = k.i32[2 * RESULT_SLOT + 2] / s.rows;
}

/** W ← W − η · (Σ / N) with N = y.size: the tutorial's weights1Update / weights2Update step. */
export function applyGradients(s: EngineState, learningRate: number): void {
  const k = residentInstance(s);
  k.f64[PARAMETER_SLOT] = learningRate;
  k.kernel.runUpdate();
}

/**
 * The output layer's outputs σ(σ(x·W1)·W2) for each row of validated x, computed by the same
 * kernel as training (same sums, same e^x).
 */
export function forwardOutputs(x: Rows, weights1: Rows, weights2: Rows): number[][] {
  const rows = x.length;
  const nInput = weights1.length;
  const nHidden = weights2.length;
  const nOutput = weights2[0].length;
  const hp = even(nHidden);
  const op = even(nOutput);
  const layout = new Layout();
  const at = {
    x: layout.f64(rows * nInput),
    w1: layout.f64(nInput * hp),
    w2: layout.f64(hp * op),
    hidden: layout.f64(hp),
    outputs: layout.f64(rows * op),
  };
  const k = sharedInstance(layout.bytes);
  evict(k);
  const f64 = k.f64;
  f64.fill(0, BASE / 8, (BASE + layout.bytes) / 8);
  const base = BASE / 8;
  for (let i = 0; i < rows; i++) f64.set(x[i], base + at.x / 8 + i * nInput);
  for (let j = 0; j < nInput; j++) f64.set(weights1[j], base + at.w1 / 8 + j * hp);
  for (let k2 = 0; k2 < nHidden; k2++) f64.set(weights2[k2], base + at.w2 / 8 + k2 * op);
  const [px, pw1, pw2, ph, pout] = [at.x, at.w1, at.w2, at.hidden, at.outputs].map((o) => BASE + o);
  k.kernel.forward(rows, nInput, hp, op, px, pw1, pw2, ph, pout);
  const outputs: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const start = base + at.outputs / 8 + i * op;
    outputs.push(Array.from(f64.subarray(start, start + nOutput)));
  }
  return outputs;
}

/**
 * e^x of each value by the kernel's vectorised exp, for the tests against Math.exp; `repeat`
 * evaluates it that many times over (the bench's rate measurement).
 */
export function kernelExp(values: readonly number[], repeat = 1): number[] {
  const n = even(values.length);
  const k = sharedInstance(16 * n);
  evict(k);
  const from = BASE;
  const to = BASE + 8 * n;
  k.f64.fill(0, from / 8, from / 8 + n);
  k.f64.set(values, from / 8);
  for (let r = 0; r < repeat; r++) k.kernel.expArray(from, to, n);
  return Array.from(k.f64.subarray(to / 8, to / 8 + values.length));
}

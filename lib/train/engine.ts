import type { Rows } from "../linalg/matrix";
import { classOfRows } from "../network/accuracy";
import { KERNEL_WASM_BASE64 } from "./wasm/kernelBytes";
import * as L from "./wasm/layout";
import { BASE, RUN } from "./wasm/layout";

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

/** The kernel's exports: all but expArray work on the resident run's buffers. */
interface KernelExports {
  expArray(from: number, to: number, n: number): void;
  epoch(): void;
  epochAnyShape(): void;
  update(): void;
  forward(): void;
}

/**
 * The kernel's exp table: 2^(j/128) for j = 0…127 as a double (bits offset as the kernel
 * expects) and its rounding error relative to it, interleaved, then the constants. Computed
 * exactly with integers: 2^(1/128) by seven integer square roots at 120 bits, then its powers in
 * fixed point (error < 2^-112, far below a double's ulp).
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
  for (let i = 0; i < L.TABLE_BITS; i++) root = isqrt(root << bits);
  const table = new Float64Array(RUN / 8);
  const tableBits = new BigInt64Array(table.buffer);
  const unit = 2 ** -120;
  let power = 1n << bits;
  for (let j = 0; j < L.TABLE_SIZE; j++) {
    const hi = Number(power) * unit; // Number(bigint) rounds to nearest
    const hiExact = BigInt(hi * 2 ** 52) << (bits - 52n);
    table[2 * j] = hi;
    table[2 * j + 1] = (Number(power - hiExact) * unit) / hi;
    // the kernel adds (128k + j) << 45 to these bits: take j << 45 off in advance
    tableBits[2 * j] -= BigInt(j) << 45n;
    power = (power * root) >> bits;
  }
  for (const [at, c] of EXP_CONSTANTS) table.fill(c, at / 8, at / 8 + 2);
  return table;
}

/**
 * The exp's constants, each written twice (one vector) at its offset after the table: 128/ln2;
 * 1.5·2^52 (adding and subtracting it rounds to an integer); −ln2/128 split in two (fdlibm's
 * ln2_hi has 21 trailing zero bits, so k·hi is exact); the polynomial's 1/2, 1/6, 1/24, 1/120;
 * 1; and the bound of the fast range (beyond it, Math.exp).
 */
const EXP_CONSTANTS: readonly [number, number][] = [
  [L.C_INV_LN2_N, Math.LOG2E * L.TABLE_SIZE],
  [L.C_ROUND_SHIFT, 6755399441055744],
  [L.C_NEG_LN2_HI_N, -6.9314718036912381649e-1 / L.TABLE_SIZE],
  [L.C_NEG_LN2_LO_N, -1.90821492927058770002e-10 / L.TABLE_SIZE],
  [L.C_HALF, 0.5],
  [L.C_SIXTH, 1 / 6],
  [L.C_24TH, 1 / 24],
  [L.C_120TH, 1 / 120],
  [L.C_ONE, 1],
  [L.C_FAST_RANGE, 708],
];

/** Byte offsets of 16-byte-aligned blocks of `count` values of `size` bytes, handed out in order. */
class Layout {
  bytes = 0;
  block(count: number, size = 8): number {
    const offset = this.bytes;
    this.bytes += Math.ceil((count * size) / 16) * 16;
    return offset;
  }
}

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

/**
 * The shared instance with room for `bytes` after BASE (growing its memory if needed), its
 * resident run's buffers saved to that run's image: the memory is the caller's.
 */
function sharedInstance(bytes: number): Shared {
  if (!shared) {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!api) throw new Error("the training engine needs WebAssembly, which this runtime lacks");
    // compiled synchronously, which Node and Web Workers allow
    const wasm = new api.Module(Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0)));
    const memory = new api.Memory({ initial: 1 }) as Shared["memory"];
    const imports = { env: { memory }, kernel: { exp: Math.exp } };
    const kernel = new api.Instance(wasm, imports).exports as KernelExports;
    const f64 = new Float64Array(memory.buffer);
    f64.set(powersOfTwoTable());
    shared = { kernel, memory, f64, i32: new Int32Array(memory.buffer), resident: undefined };
  }
  const missing = BASE + bytes - shared.memory.buffer.byteLength;
  if (missing > 0) shared.memory.grow(Math.ceil(missing / PAGE));
  if (shared.f64.buffer !== shared.memory.buffer) {
    shared.f64 = new Float64Array(shared.memory.buffer);
    shared.i32 = new Int32Array(shared.memory.buffer);
  }
  const s = shared.resident;
  if (s) s.image.set(new Uint8Array(shared.memory.buffer, BASE, s.image.length));
  shared.resident = undefined;
  return shared;
}

/** The shared instance with s's buffers in it, ready for an epoch or an update. */
function residentInstance(s: EngineState): Shared {
  let k = shared;
  if (k && k.resident === s) return k;
  k = sharedInstance(s.image.length);
  new Uint8Array(k.memory.buffer, BASE, s.image.length).set(s.image);
  k.i32.set(s.parameters, L.RUN_ROWS / 4);
  k.f64[L.RUN_N / 8] = s.rows * s.nOutput;
  k.resident = s;
  return k;
}

const even = (n: number) => n + (n & 1);

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
  /** byte offsets, from the start of its block, of the buffers read back */
  readonly at: { readonly w1: number; readonly w2: number; readonly outputs: number };
  /** the kernel's record for this run from RUN_ROWS on: sizes and absolute buffer offsets */
  readonly parameters: Int32Array;
  /** the run's buffers while another run is resident in the kernel's memory */
  readonly image: Uint8Array;
}

/** Writes `rows` into f64, the first at `start`, one every `stride` values. */
function writeRows(f64: Float64Array, start: number, stride: number, rows: Rows): void {
  rows.forEach((row, i) => f64.set(row, start + i * stride));
}

/** Reads `count` rows of `width` values from f64, the first at `start`, one every `stride`. */
function readRows(f64: Float64Array, start: number, stride: number, count: number, width: number) {
  return Array.from({ length: count }, (_, i) =>
    Array.from(f64.subarray(start + i * stride, start + i * stride + width)),
  );
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
  // byte offsets from the start of the block
  const at = {
    x: layout.block(rows * nInput),
    y: layout.block(rows * op),
    labels: layout.block(rows, 4),
    w1: layout.block(nInput * hp),
    w2: layout.block(hp * op),
    w2t: layout.block(nOutput * hp),
    g1: layout.block(nInput * hp),
    g2t: layout.block(nOutput * hp),
    // two rows' worth: the 4 → H → 3 kernel works on pairs of rows
    hidden: layout.block(2 * hp),
    outputs: layout.block(rows * op),
    delta2: layout.block(op),
  };
  const image = new Uint8Array(layout.bytes);
  const f64 = new Float64Array(image.buffer);
  writeRows(f64, at.x / 8, nInput, x);
  for (let i = 0; i < rows; i++) {
    // padding outputs compute σ(0) = 0.5; the same target gives them a zero δ₂
    for (let o = 0; o < op; o++) f64[at.y / 8 + i * op + o] = o < nOutput ? y[i][o] : 0.5;
  }
  new Int32Array(image.buffer).set(classOfRows(y), at.labels / 4);
  writeRows(f64, at.w1 / 8, hp, weights1);
  writeRows(f64, at.w2 / 8, op, weights2);
  for (let k = 0; k < nHidden; k++) {
    for (let o = 0; o < nOutput; o++) f64[at.w2t / 8 + o * hp + k] = weights2[k][o];
  }
  const parameters = new Int32Array((L.RUN_END - L.RUN_ROWS) / 4);
  const record: [number, number][] = [
    [L.RUN_ROWS, rows],
    [L.RUN_N_INPUT, nInput],
    [L.RUN_N_OUTPUT, nOutput],
    [L.RUN_N_HIDDEN, nHidden],
    [L.RUN_HP, hp],
    [L.RUN_OP, op],
    [L.RUN_X, BASE + at.x],
    [L.RUN_Y, BASE + at.y],
    [L.RUN_LABELS, BASE + at.labels],
    [L.RUN_W1, BASE + at.w1],
    [L.RUN_W2, BASE + at.w2],
    [L.RUN_W2T, BASE + at.w2t],
    [L.RUN_G1, BASE + at.g1],
    [L.RUN_G2T, BASE + at.g2t],
    [L.RUN_HIDDEN, BASE + at.hidden],
    [L.RUN_OUTPUTS, BASE + at.outputs],
    [L.RUN_DELTA2, BASE + at.delta2],
  ];
  for (const [offset, value] of record) parameters[(offset - L.RUN_ROWS) / 4] = value;
  return { rows, nInput, nHidden, nOutput, mse: NaN, accuracy: NaN, hp, op, at, parameters, image };
}

/** The weights as nested rows: W1 (nInput×nHidden) and W2 (nHidden×nOutput). */
export function engineWeights(s: EngineState): { weights1: number[][]; weights2: number[][] } {
  const inMemory = shared?.resident === s;
  const f64 = inMemory ? shared!.f64 : new Float64Array(s.image.buffer);
  const base = inMemory ? BASE / 8 : 0;
  return {
    weights1: readRows(f64, base + s.at.w1 / 8, s.hp, s.nInput, s.nHidden),
    weights2: readRows(f64, base + s.at.w2 / 8, s.op, s.nHidden, s.nOutput),
  };
}

/**
 * One epoch's forward pass, monitoring and backward pass over all rows: h = σ(x·W1),
 * out = σ(h·W2), MSE = Σ(out − y)² / (2N) and accuracy into s.mse / s.accuracy,
 * δ₂ = ((out − y)·out)·(1 − out), δ₁ = ((δ₂·W2ᵀ)·h)·(1 − h), and the sums hᵀ·δ₂ and xᵀ·δ₁.
 * The weights are not touched: the caller checks the MSE, then calls applyGradients.
 */
export function forwardBackward(s: EngineState): void {
  runEpoch(s, "epoch");
}

/** forwardBackward through the kernel for any shape (the 4 → H → 3 one has its own). */
export function forwardBackwardAnyShape(s: EngineState): void {
  runEpoch(s, "epochAnyShape");
}

function runEpoch(s: EngineState, epoch: "epoch" | "epochAnyShape"): void {
  const k = residentInstance(s);
  k.kernel[epoch]();
  s.mse = k.f64[L.RUN_SQUARED_ERRORS / 8] / (2 * s.rows * s.nOutput);
  s.accuracy = k.i32[L.RUN_CORRECT / 4] / s.rows;
}

/** W ← W − η · (Σ / N) with N = y.size: the tutorial's weights1Update / weights2Update step. */
export function applyGradients(s: EngineState, learningRate: number): void {
  const k = residentInstance(s);
  k.f64[L.RUN_LEARNING_RATE / 8] = learningRate;
  k.kernel.update();
}

/**
 * The output layer's outputs σ(σ(x·W1)·W2) for each row of validated x, computed by the same
 * kernel as training (same sums, same e^x), in a run of its own with no targets.
 */
export function forwardOutputs(x: Rows, weights1: Rows, weights2: Rows): number[][] {
  const noTargets = x.map(() => weights2[0].map(() => 0));
  const s = createEngineState(x, noTargets, weights1, weights2);
  const k = residentInstance(s);
  k.kernel.forward();
  const outputs = readRows(k.f64, (BASE + s.at.outputs) / 8, s.op, s.rows, s.nOutput);
  k.resident = undefined; // a throwaway run: nothing to save when the next run moves in
  return outputs;
}

/** Frees the kernel of a throwaway run: nothing to save when the next run moves in. */
export function releaseEngineState(s: EngineState): void {
  if (shared?.resident === s) shared.resident = undefined;
}

/** One weight set to a trial value: weights1[i][j] (layer 1) or weights2[i][j] (layer 2). */
export interface WeightChange {
  readonly layer: 1 | 2;
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

/**
 * The loss E = Σ(out − y)² / (2 · y.size) of s's network with some weights changed, by the
 * kernel's forward pass; the weights are restored after, so a check or a grid costs one forward
 * pass per point and no copy. The squares are added row by row, as meanSquaredError adds them.
 */
export function lossWithWeights(s: EngineState, y: Rows, changes: readonly WeightChange[]): number {
  const k = residentInstance(s);
  const slots = changes.map(
    ({ layer, i, j }) =>
      (BASE + (layer === 1 ? s.at.w1 + 8 * i * s.hp : s.at.w2 + 8 * i * s.op)) / 8 + j,
  );
  const saved = slots.map((slot) => k.f64[slot]);
  slots.forEach((slot, n) => (k.f64[slot] = changes[n].value));
  k.kernel.forward();
  slots.forEach((slot, n) => (k.f64[slot] = saved[n]));
  const outputs = (BASE + s.at.outputs) / 8;
  let total = 0;
  for (let r = 0; r < s.rows; r++) {
    for (let o = 0; o < s.nOutput; o++) {
      const d = k.f64[outputs + r * s.op + o] - y[r][o];
      total += d * d;
    }
  }
  return total / (2 * s.rows * s.nOutput);
}

/**
 * e^x of each value by the kernel's vectorised exp, for the tests against Math.exp; `repeat`
 * evaluates it that many times over (the bench's rate measurement).
 */
export function kernelExp(values: readonly number[], repeat = 1): number[] {
  const n = even(values.length);
  const k = sharedInstance(16 * n);
  const from = BASE / 8;
  k.f64.fill(0, from, from + n);
  k.f64.set(values, from);
  for (let r = 0; r < repeat; r++) k.kernel.expArray(BASE, BASE + 8 * n, n);
  return Array.from(k.f64.subarray(from + n, from + n + values.length));
}

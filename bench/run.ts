/**
 * npm run bench — how fast one training epoch is, for each way the project can train:
 *
 *   NumPy                  the NumPy reference equations (bench/numpy_epoch.py), in
 *                          .venv-bench when npm run bench:setup made it (BLAS report via
 *                          threadpoolctl), else in .venv
 *   JAX                    the same equations under jax.jit over lax.fori_loop, float64
 *                          (bench/jax_epoch.py, .venv-bench only)
 *   mathjs path            the readable loop (trainingStep per epoch, lib/train/trainReadable.ts)
 *   engine                 train / createTrainer: the WebAssembly SIMD engine (lib/train)
 *   hand-written loop      bench/handwritten.ts: the obvious fused loop with Math.exp (plain JS)
 *
 * on the attempts' data (Iris, 130 training rows, 4 → H → 3, H ∈ {2, 6, 32}) and on synthetic
 * rows (1 000 and 10 000, H = 32) to show cost ∝ rows × hidden. Each figure is the median of
 * several repetitions of a block of epochs; ratios are to NumPy and JAX measured in this same
 * run, and to the physical floor (bench/floor.ts). The Python processes run with
 * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset. Then: the engine's heap growth over 15 000
 * epochs, and each notebook's cold headless wall time.
 * A benchmark, not a test: it prints, and fails only if something cannot run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import {
  RandomState,
  createTrainer,
  initWeights,
  loadIris,
  oneHot,
  toRows,
  trainTestSplit,
  type TrainOptions,
} from "../lib/index";
import { trainReadable } from "../lib/train/trainReadable";
import { epochExps, epochFlops, floorUs, measureRates, type Rates } from "./floor";
import { handWrittenTrain, type HandWrittenProblem } from "./handwritten";

const ROOT = join(__dirname, "..");
const PYTHON = join(ROOT, ".venv", "bin", "python");
const BENCH_PYTHON = join(ROOT, ".venv-bench", "bin", "python");
const REPETITIONS = 5;
/** Target duration of one timed block of epochs. */
const BLOCK_MS = 60;
const LEARNING_RATE = 0.1;

interface Case {
  name: string;
  rows: number;
  nHidden: number;
  options: TrainOptions;
}

type Engine = "NumPy" | "JAX" | "mathjs path" | "engine" | "hand-written loop";
type NodeEngine = Exclude<Engine, "NumPy" | "JAX">;
const NODE_ENGINES: NodeEngine[] = ["mathjs path", "engine", "hand-written loop"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cases(): Case[] {
  const iris = loadIris(join(ROOT, "data", "Iris.csv"));
  const { y } = oneHot(iris.species);
  // the training notebook's attempts: testSize 20, split seed 4 → 130 training rows
  const split = trainTestSplit(iris.features, y, { testSize: 20, seed: 4 });
  const result: Case[] = [];
  for (const nHidden of [2, 6, 32]) {
    const options = { x: split.xTrain, y: split.yTrain, learningRate: LEARNING_RATE };
    result.push({
      name: `iris-${nHidden}`,
      rows: 130,
      nHidden,
      options: { ...options, epochs: 1, nHidden, seed: 10 },
    });
  }
  for (const rows of [1000, 10000]) {
    const random = new RandomState(rows);
    const x = Array.from({ length: rows }, () => [0, 1, 2, 3].map(() => random.randomSample() * 7));
    const labels = x.map((row) => (row[2] < 2.5 ? 0 : row[3] < 3.5 ? 1 : 2));
    const oneHotY = labels.map((label) => [0, 1, 2].map((c) => (c === label ? 1 : 0)));
    result.push({
      name: `synthetic-${rows}`,
      rows,
      nHidden: 32,
      options: { x, y: oneHotY, learningRate: LEARNING_RATE, epochs: 1, nHidden: 32, seed: 10 },
    });
  }
  return result;
}

/** A case's sizes and starting weights, drawn as the library draws them. */
function setupOf(o: TrainOptions) {
  const sizes = { nInput: o.x[0].length, nHidden: o.nHidden, nOutput: o.y[0].length };
  const { weights1, weights2 } = initWeights(sizes, o.seed);
  const [w1, w2] = [toRows(weights1), toRows(weights2)];
  return { ...sizes, rows: o.x.length, learningRate: o.learningRate, weights1: w1, weights2: w2 };
}

/** A function that trains `epochs` epochs of a case with one Node engine (setup excluded). */
function runner(engine: NodeEngine, c: Case): (epochs: number) => void {
  if (engine === "mathjs path") {
    return (epochs) => void trainReadable({ ...c.options, epochs });
  }
  if (engine === "engine") {
    return (epochs) => {
      const trainer = createTrainer({ ...c.options, epochs });
      trainer.run(epochs);
    };
  }
  const setup = setupOf(c.options);
  const start = setup;
  const problem: HandWrittenProblem = {
    x: Float64Array.from(c.options.x.flat()),
    y: Float64Array.from(c.options.y.flat()),
    rows: setup.rows,
    nInput: setup.nInput,
    nHidden: setup.nHidden,
    nOutput: setup.nOutput,
    weights1: Float64Array.from(start.weights1.flat()),
    weights2: Float64Array.from(start.weights2.flat()),
    learningRate: setup.learningRate,
  };
  return (epochs) => void handWrittenTrain(problem, epochs);
}

function elapsedMs(f: () => void): number {
  const started = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Epochs per timed block: doubles until a block takes a few ms, then scales to BLOCK_MS. */
function calibrate(run: (epochs: number) => void): number {
  run(2); // first calls build mathjs's typed functions and warm the JIT: not timed
  let epochs = 1;
  for (;;) {
    const ms = elapsedMs(() => run(epochs));
    if (ms > BLOCK_MS / 3 || epochs >= 1 << 16) {
      return Math.max(1, Math.round((epochs * BLOCK_MS) / Math.max(ms, 1e-3)));
    }
    epochs *= 2;
  }
}

interface NodeRun {
  key: string;
  run: (epochs: number) => void;
  epochs: number;
  times: number[];
}

/** Each Node engine on each case, with its block size calibrated (this also warms the JIT). */
function prepareNode(all: Case[]): NodeRun[] {
  return all.flatMap((c) =>
    NODE_ENGINES.map((engine) => {
      const run = runner(engine, c);
      return { key: `${engine}/${c.name}`, run, epochs: calibrate(run), times: [] };
    }),
  );
}

/**
 * One timed block of every Node run (µs per epoch appended to its times), each after a short
 * untimed one: while the Python process runs, Node is idle and V8 shrinks its young generation,
 * which would make the first allocation-heavy (mathjs) block after it 2–3× slower.
 */
function timeNodeOnce(runs: NodeRun[]): void {
  for (const r of runs) {
    r.run(Math.max(1, r.epochs >> 3));
    r.times.push((elapsedMs(() => r.run(r.epochs)) * 1000) / r.epochs);
  }
}

interface PythonResult {
  name: string;
  usPerEpoch: number;
  finalMse: number;
  epochs: number;
}

interface PythonRun {
  version: string;
  blas?: string;
  results: PythonResult[];
}

/**
 * The cases for bench/numpy_epoch.py and bench/jax_epoch.py: same data and initial weights,
 * one repetition per call (a fresh Python process each time), so the Python repetitions
 * interleave with Node's under the same load.
 */
function pythonSpec(all: Case[], dir: string): { file: string; epochs: number[] } {
  const specs = all.map((c) => {
    const setup = setupOf(c.options);
    // about BLOCK_MS per block at NumPy's ~25 µs fixed + ~25 ns per row·hidden cost
    const epochs = Math.max(3, Math.round((BLOCK_MS * 1000) / (25 + 0.025 * c.rows * c.nHidden)));
    return {
      name: c.name,
      ...c.options,
      weights1: setup.weights1,
      weights2: setup.weights2,
      epochs,
    };
  });
  const file = join(dir, "cases.json");
  writeFileSync(file, JSON.stringify({ repetitions: 1, cases: specs }));
  return { file, epochs: specs.map((s) => s.epochs) };
}

/** The environment of the Python processes: OpenBLAS picks its own kernel and cache sizes. */
function pythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

function timePythonOnce(python: string, script: string, file: string): PythonRun | string {
  const child = spawnSync(python, [join(__dirname, script), file], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: pythonEnv(),
  });
  if (child.status !== 0) return `failed: ${child.stderr.trim().split("\n").at(-1)}`;
  const parsed = JSON.parse(child.stdout) as {
    numpy?: string;
    jax?: string;
    blas?: string;
    results: PythonResult[];
  };
  return { version: parsed.numpy ?? parsed.jax ?? "?", blas: parsed.blas, results: parsed.results };
}

interface PythonSide {
  name: "NumPy" | "JAX";
  python: string;
  script: string;
  failure?: string;
  version: string;
  blas?: string;
  runs: PythonResult[][];
}

/** Medians of a Python side's repetitions, or why it has none. */
type PythonSummary = { version: string; blas?: string; results: PythonResult[] } | string;

/** Runs every repetition: all Node blocks, then each Python process, REPETITIONS times. */
function timeAll(all: Case[]): {
  node: Map<string, number>;
  numpy: PythonSummary;
  jax: PythonSummary;
} {
  const runs = prepareNode(all);
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  try {
    const spec = pythonSpec(all, dir);
    const numpyPython = existsSync(BENCH_PYTHON) ? BENCH_PYTHON : PYTHON;
    const sides: PythonSide[] = [
      {
        name: "NumPy",
        python: numpyPython,
        script: "numpy_epoch.py",
        failure: existsSync(numpyPython)
          ? undefined
          : `skipped: ${PYTHON} not found (npm run setup)`,
        version: "",
        runs: [],
      },
      {
        name: "JAX",
        python: BENCH_PYTHON,
        script: "jax_epoch.py",
        failure: existsSync(BENCH_PYTHON)
          ? undefined
          : "skipped: no bench environment (npm run bench:setup installs JAX into .venv-bench)",
        version: "",
        runs: [],
      },
    ];
    for (let r = 0; r < REPETITIONS; r++) {
      timeNodeOnce(runs);
      for (const side of sides) {
        if (side.failure) continue;
        const once = timePythonOnce(side.python, side.script, spec.file);
        if (typeof once === "string") side.failure = once;
        else {
          side.version = once.version;
          side.blas = once.blas;
          side.runs.push(once.results);
        }
      }
    }
    const node = new Map(runs.map((r) => [r.key, median(r.times)]));
    const summary = (side: PythonSide): PythonSummary =>
      side.failure ?? {
        version: side.version,
        blas: side.blas,
        results: all.map((c, i) => ({
          name: c.name,
          epochs: spec.epochs[i],
          usPerEpoch: median(side.runs.map((run) => run[i].usPerEpoch)),
          finalMse: side.runs[0][i].finalMse,
        })),
      };
    return { node, numpy: summary(sides[0]), jax: summary(sides[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Heap after 15 000 engine epochs vs before (both after a full GC), and GCs during them. */
async function heapGrowth(c: Case): Promise<string> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return "skipped: run node with --expose-gc (npm run bench does)";
  const epochs = 15000;
  const trainer = createTrainer({ ...c.options, epochs: epochs + 1000 });
  trainer.run(1000); // warm up the JIT
  let collections = 0;
  const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
  observer.observe({ entryTypes: ["gc"] });
  gc();
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  collections = 0; // the forced GC above is reported late: do not count it
  const before = process.memoryUsage().heapUsed;
  const young = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  const youngBefore = young()?.space_used_size ?? 0;
  trainer.run(epochs);
  const youngAfter = young()?.space_used_size ?? 0;
  await new Promise((resolve) => setImmediate(resolve));
  const gcsDuring = collections;
  gc();
  const after = process.memoryUsage().heapUsed;
  observer.disconnect();
  return (
    `${c.name}, H=${c.nHidden}: heap ${signedBytes(after - before)} after ${epochs} epochs ` +
    `(full GC before and after); young generation ${signedBytes(youngAfter - youngBefore)} ` +
    `during them, ${gcsDuring} GC(s) triggered`
  );
}

function signedBytes(n: number): string {
  return `${n >= 0 ? "+" : "−"}${Math.abs(n).toLocaleString("en-US")} B`;
}

/** Cold headless run of each notebook (new kernel each) through bench/notebook_times.py. */
function notebookTimes(): string[] {
  if (process.env.BENCH_SKIP_NOTEBOOKS === "1") return ["skipped (BENCH_SKIP_NOTEBOOKS=1)"];
  if (!existsSync(PYTHON)) return [`skipped: ${PYTHON} not found (run npm run setup)`];
  if (!existsSync(join(ROOT, "scripts", "execute_notebook.py"))) {
    return ["pending: scripts/execute_notebook.py is not in this tree"];
  }
  if (!existsSync(join(ROOT, "lib", "dist", "index.js"))) {
    return ["skipped: lib/dist missing (npm run build)"];
  }
  const notebooks = ["13-backpropagation.ipynb", "14-training.ipynb", "14-learning-rate.ipynb"]
    .map((name) => join(ROOT, "notebooks", name))
    .filter((path) => existsSync(path));
  const deno = join(ROOT, ".venv", "share", "jupyter", "kernels", "deno", "kernel.json");
  const kernels = existsSync(deno) ? ["tslab", "deno"] : ["tslab"];
  return kernels.flatMap((kernel) => [`${kernel}:`, ...notebookTimesOn(kernel, notebooks)]);
}

function notebookTimesOn(kernel: string, notebooks: string[]): string[] {
  const script = join(__dirname, "notebook_times.py");
  const child = spawnSync(PYTHON, [script, "--kernel", kernel, ...notebooks], {
    encoding: "utf8",
    cwd: ROOT,
    env: { ...process.env, BACKPROP_SKIP_SETUP: "1" },
  });
  if (child.status !== 0) return [`failed: ${child.stderr.trim().split("\n").at(-1)}`];
  const results = JSON.parse(child.stdout) as {
    notebook: string;
    seconds?: number;
    kernelSeconds?: number;
    cells?: number;
    slowest?: [number, number, string][];
    error?: string;
  }[];
  return results.flatMap((r) => {
    if (r.seconds === undefined) return [`${r.notebook}: FAILED ${r.error}`];
    const slowest = (r.slowest ?? [])
      .map(([index, seconds, line]) => `[${index}] ${seconds.toFixed(1)} s \`${line}\``)
      .join(", ");
    return [
      `${r.notebook}: ${r.seconds.toFixed(1)} s (kernel start → last cell)`,
      `    ${(r.kernelSeconds ?? 0).toFixed(1)} s outside cells (kernel start/stop), ` +
        `${r.cells} cells; slowest ${slowest}`,
    ];
  });
}

function pad(text: string | number, width: number, left = false): string {
  const s = String(text);
  return left ? s.padEnd(width) : s.padStart(width);
}

/** The performance issue's goals, each a ratio from this run. */
function printGoals(
  all: Case[],
  node: Map<string, number>,
  numpyOf: Map<string, PythonResult>,
  jaxOf: Map<string, PythonResult>,
  rates: Rates,
): void {
  const engine = (name: string) => node.get(`engine/${name}`) ?? NaN;
  const vsJax = (name: string) => engine(name) / (jaxOf.get(name)?.usPerEpoch ?? NaN);
  const vsNumpy = (name: string) => engine(name) / (numpyOf.get(name)?.usPerEpoch ?? NaN);
  const goals: [string, number, number][] = [
    ["engine ≤ 0.8× JAX, 130×2", vsJax("iris-2"), 0.8],
    ["engine ≤ 0.8× JAX, 130×6", vsJax("iris-6"), 0.8],
    ...all.map((c): [string, number, number] => [
      `engine ≤ 1.0× NumPy, ${c.rows}×${c.nHidden}`,
      vsNumpy(c.name),
      1.0,
    ]),
    ["engine ≤ 1.5× JAX, 130×32", vsJax("iris-32"), 1.5],
    ["engine ≤ 1.5× JAX, 1000×32", vsJax("synthetic-1000"), 1.5],
    ["engine ≤ 2× JAX, 10000×32", vsJax("synthetic-10000"), 2],
  ];
  console.log("Goals (ratios from this run; NaN: that side did not run):");
  for (const [goal, value, limit] of goals) {
    const verdict = Number.isNaN(value) ? "n/a " : value <= limit ? "met " : "MISS";
    console.log(`  ${verdict}  ${pad(goal, 30, true)} ${value.toFixed(2)}`);
  }
  const floorShare = all.map((c) => {
    const shape = { rows: c.rows, nInput: 4, nHidden: c.nHidden, nOutput: 3 };
    return `${c.rows}×${c.nHidden} ${(engine(c.name) / floorUs(shape, rates.simdFlops, rates.simdExp)).toFixed(1)}×`;
  });
  console.log(`  engine vs its SIMD floor: ${floorShare.join(", ")}`);
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const all = cases();
  const started = Date.now();
  const { node, numpy, jax } = timeAll(all);
  const rates = await measureRates();
  const resultsOf = (side: PythonSummary) =>
    new Map(typeof side === "string" ? [] : side.results.map((r) => [r.name, r]));
  const numpyOf = resultsOf(numpy);
  const jaxOf = resultsOf(jax);

  const cpu = cpus();
  console.log(
    `Training benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpu[0]?.model ?? "?"} ` +
      `(${cpu.length} cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  for (const [name, side] of [
    ["NumPy", numpy],
    ["JAX", jax],
  ] as const) {
    console.log(
      typeof side === "string"
        ? `${name}: ${side}`
        : `${name}: ${side.version}${side.blas ? `; ${side.blas}` : ""}`,
    );
  }
  console.log(
    `Full-batch epoch (forward, MSE + accuracy, backprop, update), median of ${REPETITIONS} ` +
      `blocks of ~${BLOCK_MS} ms; learning rate ${LEARNING_RATE}. 1-min load average ` +
      `${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (other processes ` +
      `sharing the cores inflate every figure; ratios are less affected).`,
  );
  console.log(
    `Measured rates: scalar JS ${rates.scalarFlops.toFixed(1)} FLOP/ns and Math.exp ` +
      `${(1 / rates.scalarExp).toFixed(1)} ns; WebAssembly f64x2 ${rates.simdFlops.toFixed(1)} ` +
      `FLOP/ns (mul + add, unfused) and the kernel's exp ${(1 / rates.simdExp).toFixed(1)} ns.\n`,
  );
  const header =
    pad("engine", 20, true) +
    pad("rows", 7) +
    pad("H", 4) +
    pad("µs/epoch", 11) +
    pad("× NumPy", 9) +
    pad("× JAX", 8) +
    pad("× SIMD floor", 14) +
    pad("ns/(row·H)", 12);
  console.log(header);
  console.log("-".repeat(header.length));
  const rowsOut: string[] = [];
  for (const c of all) {
    const np = numpyOf.get(c.name);
    const jx = jaxOf.get(c.name);
    const shape = { rows: c.rows, nInput: 4, nHidden: c.nHidden, nOutput: 3 };
    const simdFloor = floorUs(shape, rates.simdFlops, rates.simdExp);
    const line = (engine: Engine, us: number | undefined) => {
      const ratio = (to: number | undefined) =>
        us !== undefined && to !== undefined ? (us / to).toFixed(2) : "—";
      const perUnit = us !== undefined ? ((us * 1000) / (c.rows * c.nHidden)).toFixed(1) : "—";
      rowsOut.push(
        pad(engine, 20, true) +
          pad(c.rows, 7) +
          pad(c.nHidden, 4) +
          pad(us === undefined ? "—" : us < 100 ? us.toFixed(1) : us.toFixed(0), 11) +
          pad(ratio(np?.usPerEpoch), 9) +
          pad(ratio(jx?.usPerEpoch), 8) +
          pad(ratio(simdFloor), 14) +
          pad(perUnit, 12),
      );
    };
    line("NumPy", np?.usPerEpoch);
    line("JAX", jx?.usPerEpoch);
    for (const engine of NODE_ENGINES) line(engine, node.get(`${engine}/${c.name}`));
    const scalarFloor = floorUs(shape, rates.scalarFlops, rates.scalarExp);
    rowsOut.push(
      `  floor: ${epochFlops(shape).toLocaleString("en-US")} FLOPs + ` +
        `${epochExps(shape).toLocaleString("en-US")} exp per epoch = ` +
        `${simdFloor.toFixed(1)} µs at the SIMD rates, ${scalarFloor.toFixed(1)} µs at the scalar rates\n`,
    );
  }
  console.log(rowsOut.join("\n"));
  printGoals(all, node, numpyOf, jaxOf, rates);
  const agreement = all
    .filter((c) => numpyOf.has(c.name))
    .map((c) => {
      const np = numpyOf.get(c.name)!;
      const trainer = createTrainer({ ...c.options, epochs: np.epochs });
      trainer.run(np.epochs);
      const mse = trainer.result().finalMse;
      return `${c.name}: ${(Math.abs(mse - np.finalMse) / np.finalMse).toExponential(1)}`;
    });
  if (agreement.length) {
    console.log(`  check: engine vs NumPy final MSE, relative difference: ${agreement.join(", ")}`);
  }

  console.log(`\nHeap: ${await heapGrowth(all[1])}`);
  console.log(`\nTimings took ${((Date.now() - started) / 1000).toFixed(0)} s. Notebooks, cold:`);
  for (const line of notebookTimes()) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * npm run bench — how fast one training epoch is, for each way the project can train:
 *
 *   NumPy                  the tutorial's original equations (bench/numpy_epoch.py, .venv)
 *   mathjs path            trainReadable: lib/network's readable functions, one per equation
 *   engine                 train / createTrainer: the fused Float64Array engine (lib/train)
 *   hand-written loop      bench/handwritten.ts: the obvious fused loop with Math.exp
 *
 * on the attempts' data (Iris, 130 training rows, 4 → H → 3, H ∈ {2, 6, 32}) and on synthetic
 * rows (1 000 and 10 000, H = 32) to show cost ∝ rows × hidden. Each figure is the median of
 * several repetitions of a block of epochs; ratios are to NumPy measured in this same run. Then:
 * the engine's heap growth over 15 000 epochs, and each notebook's cold headless wall time.
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
  loadIris,
  oneHot,
  trainReadable,
  trainTestSplit,
  type TrainOptions,
} from "../lib/index";
import { initialWeights } from "../lib/train/initialWeights";
import { checkTrainOptions } from "../lib/train/options";
import { handWrittenTrain, type HandWrittenProblem } from "./handwritten";

const ROOT = join(__dirname, "..");
const PYTHON = join(ROOT, ".venv", "bin", "python");
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

type Engine = "NumPy" | "mathjs path" | "engine" | "hand-written loop";
const NODE_ENGINES: Exclude<Engine, "NumPy">[] = ["mathjs path", "engine", "hand-written loop"];

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

/** A function that trains `epochs` epochs of a case with one Node engine (setup excluded). */
function runner(engine: Exclude<Engine, "NumPy">, c: Case): (epochs: number) => void {
  if (engine === "mathjs path") {
    return (epochs) => void trainReadable({ ...c.options, epochs });
  }
  if (engine === "engine") {
    return (epochs) => {
      const trainer = createTrainer({ ...c.options, epochs });
      trainer.run(epochs);
    };
  }
  const setup = checkTrainOptions(c.options);
  const start = initialWeights(setup);
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

interface NumpyResult {
  name: string;
  usPerEpoch: number;
  finalMse: number;
  epochs: number;
}

/**
 * bench/numpy_epoch.py on the same data and initial weights, one repetition per call (a fresh
 * Python process each time), so NumPy's repetitions interleave with Node's under the same load.
 */
function numpySpec(all: Case[], dir: string): { file: string; epochs: number[] } {
  const specs = all.map((c) => {
    const setup = checkTrainOptions(c.options);
    // about BLOCK_MS per block at NumPy's ~25 µs fixed + ~25 ns per row·hidden cost
    const epochs = Math.max(3, Math.round((BLOCK_MS * 1000) / (25 + 0.025 * c.rows * c.nHidden)));
    return { name: c.name, ...c.options, ...initialWeights(setup), epochs };
  });
  const file = join(dir, "cases.json");
  writeFileSync(file, JSON.stringify({ repetitions: 1, cases: specs }));
  return { file, epochs: specs.map((s) => s.epochs) };
}

function timeNumpyOnce(file: string): { version: string; results: NumpyResult[] } | string {
  const child = spawnSync(PYTHON, [join(__dirname, "numpy_epoch.py"), file], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (child.status !== 0) return `failed: ${child.stderr.trim().split("\n").at(-1)}`;
  const parsed = JSON.parse(child.stdout) as { numpy: string; results: NumpyResult[] };
  return { version: parsed.numpy, results: parsed.results };
}

/** Runs every repetition: all Node blocks, then one NumPy process, REPETITIONS times. */
function timeAll(all: Case[]): {
  node: Map<string, number>;
  numpy: { version: string; results: NumpyResult[] } | string;
} {
  const runs = prepareNode(all);
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  try {
    const spec = existsSync(PYTHON) ? numpySpec(all, dir) : undefined;
    let failure = spec ? undefined : `skipped: ${PYTHON} not found (run npm run setup)`;
    let version = "";
    const numpyRuns: NumpyResult[][] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      timeNodeOnce(runs);
      if (!spec || failure) continue;
      const once = timeNumpyOnce(spec.file);
      if (typeof once === "string") failure = once;
      else {
        version = once.version;
        numpyRuns.push(once.results);
      }
    }
    const node = new Map(runs.map((r) => [r.key, median(r.times)]));
    if (failure || !spec) return { node, numpy: failure ?? "skipped" };
    const results = all.map((c, i) => ({
      name: c.name,
      epochs: spec.epochs[i],
      usPerEpoch: median(numpyRuns.map((run) => run[i].usPerEpoch)),
      finalMse: numpyRuns[0][i].finalMse,
    }));
    return { node, numpy: { version, results } };
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
  const child = spawnSync(PYTHON, [join(__dirname, "notebook_times.py"), ...notebooks], {
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

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const all = cases();
  const started = Date.now();
  const { node, numpy } = timeAll(all);
  const numpyOf = new Map(typeof numpy === "string" ? [] : numpy.results.map((r) => [r.name, r]));

  const cpu = cpus();
  console.log(
    `Training benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpu[0]?.model ?? "?"} ` +
      `(${cpu.length} cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}` +
      (typeof numpy === "string" ? "" : `, NumPy ${numpy.version}`),
  );
  console.log(
    `Full-batch epoch (forward, MSE + accuracy, backprop, update), median of ${REPETITIONS} ` +
      `blocks of ~${BLOCK_MS} ms; learning rate ${LEARNING_RATE}. 1-min load average ` +
      `${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (other processes ` +
      `sharing the cores inflate every figure; ratios are less affected).\n`,
  );
  const header =
    pad("engine", 20, true) +
    pad("rows", 7) +
    pad("H", 4) +
    pad("µs/epoch", 11) +
    pad("× NumPy", 9) +
    pad("ns/(row·H)", 12);
  console.log(header);
  console.log("-".repeat(header.length));
  const rowsOut: string[] = [];
  for (const c of all) {
    const np = numpyOf.get(c.name);
    const line = (engine: Engine, us: number | undefined) => {
      const ratio = us !== undefined && np ? (us / np.usPerEpoch).toFixed(2) : "—";
      const perUnit = us !== undefined ? ((us * 1000) / (c.rows * c.nHidden)).toFixed(1) : "—";
      rowsOut.push(
        pad(engine, 20, true) +
          pad(c.rows, 7) +
          pad(c.nHidden, 4) +
          pad(us === undefined ? "—" : us < 100 ? us.toFixed(1) : us.toFixed(0), 11) +
          pad(ratio, 9) +
          pad(perUnit, 12),
      );
    };
    line("NumPy", np?.usPerEpoch);
    for (const engine of NODE_ENGINES) line(engine, node.get(`${engine}/${c.name}`));
    rowsOut.push("");
  }
  console.log(rowsOut.join("\n"));
  if (typeof numpy === "string") console.log(`NumPy: ${numpy}`);

  // the goals of the performance issue, each a ratio from this run
  if (typeof numpy !== "string") {
    const ratio = (engine: Engine, name: string) =>
      (node.get(`${engine}/${name}`) ?? NaN) / (numpyOf.get(name)?.usPerEpoch ?? NaN);
    const engineVsHand = (name: string) =>
      (node.get(`engine/${name}`) ?? NaN) / (node.get(`hand-written loop/${name}`) ?? NaN);
    const goals: [string, number, number][] = [
      ["engine ≤ 0.4× NumPy, H=2", ratio("engine", "iris-2"), 0.4],
      ["engine ≤ 0.4× NumPy, H=6", ratio("engine", "iris-6"), 0.4],
      ["engine ≤ 1.0× NumPy, H=32", ratio("engine", "iris-32"), 1.0],
      ["engine ≤ 1.5× hand-written, H=2", engineVsHand("iris-2"), 1.5],
      ["engine ≤ 1.5× hand-written, H=6", engineVsHand("iris-6"), 1.5],
      ["engine ≤ 1.5× hand-written, H=32", engineVsHand("iris-32"), 1.5],
      ["mathjs path ≤ 10× NumPy, H=2", ratio("mathjs path", "iris-2"), 10],
      ["mathjs path ≤ 10× NumPy, H=6", ratio("mathjs path", "iris-6"), 10],
      ["mathjs path ≤ 10× NumPy, H=32", ratio("mathjs path", "iris-32"), 10],
    ];
    console.log("Goals (ratios from this run):");
    for (const [goal, value, limit] of goals) {
      console.log(
        `  ${value <= limit ? "met " : "MISS"}  ${pad(goal, 34, true)} ${value.toFixed(2)}`,
      );
    }
    // the two sides computed the same thing: same final MSE after the same epochs
    const agreement = all
      .filter((c) => c.rows === 130)
      .map((c) => {
        const np = numpyOf.get(c.name)!;
        const trainer = createTrainer({ ...c.options, epochs: np.epochs });
        trainer.run(np.epochs);
        const mse = trainer.result().finalMse;
        return `H=${c.nHidden}: ${(Math.abs(mse - np.finalMse) / np.finalMse).toExponential(1)}`;
      });
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

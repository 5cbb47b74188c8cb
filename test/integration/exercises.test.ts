/**
 * Part 13's exercise notebooks through the real tslab kernel (nbclient, scripts/
 * execute_notebook.py): the committed exercise notebook runs with every check "not done yet",
 * the solutions with every check ✓, and copies with wrong answers typed into the exercise cells
 * run to the end with a ✗ naming each mistake's cause. Several mistakes, each in a different
 * exercise, share one execution (a kernel start each); the other exercises stay unfinished,
 * which also shows that one exercise can be checked without the others.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const repoRoot = join(__dirname, "..", "..");
const EXERCISES_NB = "notebooks/13-exercises.ipynb";
const SOLUTIONS_NB = "notebooks/solutions/13-exercises.ipynb";

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a project script (execute_notebook.py, or notebook.py: `npm run notebook`). */
function runScript(script: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      [join(repoRoot, "scripts", "py.sh"), join(repoRoot, "scripts", script), ...args],
      { cwd: repoRoot, timeout: 20 * 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const executeNotebook = (args: string[]) => runScript("execute_notebook.py", args);

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
interface Cell {
  id: string;
  cell_type: string;
  metadata: { tags?: string[] };
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}
interface Notebook {
  cells: Cell[];
}

const joined = (text: string | string[] | undefined) => [text ?? ""].flat().join("");

function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8")) as Notebook;
}

/** The text/plain of a cell's displays, and any stderr it printed. */
function cellText(nb: Notebook, id: string): { plain: string; stderr: string } {
  const cell = nb.cells.find((c) => c.id === id);
  assert.ok(cell, `no cell with id ${id}`);
  const outputs = cell.outputs ?? [];
  return {
    plain: outputs.map((o) => joined(o.data?.["text/plain"])).join("\n"),
    stderr: outputs
      .filter((o) => o.output_type === "error" || o.name === "stderr")
      .map((o) => joined(o.text))
      .join(""),
  };
}

const IDS = [
  "sigmoid",
  "feedforward",
  "outputLayer",
  "hiddenLayer",
  "weightUpdates",
  "meanSquaredError",
  "gradientStep",
  "trainingLoop",
] as const;
type Id = (typeof IDS)[number];

/** Runs `jobs` two at a time (each is mostly a kernel start and its cells; two cores). */
function pool<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T>[] {
  const lanes: Promise<unknown>[] = Array.from({ length: width }, () => Promise.resolve());
  return jobs.map((job, i) => {
    const result = lanes[i % width].then(job);
    lanes[i % width] = result.catch(() => undefined);
    return result;
  });
}

let committedRuns: Promise<RunResult>[] | undefined;
let batchRuns: Promise<{ run: RunResult; nb: Notebook | null }>[] | undefined;
const tmpDir = join(repoRoot, "test-results", `exercises-${process.pid}`);

/** Starts every execution of this file at once, in a pool of two. */
function startAll(): void {
  if (committedRuns) return;
  mkdirSync(tmpDir, { recursive: true });
  const jobs: (() => Promise<unknown>)[] = [
    () => executeNotebook(["--check", EXERCISES_NB]),
    () => executeNotebook(["--check", SOLUTIONS_NB]),
    ...BATCHES.map((batch, index) => async () => {
      const input = join(tmpDir, `batch-${index}.ipynb`);
      writeFileSync(input, JSON.stringify(injectedNotebook(batch), null, 1));
      if (index === 0) {
        // The first batch is marked as a teacher would: the headless runner, `npm run notebook`.
        const out = join(tmpDir, "marked");
        const run = await runScript("notebook.py", [input, "--out", out, "--no-report"]);
        return { run, nb: run.code === 0 ? readNotebook(join(out, "batch-0.ipynb")) : null };
      }
      const output = join(tmpDir, `batch-${index}-executed.ipynb`);
      const run = await executeNotebook(["--quiet", "--output", output, input]);
      return { run, nb: run.code === 0 ? readNotebook(output) : null };
    }),
  ];
  const all = pool(jobs);
  committedRuns = all.slice(0, 2) as Promise<RunResult>[];
  batchRuns = all.slice(2) as typeof batchRuns;
}

after(() => rmSync(tmpDir, { recursive: true, force: true }));

describe("the committed exercise notebooks, executed", () => {
  let runs: RunResult[];
  before(async () => {
    startAll();
    runs = await Promise.all(committedRuns!);
  });

  it("both execute through tslab without a failing cell, outputs up to date", () => {
    for (const run of runs) {
      assert.doesNotMatch(run.stderr, /^(FAILED|STALE) /m, run.stderr);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /outputs up to date/, run.stderr);
    }
  });

  it("13-exercises: every check reports 'not done yet', the summary 0 of 8", () => {
    const nb = readNotebook(join(repoRoot, EXERCISES_NB));
    for (const id of IDS) {
      const { plain, stderr } = cellText(nb, `check-${id}`);
      assert.match(plain, /^○ .+: not done yet/, `check-${id}: ${plain}`);
      assert.equal(stderr, "");
    }
    const summary = cellText(nb, "summary").plain;
    assert.match(summary, /^Exercises: 0 of 8 correct/);
    assert.equal(summary.match(/not done yet/g)?.length, 8, summary);
  });

  it("solutions: every check passes, the loop reaches attempt 1's MSE", () => {
    const nb = readNotebook(join(repoRoot, SOLUTIONS_NB));
    for (const id of IDS) {
      const { plain, stderr } = cellText(nb, `check-${id}`);
      assert.match(plain, /^✓ .+: correct/, `check-${id}: ${plain}`);
      assert.equal(stderr, "");
    }
    assert.match(
      cellText(nb, "check-trainingLoop").plain,
      /final training MSE after 1000 epochs: 0\.0938264,/,
    );
    assert.match(cellText(nb, "summary").plain, /^Exercises: 8 of 8 correct/);
  });
});

interface Injection {
  /** What the wrong answer is, for the test's messages. */
  name: string;
  exercise: Id;
  /** The function's body (its signature stays the stub's). */
  body: string;
  /** What the check must show. */
  expect: RegExp[];
  /** What it must not show. */
  never?: RegExp[];
}

/** Each batch is one execution; at most one injection per exercise in a batch. */
const BATCHES: Injection[][] = [
  [
    {
      name: "sigmoid: sign flipped",
      exercise: "sigmoid",
      body: "  return matrix(toRows(z).map((row) => row.map((v) => 1 / (1 + Math.exp(v)))));",
      expect: [/likely cause: the sign in the exponent is flipped/],
    },
    {
      name: "feedforward: W1 and W2 swapped",
      exercise: "feedforward",
      body: `  const hiddenLayerInputs = dot(x, weights2);
  const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
  const outputLayerInputs = dot(hiddenLayerOutputs, weights1);
  return { hiddenLayerInputs, hiddenLayerOutputs, outputLayerInputs, outputLayerOutputs: sigmoid(outputLayerInputs) };`,
      expect: [
        /your function threw ShapeError: dot: cannot multiply \(3,4\) by \(2,3\)/,
        /likely cause: W1 and W2 swapped/,
      ],
    },
    {
      name: "output layer: sign flipped (y − ŷ)",
      exercise: "outputLayer",
      body: `  const outputLayerError = subtract(y, outputLayerOutputs);
  return { outputLayerError, outputLayerDelta: multiply(outputLayerError, outputLayerOutputs, subtract(1, outputLayerOutputs)) };`,
      expect: [
        /outputLayerError, first difference at row 0, column 0: expected -0\.384868406, got 0\.384868406/,
        /likely cause: sign flipped: the error is ŷ − y/,
      ],
    },
    {
      name: "hidden layer: a transpose missing",
      exercise: "hiddenLayer",
      body: `  const hiddenLayerError = dot(outputLayerDelta, weights2);
  return { hiddenLayerError, hiddenLayerDelta: multiply(hiddenLayerError, hiddenLayerOutputs, subtract(1, hiddenLayerOutputs)) };`,
      expect: [
        /threw ShapeError: dot: cannot multiply \(3,3\) by \(2,3\)/,
        /likely cause: a transpose missing/,
      ],
    },
    {
      name: "weight updates: ÷ N missing",
      exercise: "weightUpdates",
      body: `  return { weights1Update: dot(transpose(x), hiddenLayerDelta), weights2Update: dot(transpose(hiddenLayerOutputs), outputLayerDelta) };`,
      expect: [/weights1Update, first difference at row 0, column 0/, /likely cause: ÷ N missing/],
    },
    {
      name: "MSE: ÷ rows instead of ÷ elements",
      exercise: "meanSquaredError",
      body: "  return sum(square(subtract(outputLayerOutputs, y))) / (2 * shape(y)[0]);",
      expect: [
        /MSE: expected 0\.138311268, got 0\.414933804/,
        /likely cause: ÷ rows instead of ÷ elements/,
      ],
    },
    {
      name: "gradient step: the update added",
      exercise: "gradientStep",
      body: `  return { weights1: add(weights1, multiply(learningRate, weights1Update)), weights2: add(weights2, multiply(learningRate, weights2Update)) };`,
      expect: [/likely cause: the update added instead of subtracted/],
    },
    {
      name: "training loop: the weights not carried over",
      exercise: "trainingLoop",
      body: `  const history: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = trainingStep(x, y, weights1, weights2, learningRate);
    history.push(sum(square(subtract(step.outputLayerOutputs, y))) / (2 * size(y)));
  }
  return history;`,
      expect: [/epoch 2: expected/, /likely cause: the weights are not carried/],
    },
  ],
  [
    {
      name: "sigmoid: an answer that throws",
      exercise: "sigmoid",
      body: '  throw new Error("my sigmoid is broken\\nat a second line");',
      expect: [/your function threw Error: my sigmoid is broken$/m],
      never: [/second line/, /evalmachine|tslab|node_modules/],
    },
    {
      name: "feedforward: a wrong shape",
      exercise: "feedforward",
      body: `  const hiddenLayerInputs = dot(transpose(weights1), transpose(x));
  const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
  return { hiddenLayerInputs, hiddenLayerOutputs, outputLayerInputs: hiddenLayerInputs, outputLayerOutputs: hiddenLayerOutputs };`,
      expect: [
        /hiddenLayerInputs has shape \(2,3\), expected \(3,2\)/,
        /hint: the shape is the transpose of the expected one/,
        /the inputs: x \(3,4\), weights1 \(4,2\), weights2 \(2,3\)/,
      ],
    },
    {
      name: "output layer: σ′ missing",
      exercise: "outputLayer",
      body: `  const outputLayerError = subtract(outputLayerOutputs, y);
  return { outputLayerError, outputLayerDelta: outputLayerError };`,
      expect: [/outputLayerDelta, first difference/, /likely cause: σ′ missing/],
    },
    {
      name: "hidden layer: W1 and W2 swapped",
      exercise: "hiddenLayer",
      body: `  const hiddenLayerError = dot(outputLayerDelta, transpose(weights1));
  return { hiddenLayerError, hiddenLayerDelta: multiply(hiddenLayerError, hiddenLayerOutputs, subtract(1, hiddenLayerOutputs)) };`,
      expect: [/likely cause: W1 and W2 swapped/],
    },
    {
      name: "weight updates: ÷ rows instead of ÷ elements",
      exercise: "weightUpdates",
      body: `  const rows = shape(y)[0];
  return { weights1Update: divide(dot(transpose(x), hiddenLayerDelta), rows), weights2Update: divide(dot(transpose(hiddenLayerOutputs), outputLayerDelta), rows) };`,
      expect: [/likely cause: ÷ rows instead of ÷ elements/],
    },
    {
      name: "MSE: ÷ N missing",
      exercise: "meanSquaredError",
      body: "  return sum(square(subtract(outputLayerOutputs, y))) / 2;",
      expect: [/likely cause: ÷ N missing/],
    },
    {
      name: "gradient step: W1 and W2 swapped",
      exercise: "gradientStep",
      body: `  return { weights1: subtract(weights1, multiply(learningRate, weights2Update)), weights2: subtract(weights2, multiply(learningRate, weights1Update)) };`,
      expect: [
        /threw ShapeError: subtract: shapes \(4,2\) and \(2,3\) differ/,
        /likely cause: W1 and W2 swapped/,
      ],
    },
  ],
  [
    {
      name: "output layer: σ′ from z",
      exercise: "outputLayer",
      body: `  const outputLayerError = subtract(outputLayerOutputs, y);
  return { outputLayerError, outputLayerDelta: multiply(outputLayerError, outputLayerInputs, subtract(1, outputLayerInputs)) };`,
      expect: [/likely cause: σ′ from z instead of from the sigmoid's output/],
    },
    {
      name: "hidden layer: σ′ from z",
      exercise: "hiddenLayer",
      body: `  const hiddenLayerError = dot(outputLayerDelta, transpose(weights2));
  return { hiddenLayerError, hiddenLayerDelta: multiply(hiddenLayerError, hiddenLayerInputs, subtract(1, hiddenLayerInputs)) };`,
      expect: [
        /hiddenLayerDelta, first difference/,
        /likely cause: σ′ from z instead of from the sigmoid's output/,
      ],
    },
    {
      name: "weight updates: a transpose on the wrong factor",
      exercise: "weightUpdates",
      body: `  const N = size(y);
  return { weights1Update: divide(dot(transpose(hiddenLayerDelta), x), N), weights2Update: divide(dot(transpose(outputLayerDelta), hiddenLayerOutputs), N) };`,
      expect: [
        /weights1Update has shape \(2,4\), expected \(4,2\)/,
        /likely cause: the transpose on the wrong factor/,
      ],
    },
  ],
  [
    {
      name: "hidden layer: σ′ missing",
      exercise: "hiddenLayer",
      body: `  const hiddenLayerError = dot(outputLayerDelta, transpose(weights2));
  return { hiddenLayerError, hiddenLayerDelta: hiddenLayerError };`,
      expect: [/likely cause: σ′ missing/],
    },
    {
      name: "weight updates: W1 and W2 swapped",
      exercise: "weightUpdates",
      body: `  const N = size(y);
  return { weights1Update: divide(dot(transpose(x), outputLayerDelta), N), weights2Update: divide(dot(transpose(hiddenLayerOutputs), hiddenLayerDelta), N) };`,
      expect: [
        /weights1Update has shape \(4,3\), expected \(4,2\)/,
        /likely cause: W1 and W2 swapped: each update uses the other layer's delta/,
      ],
    },
  ],
];

const STUB_BODY = /\n {2}\/\/[^\n]*\n {2}return notDone\(\);\n\}$/;

/** A copy of the exercise notebook with these wrong answers, runnable from `dir`. */
function injectedNotebook(injections: Injection[]): Notebook {
  const nb = readNotebook(join(repoRoot, EXERCISES_NB));
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    if (cell.id === "data") {
      // The copy runs from another folder: point it at the data file itself.
      const source = joined(cell.source);
      cell.source = source.replace(
        '"../data/Iris.csv"',
        JSON.stringify(join(repoRoot, "data", "Iris.csv")),
      );
      assert.notEqual(cell.source, source);
    }
  }
  for (const injection of injections) {
    const cell = nb.cells.find((c) => c.id === `exercise-${injection.exercise}`)!;
    const source = joined(cell.source);
    assert.match(source, STUB_BODY);
    cell.source = source.replace(STUB_BODY, `\n${injection.body}\n}`);
  }
  return nb;
}

describe("wrong answers typed into the exercise cells", () => {
  let results: { run: RunResult; nb: Notebook | null }[];
  before(async () => {
    startAll();
    results = await Promise.all(batchRuns!);
  });

  BATCHES.forEach((batch, index) => {
    describe(`batch ${index + 1}: ${batch.map((b) => b.name).join("; ")}`, () => {
      it("runs to the end without a failing cell", () => {
        const { run } = results[index];
        assert.equal(run.code, 0, run.stderr);
        assert.doesNotMatch(run.stderr, /^FAILED /m);
      });

      for (const injection of batch) {
        it(`${injection.name}: ✗ with the cause`, () => {
          const nb = results[index].nb;
          assert.ok(nb, "the notebook did not run");
          const { plain, stderr } = cellText(nb, `check-${injection.exercise}`);
          assert.equal(stderr, "", "the check cell printed to stderr");
          assert.match(plain, /^✗ .+: not right yet/, plain);
          for (const pattern of injection.expect) assert.match(plain, pattern, plain);
          for (const pattern of injection.never ?? []) assert.doesNotMatch(plain, pattern, plain);
        });
      }

      if (index === 0) {
        it("`npm run notebook` prints each check's state under its cell, and the summary", () => {
          const { stdout } = results[index].run;
          assert.match(
            stdout,
            /exercises\.checkSigmoid\(mySigmoid\);.*s\n {6}✗ Sigmoid: not right yet\n/,
          );
          assert.match(stdout, /^ {8}likely cause: the sign in the exponent is flipped/m);
          assert.match(stdout, /^ {6}✗ Training loop: not right yet$/m);
          assert.match(stdout, /^ {6}Exercises: 0 of 8 correct$/m);
          assert.equal(stdout.match(/^ {6}✗ /gm)?.length, 2 * batch.length, stdout);
        });
      }

      it("leaves the other exercises 'not done yet'; the summary shows each state", () => {
        const nb = results[index].nb;
        assert.ok(nb, "the notebook did not run");
        const injected = new Set(batch.map((b) => b.exercise));
        for (const id of IDS.filter((i) => !injected.has(i))) {
          assert.match(cellText(nb, `check-${id}`).plain, /^○ .+: not done yet/);
        }
        const summary = cellText(nb, "summary").plain;
        assert.match(summary, /^Exercises: 0 of 8 correct/);
        assert.equal(summary.match(/✗ /g)?.length, batch.length, summary);
      });
    });
  });
});

/**
 * Deno 2.9.6 can send a cell's last outputs after the cell's idle status, and nbclient drops
 * them (README, "Other kernels"). A check cell has one output, so it can come back empty: the
 * batch then runs again (at most DENO_RUNS times in all), and each cell is taken from the first
 * run in which it has all the outputs tslab's has. Every check is still compared in full.
 */
const DENO_RUNS = 3;

describe("the same wrong answers on the Deno kernel: the checks say what they say on tslab", () => {
  const CELLS = [...IDS.map((i) => `check-${i}`), "summary"];
  let tslab: { run: RunResult; nb: Notebook | null }[];
  const deno: { run: RunResult; cells: Map<string, Notebook>; runs: number }[] = [];
  const outputCount = (nb: Notebook, id: string) =>
    nb.cells.find((c) => c.id === id)?.outputs?.length ?? 0;
  before(async () => {
    startAll();
    tslab = await Promise.all(batchRuns!);
    for (const [index, batch] of BATCHES.entries()) {
      const input = join(tmpDir, `deno-batch-${index}.ipynb`);
      writeFileSync(input, JSON.stringify(injectedNotebook(batch), null, 1));
      const output = join(tmpDir, `deno-batch-${index}-executed.ipynb`);
      const expected = tslab[index].nb;
      const cells = new Map<string, Notebook>();
      let run: RunResult | undefined;
      let runs = 0;
      while (runs < DENO_RUNS && (runs === 0 || cells.size < CELLS.length)) {
        run = await executeNotebook(["--quiet", "--kernel", "deno", "--output", output, input]);
        runs += 1;
        if (run.code !== 0 || !expected) break;
        const nb = readNotebook(output);
        for (const id of CELLS) {
          if (!cells.has(id) && outputCount(nb, id) >= outputCount(expected, id)) cells.set(id, nb);
        }
      }
      deno.push({ run: run!, cells, runs });
    }
  });

  BATCHES.forEach((batch, index) => {
    it(`batch ${index + 1}: every check and the summary as on tslab (✗ with the cause)`, (t) => {
      const { run, cells, runs } = deno[index];
      assert.equal(run.code, 0, run.stderr);
      assert.ok(tslab[index].nb, "the tslab notebook did not run");
      if (runs > 1) t.diagnostic(`Deno dropped outputs after idle: ${runs} runs for all cells`);
      for (const id of CELLS) {
        const nb = cells.get(id);
        assert.ok(nb, `cell ${id}: its outputs never all arrived in ${runs} Deno runs`);
        assert.deepEqual(cellText(nb, id), cellText(tslab[index].nb!, id), `cell ${id}`);
      }
      const summary = cellText(cells.get("summary")!, "summary").plain;
      assert.equal(summary.match(/✗ /g)?.length, batch.length);
    });
  });
});

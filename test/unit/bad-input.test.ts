/**
 * Bad input gives a clear error, never a silently wrong number: each case below raises a
 * BackpropError subclass whose message says what is wrong and where (file, row, line,
 * column, shape, parameter name and value). One test per class of bad input.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { inspect } from "node:util";
import {
  BackpropError,
  DataError,
  DivergenceError,
  ParameterError,
  RandomState,
  ShapeError,
  accuracy,
  add,
  createTrainer,
  divide,
  dot,
  initWeights,
  loadIris,
  matrix,
  meanSquaredError,
  multiply,
  predict,
  selectRows,
  sigmoid,
  subtract,
  train,
  trainingStep,
  trainTestSplit,
  type Matrix,
  type TrainOptions,
} from "../../lib/index";

import { gradientDescentPath } from "../../lib/plots/gradientDescent";
import { lossSurface } from "../../lib/plots/lossSurface";

const BAD = join(__dirname, "../fixtures/bad-data");
const bad = (file: string) => join(BAD, file);

/** Asserts that f throws an error of class `type` whose message matches every pattern. */
function assertError(
  f: () => unknown,
  type: new (message: string) => BackpropError,
  ...patterns: (RegExp | string)[]
): string {
  let caught: unknown;
  try {
    f();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof type, `expected ${type.name}, got ${String(caught)}`);
  assert.equal(caught.name, type.name);
  for (const pattern of patterns) {
    if (typeof pattern === "string") assert.ok(caught.message.includes(pattern), caught.message);
    else assert.match(caught.message, pattern);
  }
  return caught.message;
}

// ── data files ──────────────────────────────────────────────────────────────────────────────

test("a missing data file names the path and says it was not found", () => {
  assertError(
    () => loadIris(bad("no-such-file.csv")),
    DataError,
    bad("no-such-file.csv"),
    "not found",
  );
});

test("an unreadable data file (a directory) names the path and the reason", () => {
  assertError(() => loadIris(BAD), DataError, BAD, "directory");
});

test("an empty file, or one with only blank lines, is named as empty", () => {
  assertError(() => loadIris(bad("empty.csv")), DataError, bad("empty.csv"), "empty");
  assertError(() => loadIris(bad("blank-lines.csv")), DataError, bad("blank-lines.csv"), "empty");
  assertError(
    () => loadIris(bad("header-only.csv")),
    DataError,
    bad("header-only.csv"),
    "no data rows",
  );
});

test("a header missing a required column names the column and the columns found", () => {
  assertError(
    () => loadIris(bad("missing-column.csv")),
    DataError,
    bad("missing-column.csv"),
    'missing column "petal_width"',
    'found columns: "Id", "sepal_length"',
  );
});

test("a row with too few or too many fields names the row, line and both counts", () => {
  assertError(
    () => loadIris(bad("too-few-fields.csv")),
    DataError,
    bad("too-few-fields.csv"),
    "row 2 (line 3)",
    /too few fields: found 5, expected 6/,
  );
  assertError(
    () => loadIris(bad("too-many-fields.csv")),
    DataError,
    bad("too-many-fields.csv"),
    "row 3 (line 4)",
    /too many fields: found 7, expected 6/,
  );
  assertError(
    () => loadIris(bad("unterminated-quote.csv")),
    DataError,
    bad("unterminated-quote.csv"),
    "line 3",
    "malformed CSV",
  );
});

test("a non-numeric, empty or non-finite feature names file, row, line, column and value", () => {
  const cases: [string, string, string, string][] = [
    ["non-numeric.csv", "row 2 (line 3)", 'column "sepal_width"', '"abc" is not a number'],
    ["empty-value.csv", "row 2 (line 3)", 'column "petal_length"', "empty value"],
    ["nan-value.csv", "row 2 (line 3)", 'column "petal_width"', '"NaN" is not finite'],
    ["infinite-value.csv", "row 2 (line 3)", 'column "sepal_length"', '"Infinity" is not finite'],
    ["overflow-value.csv", "row 3 (line 4)", 'column "sepal_length"', '"1e999" is not finite'],
  ];
  for (const [name, row, column, what] of cases) {
    assertError(() => loadIris(bad(name)), DataError, bad(name), row, column, what);
  }
});

test("an unknown species label names the row, the label and the known labels", () => {
  assertError(
    () => loadIris(bad("unknown-species.csv")),
    DataError,
    "row 2 (line 3)",
    'column "species"',
    '"Iris-versicolour"',
    "Iris-setosa, Iris-versicolor, Iris-virginica",
  );
});

test("fewer than two classes is refused with the class that was found", () => {
  assertError(
    () => loadIris(bad("one-class.csv")),
    DataError,
    bad("one-class.csv"),
    "only one class (Iris-setosa)",
    "at least two",
  );
});

test("a duplicated row id names both rows", () => {
  assertError(
    () => loadIris(bad("duplicate-id.csv")),
    DataError,
    "row 3 (line 4)",
    "id 2 already used in row 2",
  );
});

// ── row selection and splitting ────────────────────────────────────────────────────────────

test("selected row positions out of range name the position and the valid range", () => {
  const rows = [[1], [2], [3]];
  assertError(() => selectRows(rows, [0, 3]), ParameterError, "position 3", "positions[1]", "0..2");
  assertError(() => selectRows(rows, [-1]), ParameterError, "position -1", "0..2");
  assertError(() => selectRows(rows, [1.5]), ParameterError, "position 1.5");
  assertError(() => selectRows(rows, [150]), ParameterError, "position 150", "3 rows");
});

test("a duplicated row position names both places it was given", () => {
  assertError(
    () => selectRows([[1], [2], [3]], [1, 2, 1]),
    ParameterError,
    "position 1 is selected twice",
    "positions[0] and positions[2]",
  );
});

test("a test size not smaller than the data (or not a positive integer) is refused", () => {
  const x = [[1], [2], [3], [4]];
  const y = [[0], [1], [0], [1]];
  for (const testSize of [4, 5, 0, -1, 1.5, 0.25, NaN]) {
    assertError(
      () => trainTestSplit(x, y, { testSize, seed: 1 }),
      ParameterError,
      "testSize",
      `got ${testSize}`,
      "4 rows",
    );
  }
  assertError(
    () => trainTestSplit(x, y.slice(1), { testSize: 1, seed: 1 }),
    ShapeError,
    "x has 4",
    "y has 3",
  );
});

// ── shapes ─────────────────────────────────────────────────────────────────────────────────

const m = (rows: number, cols: number, value = 0.5): Matrix =>
  matrix(Array.from({ length: rows }, () => Array.from({ length: cols }, () => value)));

test("element-wise helpers refuse every shape mathjs would broadcast, naming both shapes", () => {
  // mathjs itself broadcasts each of these pairs silently (e.g. (3,1) − (1,3) → (3,3)).
  const pairs: [number, number, number, number][] = [
    [3, 1, 1, 3],
    [1, 3, 3, 3],
    [3, 3, 3, 1],
    [1, 1, 3, 3],
    [2, 3, 3, 2],
  ];
  const helpers: [string, (a: Matrix, b: Matrix) => unknown][] = [
    ["subtract", subtract],
    ["add", add],
    ["multiply", multiply],
    ["divide", divide],
    ["meanSquaredError", meanSquaredError],
    ["accuracy", accuracy],
  ];
  for (const [r1, c1, r2, c2] of pairs) {
    for (const [name, helper] of helpers) {
      assertError(
        () => helper(m(r1, c1), m(r2, c2)),
        ShapeError,
        name,
        `(${r1},${c1}) and (${r2},${c2})`,
      );
    }
  }
});

test("dot names both shapes and the inner dimensions that differ", () => {
  assertError(() => dot(m(2, 3), m(2, 3)), ShapeError, "(2,3) by (2,3)", "3 and 2 differ");
});

test("a network pass names the matrix that does not fit, its shape and the shape it needs", () => {
  const x = m(5, 4);
  const y = m(5, 3);
  const w1 = m(4, 2);
  const w2 = m(2, 3);
  assertError(
    () => trainingStep(m(5, 3), y, w1, w2, 0.1),
    ShapeError,
    "trainingStep: weights1 has shape (4,2), expected (3,nHidden)",
    "x (5,3)",
  );
  assertError(
    () => trainingStep(x, y, w1, m(3, 3), 0.1),
    ShapeError,
    "trainingStep: weights2 has shape (3,3), expected (2,nOutput)",
  );
  assertError(
    () => trainingStep(x, m(5, 2), w1, w2, 0.1),
    ShapeError,
    "trainingStep: y has shape (5,2), expected (5,3)",
  );
  assertError(
    () => trainingStep(x, m(4, 3), w1, w2, 0.1),
    ShapeError,
    "trainingStep: x has shape (5,4) and y has shape (4,3); they need the same number of rows",
  );
  assertError(
    () => predict(m(5, 3), w1, w2),
    ShapeError,
    "predict: weights1 has shape (4,2), expected (3,nHidden)",
  );
});

test("matrices that are ragged, non-numeric or not matrices at all are refused by position", () => {
  assertError(() => matrix([[1, 2], [3]]), ShapeError, "row 1 has 1 columns, row 0 has 2");
  assertError(() => matrix([[1, NaN]]), ShapeError, "element (0,1) is NaN");
  assertError(() => matrix([[1, Infinity]]), ShapeError, "element (0,1) is Infinity");
  assertError(
    () => matrix([[1, "5.1" as unknown as number]]),
    ShapeError,
    'element (0,1) is "5.1" (a string)',
  );
  assertError(() => matrix([]), ShapeError, "non-empty");
  assertError(
    () => dot("[[1, 2]]" as unknown as Matrix, m(2, 2)),
    ShapeError,
    "dot: left operand",
    '"[[1, 2]]" (a string)',
  );
  assertError(
    () => trainingStep(m(2, 2), [[1, 2], [3]], m(2, 2), m(2, 2), 0.1),
    ShapeError,
    "trainingStep: y: row 1 has 1 columns",
  );
  assertError(
    () => sigmoid(undefined as unknown as Matrix),
    ShapeError,
    "sigmoid",
    "got undefined",
  );
});

// ── hyperparameters ────────────────────────────────────────────────────────────────────────

test("a learning rate that is not a finite positive number is named with its value", () => {
  for (const [learningRate, shown] of [
    [0, "0"],
    [-0.1, "-0.1"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    ["0.1", '"0.1" (a string)'],
  ] as const) {
    assertError(
      () => trainingStep(m(2, 2), m(2, 2), m(2, 2), m(2, 2), learningRate as number),
      ParameterError,
      "learningRate must be a finite positive number",
      `got ${shown}`,
    );
  }
});

test("a hidden size that is not a positive integer is named with its value", () => {
  for (const nHidden of [0, -2, 2.5, NaN, Infinity]) {
    assertError(
      () => initWeights({ nInput: 4, nHidden, nOutput: 3 }, 1),
      ParameterError,
      "nHidden must be a positive integer",
      `got ${nHidden}`,
    );
  }
});

test("a seed that is not an integer in [0, 2^32) is named with its value", () => {
  for (const seed of [-1, 1.5, 2 ** 32, NaN, Infinity]) {
    const message = `got ${seed}`;
    assertError(() => new RandomState(seed), ParameterError, "seed", "[0, 2^32)", message);
    assertError(
      () => initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, seed),
      ParameterError,
      "seed",
      message,
    );
    assertError(
      () => trainTestSplit([[1], [2]], [[1], [2]], { testSize: 1, seed }),
      ParameterError,
      "seed",
      message,
    );
  }
  // The boundary values themselves are fine.
  assert.doesNotThrow(() => new RandomState(0));
  assert.doesNotThrow(() => new RandomState(2 ** 32 - 1));
});

// ── training ───────────────────────────────────────────────────────────────────────────────

const tiny: TrainOptions = {
  x: [
    [0.1, 0.2],
    [0.3, 0.1],
    [0.5, 0.9],
  ],
  y: [
    [1, 0],
    [0, 1],
    [1, 0],
  ],
  learningRate: 0.5,
  epochs: 5,
  nHidden: 2,
  seed: 1,
};
const trainers: [string, (options: TrainOptions) => unknown][] = [
  ["train", train],
  ["createTrainer", createTrainer],
];

test("training refuses each bad hyperparameter, naming it and its value", () => {
  const bad: [keyof TrainOptions, unknown[], string][] = [
    ["learningRate", [0, -0.5, NaN, Infinity, "0.1"], "must be a finite positive number"],
    ["nHidden", [0, -1, 2.5, NaN, Infinity], "must be a positive integer"],
    ["epochs", [0, -10, 100.5, NaN, Infinity], "must be a positive integer"],
    ["seed", [-1, 0.5, 2 ** 32, NaN, Infinity], "must be an integer in [0, 2^32)"],
  ];
  for (const [name, values, rule] of bad) {
    for (const value of values) {
      for (const [label, run] of trainers) {
        const message = assertError(
          () => run({ ...tiny, [name]: value }),
          ParameterError,
          `${name} ${rule}`,
        );
        assert.ok(message.includes(String(value)), `${label}: ${message}`);
      }
    }
  }
});

test("training refuses x and y with different row counts, naming both shapes", () => {
  for (const [, run] of trainers) {
    assertError(
      () => run({ ...tiny, y: tiny.y.slice(0, 2) }),
      ShapeError,
      "(3,2)",
      "(2,2)",
      "same number of rows",
    );
    assertError(
      () =>
        run({
          ...tiny,
          x: [
            [0.1, 0.2],
            [0.3, NaN],
            [0.5, 0.9],
          ],
        }),
      ShapeError,
      "x: element (1,1) is NaN",
    );
  }
});

test("divergence stops training, names the epoch and the last finite MSE, suggests a smaller rate", () => {
  // Targets far outside (0, 1) and an absurd learning rate: the weights overflow to ±∞ after
  // two updates and the third forward pass computes ∞ − ∞ = NaN.
  const options: TrainOptions = {
    x: [
      [1, -1],
      [-1, 1],
      [0.5, -0.25],
      [-0.3, 0.8],
    ],
    y: [
      [100, 0],
      [0, 100],
      [100, 0],
      [0, 100],
    ],
    learningRate: 1e307,
    epochs: 10,
    nHidden: 3,
    seed: 1,
  };
  const trainer = createTrainer(options);
  trainer.run(2);
  const lastFinite = trainer.result().history.mse[1];
  assert.ok(Number.isFinite(lastFinite));
  for (const [, run] of trainers) {
    assertError(
      () => (run === train ? train(options) : createTrainer(options).run(10)),
      DivergenceError,
      "epoch 3",
      "NaN",
      `last finite MSE was ${lastFinite} at epoch 2`,
      "smaller learningRate than 1e+307",
    );
  }
  assertError(() => trainer.run(10), DivergenceError, "epoch 3");
  assert.equal(trainer.epoch, 2, "the trainer stops at the last finite epoch");
});

test("a non-finite MSE at epoch 1 blames the data before the learning rate", () => {
  const options: TrainOptions = { ...tiny, y: tiny.y.map(([a, b]) => [a * 1e200, b]) };
  for (const run of [train, (o: TrainOptions) => createTrainer(o).run(5)]) {
    assertError(
      () => run(options),
      DivergenceError,
      "training diverged at epoch 1: the MSE became Infinity before any weight update",
      "check that x and y hold finite, reasonably scaled numbers",
      "smaller learningRate than 0.5",
    );
  }
});

// ── how a learner sees the error ───────────────────────────────────────────────────────────

/**
 * util.inspect of a library error and of a TypeError, in a Node process started the way Jupyter
 * starts tslab (`… tslab kernel --config-path …`): the kernel is detected when lib loads.
 */
function inspectAsKernel(file: string): { library: string; other: string } {
  const script = `
    const { inspect } = require("node:util");
    const { loadIris } = require(${JSON.stringify(join(__dirname, "../../lib/index.ts"))});
    let error;
    try { loadIris(${JSON.stringify(file)}); } catch (e) { error = e; }
    process.stdout.write(JSON.stringify({ library: inspect(error), other: inspect(new TypeError("x")) }));
  `;
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "-e",
      script,
      "/project/node_modules/.bin/tslab",
      "kernel",
      "--config-path",
      "x",
    ],
    { encoding: "utf8" },
  );
  return JSON.parse(out) as { library: string; other: string };
}

test("in the tslab kernel a library error prints as one line: Name: message", () => {
  let error: unknown;
  try {
    loadIris(bad("non-numeric.csv"));
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof DataError);
  // tslab prints a failed cell's error with console.error(error), i.e. util.inspect.
  const kernel = inspectAsKernel(bad("non-numeric.csv"));
  assert.equal(kernel.library, `DataError: ${error.message}`);
  assert.equal(kernel.library.includes("\n"), false);
  // Outside the kernel (tests, scripts) the stack is kept for debugging.
  assert.match(inspect(error), /\n\s+at /);
  assert.match(error.stack ?? "", /\n\s+at /);
  // Errors that are not the library's keep Node's normal printing even in the kernel.
  assert.match(kernel.other, /\n\s+at /);
});

test("a size that would freeze the notebook is refused at once, naming the parameter", () => {
  assertError(
    () => initWeights({ nInput: 4, nHidden: 100_000_000, nOutput: 3 }, 1),
    ParameterError,
    "weights1 (nInput = 4, nHidden = 100000000)",
    "400,000,000 values",
    "at most 10,000,000",
  );
  assertError(
    () => new RandomState(1).normal(0, 1, [100_000, 100_000]),
    ParameterError,
    "normal: shape [100000, 100000]",
  );
  const tiny = { x: [[0.1, 0.2]], y: [[1, 0]], learningRate: 0.1, nHidden: 2, seed: 1 };
  assertError(
    () => train({ ...tiny, epochs: 1e9 }),
    ParameterError,
    "epochs must be at most 10,000,000, got 1000000000",
  );
  assertError(
    () => gradientDescentPath(0.1, 1e8),
    ParameterError,
    "steps must be at most 1,000,000",
  );
  const { weights1, weights2 } = initWeights({ nInput: 2, nHidden: 2, nOutput: 2 }, 1);
  assertError(
    () => lossSurface(tiny.x, tiny.y, weights1, weights2, 0.1, { points: 5000 }),
    ParameterError,
    "lossSurface: points must be at most 201, got 5000",
  );
});

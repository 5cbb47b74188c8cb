/**
 * The part-13 exercise checks, called directly (no kernel): each usual mistake, written as a
 * learner would write it, gets a ✗ naming its cause; right answers get ✓ whatever their
 * order of operations; unfinished ones "not done yet"; exceptions, wrong shapes and wrong types
 * a clear ✗. Displays are recorded through the display layer's writer.
 */
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  add,
  divide,
  dot,
  matrix,
  multiply,
  shape,
  sigmoid,
  size,
  square,
  subtract,
  sum,
  toRows,
  transpose,
  trainTestSplit,
  oneHot,
  loadIris,
  selectRows,
  trainingStep,
  meanSquaredError,
  type Matrix,
} from "../../lib/index";
import { useDisplayWriter, type DisplayMessage } from "../../lib/display/kernel";
import {
  checkExercise,
  ExerciseError,
  exerciseStates,
  exercises,
  notDone,
  resetExercises,
} from "../../lib/exercises/index";
import {
  TUTORIAL_FLOWERS,
  TUTORIAL_LABELS,
  checkCases,
  loopCases,
} from "../../lib/exercises/cases";
import { firstDifference, RELATIVE_TOLERANCE, toGrid } from "../../lib/exercises/compare";
import { firstLineOf, type Verdict } from "../../lib/exercises/diagnose";
import { EXERCISES, type ExerciseId } from "../../lib/exercises/steps";

const repoRoot = join(__dirname, "..", "..");
const irisPath = join(repoRoot, "data", "Iris.csv");

let messages: DisplayMessage[] = [];
let restore: () => void = () => {};
beforeEach(() => {
  messages = [];
  restore = useDisplayWriter((m) => void messages.push(m));
  resetExercises();
});
afterEach(() => restore());

const text = (m: DisplayMessage) => String(m.data["text/plain"]);
const sig = (m: Matrix) => multiply(m, subtract(1, m));
const map = (m: Matrix, f: (v: number) => number) =>
  matrix(toRows(m).map((row) => row.map((v) => f(v))));

/** Runs a check and returns its verdict and the text it displayed. */
function run(id: ExerciseId, f: unknown): { verdict: Verdict; shown: string; html: string } {
  const verdict = checkExercise(id, f);
  assert.equal(messages.length, 1, "one display per check");
  const [shown, html] = [text(messages[0]), String(messages[0].data["text/html"])];
  messages = [];
  return { verdict, shown, html };
}

function assertCause(id: ExerciseId, f: unknown, cause: RegExp) {
  const { verdict, shown } = run(id, f);
  assert.equal(verdict.state, "failed", shown);
  assert.match(shown, /^✗ /, shown);
  assert.match(shown, /likely cause: /, shown);
  assert.match(shown, cause, shown);
}

// Right answers, written differently from the library (other order of operations).
const right = {
  sigmoid: (z: Matrix) => map(z, (v) => Math.exp(v) / (Math.exp(v) + 1)),
  feedforward: (x: Matrix, w1: Matrix, w2: Matrix) => {
    const hiddenLayerInputs = dot(x, w1);
    const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
    const outputLayerInputs = dot(hiddenLayerOutputs, w2);
    return {
      hiddenLayerInputs,
      hiddenLayerOutputs,
      outputLayerInputs,
      outputLayerOutputs: sigmoid(outputLayerInputs),
    };
  },
  outputLayer: (y: Matrix, z: Matrix, a: Matrix) => {
    const outputLayerError = subtract(a, y);
    return { outputLayerError, outputLayerDelta: multiply(outputLayerError, sig(a)) };
  },
  hiddenLayer: (d: Matrix, w1: Matrix, w2: Matrix, z: Matrix, h: Matrix) => {
    const hiddenLayerError = transpose(dot(w2, transpose(d)));
    return { hiddenLayerError, hiddenLayerDelta: multiply(sig(h), hiddenLayerError) };
  },
  weightUpdates: (x: Matrix, y: Matrix, h: Matrix, d2: Matrix, d1: Matrix) => ({
    weights1Update: dot(transpose(x), divide(d1, size(y))),
    weights2Update: toRows(divide(dot(transpose(h), d2), size(y))),
  }),
  meanSquaredError: (a: Matrix, y: Matrix) => sum(square(subtract(y, a))) / size(y) / 2,
  gradientStep: (w1: Matrix, w2: Matrix, u1: Matrix, u2: Matrix, rate: number) => ({
    weights1: add(w1, multiply(-rate, u1)),
    weights2: subtract(w2, multiply(u2, rate)),
  }),
  trainingLoop: (x: Matrix, y: Matrix, w1: Matrix, w2: Matrix, rate: number, epochs: number) => {
    const history: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      const step = trainingStep(x, y, w1, w2, rate);
      history.push(meanSquaredError(step.outputLayerOutputs, y));
      [w1, w2] = [step.weights1, step.weights2];
    }
    return history;
  },
} satisfies Record<ExerciseId, unknown>;

describe("exercise checks: right answers", () => {
  for (const id of Object.keys(right) as ExerciseId[]) {
    if (id === "trainingLoop") continue;
    it(`${id}: ✓ for a right answer written another way`, () => {
      const { verdict, shown } = run(id, right[id]);
      assert.equal(verdict.state, "passed", shown);
      assert.match(
        shown,
        /^✓ .*: correct\n {2}checked on the tutorial's three flowers and 3 seeded/,
      );
    });
  }

  it("trainingLoop: ✓ and part 14's attempt 1 ends at MSE 0.0938264", () => {
    const iris = loadIris(irisPath);
    const split = trainTestSplit(iris.features, oneHot(iris.species).y, { testSize: 20, seed: 4 });
    exercises.checkTrainingLoop(right.trainingLoop, split.xTrain, split.yTrain);
    const shown = text(messages[0]);
    assert.match(shown, /^✓ Training loop: correct/, shown);
    assert.match(shown, /part 14's attempt 1 \(130 training flowers/, shown);
    assert.match(shown, /final training MSE after 1000 epochs: 0\.0938264,/, shown);
    const history = loopCases(split.xTrain, split.yTrain)[2];
    assert.equal(history.epochs, 1000);
  });

  it("a training-loop check on other cases names no part-14 result", () => {
    const [tutorial] = checkCases();
    checkExercise("trainingLoop", right.trainingLoop, [{ ...tutorial, epochs: 3 }]);
    const shown = text(messages[0]);
    assert.match(shown, /^✓ Training loop: correct/, shown);
    assert.doesNotMatch(shown, /final training MSE|part 14/, shown);
  });

  it("each check uses the library's inputs, so a later step passes while earlier ones are not done", () => {
    run("outputLayer", () => notDone());
    const { verdict } = run("hiddenLayer", right.hiddenLayer);
    assert.equal(verdict.state, "passed");
    assert.equal(exerciseStates().get("outputLayer")?.state, "notDone");
  });

  it("a learner who mutates an input does not spoil the next case", () => {
    const mutating = (z: Matrix) => {
      const result = sigmoid(z);
      z.set([0, 0], 1e6);
      return result;
    };
    assert.equal(run("sigmoid", mutating).verdict.state, "passed");
    assert.equal(run("sigmoid", right.sigmoid).verdict.state, "passed");
  });
});

describe("exercise checks: the usual mistakes and their causes", () => {
  it("sigmoid: sign flipped in the exponent", () =>
    assertCause(
      "sigmoid",
      (z: Matrix) => map(z, (v) => 1 / (1 + Math.exp(v))),
      /sign in the exponent is flipped/,
    ));

  it("feedforward: W1 and W2 swapped (throws on the flowers, diagnosed on the square network)", () => {
    const swapped = (x: Matrix, w1: Matrix, w2: Matrix) => right.feedforward(x, w2, w1);
    const { verdict, shown } = run("feedforward", swapped);
    assert.equal(verdict.state, "failed");
    assert.match(shown, /your function threw ShapeError: dot: cannot multiply \(3,4\) by \(2,3\)/);
    assert.match(shown, /likely cause: W1 and W2 swapped/);
  });

  it("feedforward: a transpose extra", () =>
    assertCause(
      "feedforward",
      (x: Matrix, w1: Matrix, w2: Matrix) => right.feedforward(x, transpose(w1), transpose(w2)),
      /a transpose too many/,
    ));

  it("feedforward: the hidden sigmoid skipped", () =>
    assertCause(
      "feedforward",
      (x: Matrix, w1: Matrix, w2: Matrix) => {
        const hiddenLayerInputs = dot(x, w1);
        const outputLayerInputs = dot(hiddenLayerInputs, w2);
        return {
          hiddenLayerInputs,
          hiddenLayerOutputs: sigmoid(hiddenLayerInputs),
          outputLayerInputs,
          outputLayerOutputs: sigmoid(outputLayerInputs),
        };
      },
      /sigmoid between the layers is missing/,
    ));

  it("outputLayer: sign flipped (y − ŷ)", () =>
    assertCause(
      "outputLayer",
      (y: Matrix, z: Matrix, a: Matrix) => {
        const e = subtract(y, a);
        return { outputLayerError: e, outputLayerDelta: multiply(e, a, subtract(1, a)) };
      },
      /sign flipped: the error is ŷ − y/,
    ));

  it("outputLayer: σ′ missing", () =>
    assertCause(
      "outputLayer",
      (y: Matrix, z: Matrix, a: Matrix) => {
        const e = subtract(a, y);
        return { outputLayerError: e, outputLayerDelta: e };
      },
      /σ′ missing/,
    ));

  it("outputLayer: σ′ from z instead of from the sigmoid's output", () =>
    assertCause(
      "outputLayer",
      (y: Matrix, z: Matrix, a: Matrix) => {
        const e = subtract(a, y);
        return { outputLayerError: e, outputLayerDelta: multiply(e, z, subtract(1, z)) };
      },
      /σ′ from z instead of from the sigmoid's output/,
    ));

  it("hiddenLayer: transpose missing", () =>
    assertCause(
      "hiddenLayer",
      (d: Matrix, w1: Matrix, w2: Matrix, z: Matrix, h: Matrix) => {
        const e = dot(d, w2);
        return { hiddenLayerError: e, hiddenLayerDelta: multiply(e, h, subtract(1, h)) };
      },
      /a transpose missing/,
    ));

  it("hiddenLayer: W1 and W2 swapped", () =>
    assertCause(
      "hiddenLayer",
      (d: Matrix, w1: Matrix, w2: Matrix, z: Matrix, h: Matrix) => {
        const e = dot(d, transpose(w1));
        return { hiddenLayerError: e, hiddenLayerDelta: multiply(e, h, subtract(1, h)) };
      },
      /W1 and W2 swapped/,
    ));

  it("hiddenLayer: σ′ from z", () =>
    assertCause(
      "hiddenLayer",
      (d: Matrix, w1: Matrix, w2: Matrix, z: Matrix) => {
        const e = dot(d, transpose(w2));
        return { hiddenLayerError: e, hiddenLayerDelta: multiply(e, z, subtract(1, z)) };
      },
      /σ′ from z instead of from the sigmoid's output/,
    ));

  it("hiddenLayer: σ′ missing", () =>
    assertCause(
      "hiddenLayer",
      (d: Matrix, w1: Matrix, w2: Matrix) => {
        const e = dot(d, transpose(w2));
        return { hiddenLayerError: e, hiddenLayerDelta: e };
      },
      /σ′ missing/,
    ));

  const updates =
    (divisor: (y: Matrix) => number) =>
    (x: Matrix, y: Matrix, h: Matrix, d2: Matrix, d1: Matrix) => ({
      weights1Update: divide(dot(transpose(x), d1), divisor(y)),
      weights2Update: divide(dot(transpose(h), d2), divisor(y)),
    });

  it("weightUpdates: ÷ N missing", () =>
    assertCause(
      "weightUpdates",
      updates(() => 1),
      /÷ N missing/,
    ));

  it("weightUpdates: ÷ rows instead of ÷ elements", () =>
    assertCause(
      "weightUpdates",
      updates((y) => shape(y)[0]),
      /÷ rows instead of ÷ elements/,
    ));

  it("weightUpdates: ÷ columns, told apart from ÷ rows by the random networks", () =>
    assertCause(
      "weightUpdates",
      updates((y) => shape(y)[1]),
      /÷ columns instead of ÷ elements/,
    ));

  it("weightUpdates: the transpose on the wrong factor (shape mismatch)", () => {
    const f = (x: Matrix, y: Matrix, h: Matrix, d2: Matrix, d1: Matrix) => ({
      weights1Update: divide(dot(transpose(x), d1), size(y)),
      weights2Update: divide(dot(transpose(d2), h), size(y)),
    });
    assertCause("weightUpdates", f, /weights2Update has shape \(3,2\), expected \(2,3\)/);
    assertCause("weightUpdates", f, /transpose on the wrong factor/);
  });

  it("weightUpdates: W1 and W2 swapped (each update with the other delta)", () =>
    assertCause(
      "weightUpdates",
      (x: Matrix, y: Matrix, h: Matrix, d2: Matrix, d1: Matrix) => ({
        weights1Update: divide(dot(transpose(x), d2), size(y)),
        weights2Update: divide(dot(transpose(h), d1), size(y)),
      }),
      /W1 and W2 swapped: each update uses the other layer's delta/,
    ));

  it("meanSquaredError: ÷ N missing, ÷ rows, the ½ missing", () => {
    const squares = (a: Matrix, y: Matrix) => sum(square(subtract(a, y)));
    assertCause("meanSquaredError", (a: Matrix, y: Matrix) => squares(a, y) / 2, /÷ N missing/);
    assertCause(
      "meanSquaredError",
      (a: Matrix, y: Matrix) => squares(a, y) / (2 * shape(y)[0]),
      /÷ rows instead of ÷ elements/,
    );
    assertCause(
      "meanSquaredError",
      (a: Matrix, y: Matrix) => squares(a, y) / size(y),
      /the ½ is missing/,
    );
  });

  it("gradientStep: the update added instead of subtracted", () =>
    assertCause(
      "gradientStep",
      (w1: Matrix, w2: Matrix, u1: Matrix, u2: Matrix, rate: number) => ({
        weights1: add(w1, multiply(rate, u1)),
        weights2: add(w2, multiply(rate, u2)),
      }),
      /the update added instead of subtracted/,
    ));

  it("gradientStep: W1 and W2 swapped", () =>
    assertCause(
      "gradientStep",
      (w1: Matrix, w2: Matrix, u1: Matrix, u2: Matrix, rate: number) => ({
        weights1: subtract(w1, multiply(rate, u2)),
        weights2: subtract(w2, multiply(rate, u1)),
      }),
      /W1 and W2 swapped/,
    ));

  const iris = () => {
    const data = loadIris(irisPath);
    return trainTestSplit(data.features, oneHot(data.species).y, { testSize: 20, seed: 4 });
  };

  it("trainingLoop: the weights not carried over, the update added", () => {
    const split = iris();
    const stuck = (x: Matrix, y: Matrix, w1: Matrix, w2: Matrix, rate: number, epochs: number) => {
      const history: number[] = [];
      for (let epoch = 0; epoch < epochs; epoch++) {
        const step = trainingStep(x, y, w1, w2, rate);
        history.push(meanSquaredError(step.outputLayerOutputs, y));
      }
      return history;
    };
    exercises.checkTrainingLoop(stuck, split.xTrain, split.yTrain);
    assert.match(text(messages[0]), /✗ Training loop[\s\S]*epoch 2: expected[\s\S]*not carried/);
    const added = (x: Matrix, y: Matrix, w1: Matrix, w2: Matrix, rate: number, epochs: number) => {
      const history: number[] = [];
      for (let epoch = 0; epoch < epochs; epoch++) {
        const step = trainingStep(x, y, w1, w2, rate);
        history.push(meanSquaredError(step.outputLayerOutputs, y));
        w1 = add(w1, multiply(rate, step.weights1Update));
        w2 = add(w2, multiply(rate, step.weights2Update));
      }
      return history;
    };
    exercises.checkTrainingLoop(added, split.xTrain, split.yTrain);
    assert.match(text(messages[1]), /likely cause: the update added instead of subtracted/);
  });

  it("trainingLoop: one epoch too few is a length mismatch", () => {
    const split = iris();
    const short = (x: Matrix, y: Matrix, w1: Matrix, w2: Matrix, rate: number, epochs: number) =>
      right.trainingLoop(x, y, w1, w2, rate, epochs - 1);
    exercises.checkTrainingLoop(short, split.xTrain, split.yTrain);
    assert.match(text(messages[0]), /returned 4 values, expected 5 \(one MSE per epoch\)/);
  });
});

describe("exercise checks: unfinished, throwing and malformed answers", () => {
  it("notDone() shows a neutral 'not done yet' for every exercise", () => {
    const shown: string[] = [];
    for (const spec of EXERCISES.filter((s) => s.id !== "trainingLoop")) {
      const result = run(spec.id, () => notDone());
      assert.equal(result.verdict.state, "notDone");
      shown.push(result.shown);
    }
    exercises.checkTrainingLoop(() => notDone(), TUTORIAL_FLOWERS, TUTORIAL_LABELS);
    shown.push(text(messages[0]));
    assert.equal(exerciseStates().get("trainingLoop")?.state, "notDone");
    assert.equal(shown.length, 8);
    for (const line of shown) {
      assert.match(line, /^○ .*: not done yet/);
      assert.doesNotMatch(line, /✗/);
    }
  });

  it("an exception is a ✗ with the error's first line only", () => {
    const { verdict, shown } = run("sigmoid", () => {
      throw new RangeError("my own bug\n    at secret (file.ts:1:1)");
    });
    assert.equal(verdict.state, "failed");
    assert.match(shown, /your function threw RangeError: my own bug$/m);
    assert.doesNotMatch(shown, /secret|file\.ts/);
  });

  it("a thrown non-Error value is shown as text", () => {
    assert.equal(firstLineOf("plain string\nsecond"), "plain string");
    assert.equal(
      firstLineOf({ name: "Custom", message: "from another realm" }),
      "Custom: from another realm",
    );
  });

  it("a wrong shape names both shapes and the inputs' shapes", () => {
    const { verdict, shown } = run("hiddenLayer", (d: Matrix) => ({
      hiddenLayerError: d,
      hiddenLayerDelta: d,
    }));
    assert.equal(verdict.state, "failed");
    assert.match(shown, /hiddenLayerError has shape \(3,3\), expected \(3,2\)/);
    assert.match(
      shown,
      /hint: check which input gives the rows and which the columns \(the inputs: outputLayerDelta \(3,3\), weights1 \(4,2\), weights2 \(2,3\)/,
    );
  });

  it("a transposed shape is called a transpose", () => {
    const { shown } = run("sigmoid", (z: Matrix) => transpose(sigmoid(z)));
    assert.match(shown, /sigmoid\(z\) has shape \(2,3\), expected \(3,2\)/);
    assert.match(shown, /hint: the shape is the transpose of the expected one/);
  });

  it("a missing field, a wrong type and a non-function are each one clear sentence", () => {
    assert.match(
      run("outputLayer", (y: Matrix) => ({ outputLayerError: y })).shown,
      /your result has no outputLayerDelta \(expected an object with outputLayerError, outputLayerDelta\)/,
    );
    assert.match(
      run("meanSquaredError", () => "0.1").shown,
      /returned "0.1" \(a string\), expected a number/,
    );
    assert.match(run("sigmoid", undefined).shown, /the check needs your function, got undefined/);
    assert.match(
      run("sigmoid", (z: Matrix) => toRows(z).map((row) => row.map(() => Number.NaN))).shown,
      /first difference at row 0, column 0: expected [\d.]+, got NaN/,
    );
  });

  it("a ✗ never shows the library's code", () => {
    const { shown, html } = run("hiddenLayer", (d: Matrix, w1: Matrix, w2: Matrix) => {
      const e = dot(d, transpose(w2));
      return { hiddenLayerError: e, hiddenLayerDelta: e };
    });
    assert.match(shown, /likely cause: σ′ missing/);
    for (const shownText of [shown, html]) {
      assert.doesNotMatch(shownText, /\b(dot|transpose|subtract|multiply|divide|sigmoid)\(/);
      assert.doesNotMatch(shownText, /return|const |=>/);
    }
  });
});

describe("exercise checks: comparison, data, display", () => {
  it("1e-12 relative: a rounding-size difference passes, a larger one fails", () => {
    const expected = [[0.5, 2e-3]];
    assert.equal(firstDifference(expected, [[0.5 * (1 + 1e-15), 2e-3]]), null);
    assert.deepEqual(firstDifference(expected, [[0.5 * (1 + 1e-10), 2e-3]])?.row, 0);
    assert.ok(RELATIVE_TOLERANCE === 1e-12);
    assert.equal(toGrid([[1, 2], [3]], "r"), "r: row 1 has 1 columns, row 0 has 2");
  });

  it("the tutorial's flowers are rows 1, 51 and 101 of data/Iris.csv", () => {
    const iris = loadIris(irisPath);
    assert.deepEqual(selectRows(iris.features, [1, 51, 101]), TUTORIAL_FLOWERS);
    assert.deepEqual(oneHot(selectRows(iris.species, [1, 51, 101])).y, TUTORIAL_LABELS);
    const [tutorial, ...random] = checkCases();
    assert.equal(tutorial.mse, 0.13831126800831414);
    assert.deepEqual(
      random.map((c) => [shape(c.x), shape(c.weights1), shape(c.weights2)]),
      [
        [
          [5, 3],
          [3, 4],
          [4, 2],
        ],
        [
          [2, 4],
          [4, 3],
          [3, 5],
        ],
        [
          [3, 3],
          [3, 3],
          [3, 3],
        ],
      ],
    );
  });

  it("verdicts display as HTML and text/plain, with their state", () => {
    checkExercise("sigmoid", right.sigmoid);
    checkExercise("feedforward", () => notDone());
    checkExercise("meanSquaredError", () => 1);
    const states = messages.map((m) => /data-state="(\w+)"/.exec(String(m.data["text/html"]))?.[1]);
    assert.deepEqual(states, ["passed", "notDone", "failed"]);
    messages = [];
    exercises.summary();
    const summary = text(messages[0]);
    assert.match(summary, /^Exercises: 1 of 8 correct/);
    assert.match(summary, /✓ Sigmoid +correct/);
    assert.match(summary, /○ Feedforward +not done yet/);
    assert.match(summary, /✗ Mean squared error +not right yet/);
    assert.match(summary, /· Training loop +not checked/);
    assert.match(
      String(messages[0].data["text/html"]),
      /<table class="backprop-exercise-summary">/,
    );
  });
});

describe("exercise checks under a grader ({ strict: true })", () => {
  const wrongSigmoid = (z: Matrix) => map(z, (v) => 1 / (1 + Math.exp(v)));

  it("a ✗ is shown, then thrown as an ExerciseError whose one-line message is the diagnosis", () => {
    assert.throws(
      () => exercises.checkSigmoid(wrongSigmoid, { strict: true }),
      (error: unknown) => {
        assert.ok(error instanceof ExerciseError);
        assert.equal(error.name, "ExerciseError");
        assert.doesNotMatch(error.message, /\n/);
        assert.match(error.message, /^Sigmoid: not right yet on /);
        assert.match(error.message, /likely cause: .*sign in the exponent is flipped/);
        return true;
      },
    );
    assert.equal(messages.length, 1);
    assert.match(text(messages[0]), /^✗ Sigmoid: not right yet/);
    assert.equal(exerciseStates().get("sigmoid")?.state, "failed");
  });

  it("'not done yet' fails too; a correct answer passes and throws nothing", () => {
    assert.throws(
      () => exercises.checkFeedforward(() => notDone(), { strict: true }),
      /^ExerciseError: Feedforward: not done yet/,
    );
    exercises.checkSigmoid(right.sigmoid, { strict: true });
    assert.equal(exerciseStates().get("sigmoid")?.state, "passed");
  });

  it("without strict the same mistakes never throw (Run All goes through)", () => {
    exercises.checkSigmoid(wrongSigmoid);
    exercises.checkFeedforward(() => notDone());
    assert.equal(exerciseStates().get("sigmoid")?.state, "failed");
    assert.equal(exerciseStates().get("feedforward")?.state, "notDone");
  });
});

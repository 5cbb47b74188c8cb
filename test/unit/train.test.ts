/**
 * lib/train's API: what a run contains, when the history is recorded, the resumable trainer,
 * determinism, predict, and the errors for bad options and diverging runs.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  DivergenceError,
  ParameterError,
  ShapeError,
  createTrainer,
  initWeights,
  loadIris,
  matrix,
  meanSquaredError,
  accuracy as accuracyOf,
  oneHot,
  predict,
  toRows,
  train,
  trainingStep,
  trainTestSplit,
  type TrainingRun,
  type TrainOptions,
} from "../../lib/index";

const iris = loadIris(join(__dirname, "../../data/Iris.csv"));
const split = trainTestSplit(iris.features, oneHot(iris.species).y, { testSize: 20, seed: 0 });

function irisOptions(overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    x: split.xTrain,
    y: split.yTrain,
    learningRate: 0.1,
    epochs: 200,
    nHidden: 2,
    seed: 10,
    ...overrides,
  };
}

/** Every number of a run as IEEE-754 bits (hex): equal strings = bit-identical runs. */
function bits(run: TrainingRun): string {
  const values = [
    ...run.weights1.flat(),
    ...run.weights2.flat(),
    ...run.history.mse,
    ...run.history.accuracy,
    run.finalMse,
    run.finalAccuracy,
  ];
  return Buffer.from(new Float64Array(values).buffer).toString("hex");
}

describe("train: the run it returns", () => {
  it("has the options, sizes read off the data, weight shapes and one history entry per epoch", () => {
    const run = train(irisOptions({ epochs: 25, nHidden: 6 }));
    assert.deepEqual(run.options, {
      learningRate: 0.1,
      epochs: 25,
      nHidden: 6,
      seed: 10,
      nInput: 4,
      nOutput: 3,
      rows: 130,
    });
    assert.equal(run.weights1.length, 4);
    assert.ok(run.weights1.every((row) => row.length === 6));
    assert.equal(run.weights2.length, 6);
    assert.ok(run.weights2.every((row) => row.length === 3));
    assert.equal(run.history.mse.length, 25);
    assert.equal(run.history.accuracy.length, 25);
    assert.equal(run.finalMse, run.history.mse[24]);
    assert.equal(run.finalAccuracy, run.history.accuracy[24]);
  });

  it("records epoch 1 from the initial weights, before the update (as the tutorial does)", () => {
    const options = irisOptions({ epochs: 3 });
    const { weights1, weights2 } = initWeights({ nInput: 4, nHidden: 2, nOutput: 3 }, 10);
    const y = matrix(split.yTrain);
    const out = trainingStep(split.xTrain, y, weights1, weights2, 0.1).outputLayerOutputs;
    const run = train(options);
    assert.ok(Math.abs(run.history.mse[0] - meanSquaredError(out, y)) < 1e-15);
    assert.equal(run.history.accuracy[0], accuracyOf(out, y));
    // the returned weights are after the last update, so they differ from the initial ones
    assert.notDeepEqual(run.weights1, toRows(weights1));
  });

  it("learns: on Iris the MSE falls and the accuracy rises over 3 000 epochs", () => {
    const run = train(irisOptions({ epochs: 3000, nHidden: 6, learningRate: 0.5 }));
    assert.ok(
      run.finalMse < run.history.mse[0] * 0.5,
      `MSE ${run.history.mse[0]} → ${run.finalMse}`,
    );
    assert.ok(run.finalAccuracy > 0.9, `accuracy ${run.finalAccuracy}`);
    // and the trained weights classify the held-out test set
    const predicted = predict(split.xTest, run.weights1, run.weights2);
    assert.ok(accuracyOf(matrix(predicted), matrix(split.yTest)) >= 0.85);
  });
});

describe("train: determinism", () => {
  it("the same seed gives bit-identical runs; different seeds give different runs", () => {
    assert.equal(bits(train(irisOptions())), bits(train(irisOptions())));
    assert.notEqual(bits(train(irisOptions({ seed: 11 }))), bits(train(irisOptions())));
  });
});

describe("createTrainer: resumable training", () => {
  it("any chunking gives the bits of one train() call", () => {
    const options = irisOptions({ epochs: 157 });
    const oneShot = bits(train(options));
    for (const chunk of [1, 10, 50, 156, 157, 1000]) {
      const trainer = createTrainer(options);
      while (!trainer.done) trainer.run(chunk);
      assert.equal(bits(trainer.result()), oneShot, `chunks of ${chunk}`);
    }
  });

  it("never runs past options.epochs and reports progress", () => {
    const trainer = createTrainer(irisOptions({ epochs: 30 }));
    assert.equal(trainer.epoch, 0);
    assert.equal(trainer.done, false);
    assert.equal(trainer.run(0), 0);
    assert.equal(trainer.run(20), 20);
    assert.equal(trainer.epoch, 20);
    assert.equal(trainer.run(20), 10);
    assert.equal(trainer.epoch, 30);
    assert.equal(trainer.done, true);
    assert.equal(trainer.run(5), 0);
    assert.equal(trainer.result().history.mse.length, 30);
  });

  it("result() is a snapshot: later epochs and edits to it do not leak", () => {
    const trainer = createTrainer(irisOptions({ epochs: 20 }));
    assert.ok(Number.isNaN(trainer.result().finalMse));
    trainer.run(5);
    const early = trainer.result();
    const earlyBits = bits(early);
    trainer.run(15);
    assert.equal(bits(early), earlyBits);
    assert.equal(early.history.mse.length, 5);
    early.weights1[0][0] = 123;
    early.history.mse[0] = 123;
    assert.notEqual(trainer.result().weights1[0][0], 123);
    assert.notEqual(trainer.result().history.mse[0], 123);
  });

  it("rejects a bad chunk size", () => {
    const trainer = createTrainer(irisOptions({ epochs: 5 }));
    for (const n of [-1, 1.5, NaN]) {
      assert.throws(
        () => trainer.run(n),
        (e: Error) => e instanceof ParameterError && /nEpochs/.test(e.message),
      );
    }
  });
});

describe("predict", () => {
  it("gives the output-layer outputs of trainingStep's feedforward for the same weights", () => {
    const run = train(irisOptions({ epochs: 50, nHidden: 5 }));
    const expected = toRows(
      trainingStep(split.xTest, split.yTest, run.weights1, run.weights2, 0.1).outputLayerOutputs,
    );
    const actual = predict(split.xTest, run.weights1, run.weights2);
    assert.equal(actual.length, 20);
    actual.flat().forEach((value, i) => {
      const want = expected.flat()[i];
      assert.ok(Math.abs(value - want) <= 1e-15 * Math.abs(want), `${value} vs ${want}`);
    });
  });

  it("names the matrix that does not fit and both shapes", () => {
    const w1 = [[1, 2], [3, 4], [5, 6]]; // prettier-ignore
    const w2 = [[1], [2]];
    assert.throws(() => predict([[1, 2, 3, 4]], w1, w2), {
      name: "ShapeError",
      message: /^predict: weights1 has shape \(3,2\), expected \(4,nHidden\).*x \(1,4\)/,
    });
    assert.throws(() => predict([[1, 2, 3]], w1, [[1], [2], [3]]), {
      name: "ShapeError",
      message: /^predict: weights2 has shape \(3,1\), expected \(2,nOutput\).*weights1 \(3,2\)/,
    });
    assert.throws(() => predict([[1, NaN, 3]], w1, w2), {
      name: "ShapeError",
      message: /element \(0,1\) is NaN/,
    });
  });
});

describe("train: bad options", () => {
  const cases: [string, Partial<TrainOptions>, RegExp][] = [
    ["learningRate 0", { learningRate: 0 }, /learningRate.*0/],
    ["learningRate < 0", { learningRate: -0.1 }, /learningRate.*-0\.1/],
    ["learningRate NaN", { learningRate: NaN }, /learningRate.*NaN/],
    ["learningRate ∞", { learningRate: Infinity }, /learningRate.*Infinity/],
    ["epochs 0", { epochs: 0 }, /epochs.*0/],
    ["epochs 2.5", { epochs: 2.5 }, /epochs.*2\.5/],
    ["nHidden 0", { nHidden: 0 }, /nHidden.*0/],
    ["nHidden 1.5", { nHidden: 1.5 }, /nHidden.*1\.5/],
    ["seed −1", { seed: -1 }, /seed.*-1/],
    ["seed 2^32", { seed: 2 ** 32 }, /seed.*4294967296/],
    ["seed 0.5", { seed: 0.5 }, /seed.*0\.5/],
  ];
  for (const [name, override, message] of cases) {
    it(`${name} is a ParameterError naming the parameter and value`, () => {
      for (const f of [train, createTrainer]) {
        assert.throws(
          () => f(irisOptions(override)),
          (e: Error) => e instanceof ParameterError && message.test(e.message),
        );
      }
    });
  }

  it("x and y with different row counts are a ShapeError naming both shapes", () => {
    const options = irisOptions({ y: split.yTrain.slice(0, 120) });
    for (const f of [train, createTrainer]) {
      assert.throws(
        () => f(options),
        (e: Error) =>
          e instanceof ShapeError && /\(130,4\)/.test(e.message) && /\(120,3\)/.test(e.message),
      );
    }
  });

  it("ragged rows and non-finite values are ShapeErrors naming the row", () => {
    const ragged = split.xTrain.map((row, i) => (i === 7 ? row.slice(0, 3) : row));
    assert.throws(() => train(irisOptions({ x: ragged })), /x: row 7 has 3 columns/);
    const withNaN = split.xTrain.map((row, i) => (i === 2 ? [row[0], NaN, row[2], row[3]] : row));
    assert.throws(() => train(irisOptions({ x: withNaN })), /x: element \(2,1\) is NaN/);
    assert.throws(() => train(irisOptions({ y: [] })), ShapeError);
  });
});

describe("train: divergence", () => {
  it("an MSE that is not finite is a DivergenceError naming the epoch", () => {
    // targets so large that their squared errors overflow: the MSE is ∞ at epoch 1
    const y = split.yTrain.map((row) => row.map((v) => v * 1e200));
    for (const f of [train, (o: TrainOptions) => createTrainer(o).run(5)]) {
      assert.throws(
        () => f(irisOptions({ y })),
        (e: Error) =>
          e instanceof DivergenceError &&
          /epoch 1\b/.test(e.message) &&
          /Infinity/.test(e.message) &&
          /smaller learningRate than 0\.1/.test(e.message),
      );
    }
    const trainer = createTrainer(irisOptions({ y }));
    assert.throws(() => trainer.run(10), DivergenceError);
    assert.equal(trainer.epoch, 0);
    assert.throws(() => trainer.run(10), DivergenceError, "a failed trainer keeps failing");
  });

  it("after some epochs the message names the last finite MSE and suggests a smaller rate", () => {
    // Targets far outside (0, 1) and an absurd learning rate: the weights overflow to ±∞ and a
    // later forward pass computes ∞ − ∞ = NaN.
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
      epochs: 50,
      nHidden: 3,
      seed: 1,
    };
    let error: unknown;
    try {
      train(options);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof DivergenceError, String(error));
    const at = Number(/diverged at epoch (\d+)/.exec(error.message)?.[1]);
    assert.ok(at > 1, error.message);
    const trainer = createTrainer(options);
    trainer.run(at - 1);
    const lastFinite = trainer.result().finalMse;
    assert.ok(
      error.message.includes(`the last finite MSE was ${lastFinite} at epoch ${at - 1}`),
      error.message,
    );
    assert.match(error.message, /smaller learningRate than 1e\+307/);
  });
});

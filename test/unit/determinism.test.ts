/**
 * Same seed, same numbers — to the bit: the random draws, the initial weights, the
 * train/test split and whole training runs (weights and histories, engine and trainingStep loop, in one go
 * or in chunks). Different seeds give different numbers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  RandomState,
  createTrainer,
  initWeights,
  loadIris,
  oneHot,
  toRows,
  train,
  trainTestSplit,
  type TrainingRun,
  type TrainOptions,
} from "../../lib/index";
import { trainReadable } from "../../lib/train/trainReadable";

/** Every number of a run as the hex of its IEEE-754 bits: equal strings = bit-identical. */
function bits(values: readonly number[]): string {
  return Buffer.from(new Float64Array(values).buffer).toString("hex");
}

function runBits(run: TrainingRun): Record<string, string> {
  return {
    weights1: bits(run.weights1.flat()),
    weights2: bits(run.weights2.flat()),
    mse: bits(run.history.mse),
    accuracy: bits(run.history.accuracy),
    final: bits([run.finalMse, run.finalAccuracy]),
  };
}

const iris = loadIris(join(__dirname, "../../data/Iris.csv"));
const { y } = oneHot(iris.species);
const split = trainTestSplit(iris.features, y, { testSize: 20, seed: 0 });

function irisOptions(seed: number): TrainOptions {
  return { x: split.xTrain, y: split.yTrain, learningRate: 0.1, epochs: 300, nHidden: 4, seed };
}

test("RandomState: the same seed repeats every draw, different seeds differ", () => {
  const draw = (seed: number) => {
    const random = new RandomState(seed);
    return [
      ...Array.from({ length: 50 }, () => random.randomSample()),
      ...Array.from({ length: 51 }, () => random.standardNormal()),
      ...random.normal(0, 0.5, [3, 4]).flat(),
      ...random.permutation(20),
    ];
  };
  for (const seed of [0, 1, 42, 2 ** 32 - 1]) assert.equal(bits(draw(seed)), bits(draw(seed)));
  assert.notEqual(bits(draw(0)), bits(draw(1)));
  assert.notEqual(bits(draw(42)), bits(draw(43)));
});

test("initWeights: the same seed gives bit-identical weights, different seeds differ", () => {
  const sizes = { nInput: 4, nHidden: 5, nOutput: 3 };
  const weights = (seed: number) => {
    const w = initWeights(sizes, seed);
    return bits([...toRows(w.weights1).flat(), ...toRows(w.weights2).flat()]);
  };
  assert.equal(weights(10), weights(10));
  assert.notEqual(weights(10), weights(11));
});

test("trainTestSplit: the same seed gives the same split, different seeds differ", () => {
  const again = trainTestSplit(iris.features, y, { testSize: 20, seed: 0 });
  assert.deepEqual(again, split);
  const other = trainTestSplit(iris.features, y, { testSize: 20, seed: 1 });
  assert.notDeepEqual(other.testIndices, split.testIndices);
});

test("train: two runs with the same seed are bit-identical (weights and histories)", () => {
  for (const seed of [0, 7, 2 ** 32 - 1]) {
    const first = train(irisOptions(seed));
    const second = train(irisOptions(seed));
    assert.deepEqual(runBits(second), runBits(first), `seed ${seed}`);
    assert.deepEqual(second, first);
  }
});

test("the trainingStep loop: two runs with the same seed are bit-identical", () => {
  const options = { ...irisOptions(3), epochs: 40 };
  assert.deepEqual(runBits(trainReadable(options)), runBits(trainReadable(options)));
});

test("createTrainer: training in chunks gives the same bits as one train() call", () => {
  const options = irisOptions(5);
  const trainer = createTrainer(options);
  for (const chunk of [1, 7, 50, 100, 1000]) trainer.run(chunk);
  assert.equal(trainer.done, true);
  assert.equal(trainer.epoch, options.epochs);
  assert.deepEqual(runBits(trainer.result()), runBits(train(options)));
});

test("train: different seeds give different weights and different histories", () => {
  const a = runBits(train(irisOptions(1)));
  const b = runBits(train(irisOptions(2)));
  assert.notEqual(a.weights1, b.weights1);
  assert.notEqual(a.weights2, b.weights2);
  assert.notEqual(a.mse, b.mse);
});

test("a run does not depend on what ran before it (no hidden global state)", () => {
  const alone = runBits(train(irisOptions(9)));
  new RandomState(123).normal(0, 1, [10, 10]);
  train(irisOptions(10));
  trainReadable({ ...irisOptions(11), epochs: 5 });
  assert.deepEqual(runBits(train(irisOptions(9))), alone);
});

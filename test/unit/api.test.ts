/** The public API the notebooks import: small, grouped, every name defined. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../lib/index";

test("lib/index exports at most 49 runtime names, every one of them defined", () => {
  const names = Object.keys(lib).filter((name) => name !== "__esModule");
  assert.ok(names.length <= 49, `${names.length} runtime exports: ${names.join(", ")}`);
  for (const name of names) {
    assert.notEqual((lib as Record<string, unknown>)[name], undefined, name);
  }
});

test("the names of the lessons are there: operations, network, training, display", () => {
  const expected = [
    "matrix",
    "shape",
    "size",
    "dot",
    "transpose",
    "add",
    "subtract",
    "multiply",
    "divide",
    "square",
    "sum",
    "map",
    "sigmoid",
    "initWeights",
    "trainingStep",
    "meanSquaredError",
    "accuracy",
    "gradientCheck",
    "train",
    "createTrainer",
    "predict",
    "saveRun",
    "show",
    "plotTrainingHistory",
    "plotGradientDescent",
    "plotLossSurface",
    "plotNetwork",
    "plotDecisionRegions",
    "plotHiddenLayer",
    "plotConfusionMatrix",
    "trainLive",
    "RandomState",
    "loadIris",
    "oneHot",
    "trainTestSplit",
  ];
  for (const name of expected) {
    assert.equal(typeof (lib as Record<string, unknown>)[name], "function", name);
  }
  // internals stay internal
  for (const name of [
    "mapValues",
    "checkRows",
    "forwardBackward",
    "sendBundle",
    "useDisplayWriter",
  ]) {
    assert.equal(name in lib, false, `${name} is not public`);
  }
});

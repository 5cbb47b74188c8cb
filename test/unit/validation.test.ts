/** lib/validation: the one-line messages every entry point's input check gives. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  checkFinite,
  checkInteger,
  checkNetworkShapes,
  checkPositive,
  checkRows,
  checkSeed,
} from "../../lib/validation";
import { describeValue } from "../../lib/format";

test("describeValue marks strings, arrays and objects so they are not mistaken for numbers", () => {
  assert.equal(describeValue("5.1"), '"5.1" (a string)');
  assert.equal(describeValue([1, 2]), "an array of length 2");
  assert.equal(describeValue(null), "null");
  assert.equal(describeValue(new Map()), "an object (Map)");
  assert.equal(describeValue(undefined), "undefined");
  assert.equal(describeValue(-0.5), "-0.5");
});

test("number checks return the value when it is fine and name it when not", () => {
  assert.equal(checkFinite(-3, "loc"), -3);
  assert.equal(checkPositive(0.1, "learningRate"), 0.1);
  assert.equal(checkInteger(0, "steps", 0), 0);
  assert.equal(checkSeed(2 ** 32 - 1), 2 ** 32 - 1);
  assert.throws(() => checkFinite(NaN, "loc"), {
    name: "ParameterError",
    message: "loc must be a finite number, got NaN",
  });
  assert.throws(() => checkPositive(0, "learningRate"), {
    message: "learningRate must be a finite positive number, got 0",
  });
  assert.throws(() => checkInteger(2.5, "epochs"), {
    message: "epochs must be a positive integer, got 2.5",
  });
  assert.throws(() => checkInteger(-1, "steps", 0), {
    message: "steps must be an integer ≥ 0, got -1",
  });
  assert.throws(() => checkSeed(2 ** 32), {
    message: "seed must be an integer in [0, 2^32), got 4294967296",
  });
  assert.throws(() => checkSeed("1", "random_state"), {
    message: 'random_state must be an integer in [0, 2^32), got "1" (a string)',
  });
});

test("checkRows returns (rows, columns) of any rectangular block of finite numbers", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (r, c) => {
      const rows = Array.from({ length: r }, () => new Array<number>(c).fill(0.5));
      assert.deepEqual(checkRows(rows, "m"), [r, c]);
    }),
  );
  assert.throws(() => checkRows([[]], "x"), {
    name: "ShapeError",
    message: "x: row 0 is an array of length 0, not a non-empty array",
  });
  assert.throws(() => checkRows([[1], 2], "x"), {
    message: "x: row 1 is 2, not an array of numbers",
  });
});

test("checkNetworkShapes names the matrix that does not fit and the shape it needs", () => {
  assert.doesNotThrow(() => checkNetworkShapes("op", [5, 4], [4, 2], [2, 3], [5, 3]));
  assert.doesNotThrow(() => checkNetworkShapes("op", [5, 4], [4, 2], [2, 3]));
  assert.throws(() => checkNetworkShapes("op", [5, 4], [3, 2], [2, 3]), {
    name: "ShapeError",
    message: "op: weights1 has shape (3,2), expected (4,nHidden): one row per column of x (5,4)",
  });
  assert.throws(() => checkNetworkShapes("op", [5, 4], [4, 2], [3, 3]), {
    message:
      "op: weights2 has shape (3,3), expected (2,nOutput): one row per column of weights1 (4,2)",
  });
  assert.throws(() => checkNetworkShapes("op", [5, 4], [4, 2], [2, 3], [5, 2]), {
    message: "op: y has shape (5,2), expected (5,3): one column per column of weights2",
  });
  assert.throws(() => checkNetworkShapes("op", [5, 4], [4, 2], [2, 3], [4, 3]), {
    message:
      "op: x has shape (5,4) and y has shape (4,3); they need the same number of rows (one target row per sample)",
  });
});

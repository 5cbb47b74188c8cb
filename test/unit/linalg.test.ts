import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  ShapeError,
  add,
  dot,
  formatShape,
  hadamard,
  mapElements,
  matrix,
  oneMinus,
  scale,
  shapeOf,
  sizeOf,
  subtract,
  sum,
  toRows,
  transpose,
} from "../../lib/index";

describe("matrix", () => {
  it("wraps rows in a 2-D number matrix", () => {
    const m = matrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(shapeOf(m), [2, 3]);
    assert.equal(sizeOf(m), 6);
    assert.deepEqual(toRows(m), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("rejects ragged rows, naming the row", () => {
    assert.throws(() => matrix([[1, 2], [3]], "x"), {
      name: "ShapeError",
      message: "x: row 1 has 1 columns, row 0 has 2",
    });
  });

  it("rejects non-finite elements, naming the position", () => {
    assert.throws(() => matrix([[1, NaN]], "w"), /w: element \(0,1\) is NaN, not a finite number/);
    assert.throws(() => matrix([[Infinity]]), /element \(0,0\) is Infinity/);
  });

  it("rejects an empty matrix", () => {
    assert.throws(() => matrix([]), ShapeError);
  });
});

describe("dot", () => {
  it("multiplies (2,3)·(3,2)", () => {
    const a = matrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = matrix([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    // 1·7+2·9+3·11 = 58, 1·8+2·10+3·12 = 64, 4·7+5·9+6·11 = 139, 4·8+5·10+6·12 = 154
    assert.deepEqual(toRows(dot(a, b)), [
      [58, 64],
      [139, 154],
    ]);
  });

  it("names both shapes when inner dimensions differ", () => {
    const a = matrix([[1, 2, 3, 4]]);
    const b = matrix([
      [1, 2],
      [3, 4],
    ]);
    assert.throws(() => dot(a, b), {
      name: "ShapeError",
      message: "dot: cannot multiply (1,4) by (2,2): inner dimensions 4 and 2 differ",
    });
  });
});

describe("element-wise operations", () => {
  const column = matrix([[1], [2], [3]]);
  const row = matrix([[1, 2, 3]]);

  for (const [name, op] of [
    ["hadamard", hadamard],
    ["subtract", subtract],
    ["add", add],
  ] as const) {
    it(`${name} refuses the (3,1) with (1,3) case mathjs would broadcast to (3,3)`, () => {
      assert.throws(() => op(column, row), {
        name: "ShapeError",
        message: new RegExp(`^${name}: shapes \\(3,1\\) and \\(1,3\\) differ`),
      });
    });
  }

  it("computes a ∘ b, a − b, a + b element by element", () => {
    const a = matrix([
      [1, 2],
      [3, 4],
    ]);
    const b = matrix([
      [5, 6],
      [7, 8],
    ]);
    assert.deepEqual(toRows(hadamard(a, b)), [
      [5, 12],
      [21, 32],
    ]);
    assert.deepEqual(toRows(subtract(a, b)), [
      [-4, -4],
      [-4, -4],
    ]);
    assert.deepEqual(toRows(add(a, b)), [
      [6, 8],
      [10, 12],
    ]);
  });

  it("mapElements passes only the value (Math.round would otherwise get the index as digits)", () => {
    const m = matrix([[1.26, 2.74]]);
    const seen: number[] = [];
    const out = mapElements(m, (...args: number[]) => {
      seen.push(args.length);
      return Math.round(args[0]);
    });
    assert.deepEqual(toRows(out), [[1, 3]]);
    assert.deepEqual(seen, [1, 1]);
  });

  it("scale, oneMinus, transpose and sum", () => {
    const m = matrix([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    assert.deepEqual(toRows(scale(m, 0.5)), [
      [0.5, 1],
      [1.5, 2],
      [2.5, 3],
    ]);
    assert.deepEqual(toRows(oneMinus(m)), [
      [0, -1],
      [-2, -3],
      [-4, -5],
    ]);
    assert.deepEqual(shapeOf(transpose(m)), [2, 3]);
    assert.deepEqual(toRows(transpose(m)), [
      [1, 3, 5],
      [2, 4, 6],
    ]);
    assert.equal(sum(m), 21);
  });

  it("scale rejects a non-finite factor", () => {
    assert.throws(
      () => scale(matrix([[1]]), NaN),
      /scale: factor must be a finite number, got NaN/,
    );
  });

  it("formats shapes like NumPy", () => {
    assert.equal(formatShape([3, 4]), "(3,4)");
  });
});

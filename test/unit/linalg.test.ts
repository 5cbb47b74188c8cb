import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ParameterError,
  ShapeError,
  add,
  divide,
  dot,
  matrix,
  multiply,
  shape,
  size,
  square,
  subtract,
  sum,
  toRows,
  transpose,
} from "../../lib/index";
import { formatShape } from "../../lib/format";
import { map } from "../../lib/linalg/elementwise";
import { rowsOf, uniform } from "../support/arbitraries";

describe("matrix", () => {
  it("wraps rows in a 2-D number matrix", () => {
    const m = matrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(shape(m), [2, 3]);
    assert.equal(size(m), 6);
    assert.deepEqual(toRows(m), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("shape and size also read plain rows", () => {
    assert.deepEqual(shape([[1], [2], [3]]), [3, 1]);
    assert.equal(size([[1, 2, 3, 4]]), 4);
  });

  it("copies the rows it is given", () => {
    const rows = [[1, 2]];
    const m = matrix(rows);
    rows[0][0] = 99;
    assert.deepEqual(toRows(m), [[1, 2]]);
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

describe("dot and transpose", () => {
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

  it("transposes (3,2) to (2,3)", () => {
    const m = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    assert.deepEqual(shape(transpose(m)), [2, 3]);
    assert.deepEqual(toRows(transpose(m)), [
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });
});

describe("element-wise operations", () => {
  const column = matrix([[1], [2], [3]]);
  const row = matrix([[1, 2, 3]]);
  const a = matrix([
    [1, 2],
    [3, 4],
  ]);
  const b = matrix([
    [5, 6],
    [8, 16],
  ]);

  for (const [name, op] of [
    ["add", add],
    ["subtract", subtract],
    ["multiply", multiply],
    ["divide", divide],
  ] as const) {
    it(`${name} refuses the (3,1) with (1,3) case mathjs would broadcast to (3,3)`, () => {
      assert.throws(() => op(column, row), {
        name: "ShapeError",
        message: new RegExp(`^${name}: shapes \\(3,1\\) and \\(1,3\\) differ.*no broadcasting`),
      });
      assert.throws(() => op(row, column), ShapeError);
    });

    it(`${name} refuses two numbers and a non-finite scalar, naming the side`, () => {
      assert.throws(() => op(2, 3), ParameterError);
      assert.throws(() => op(NaN, a), {
        name: "ParameterError",
        message: `${name}: left operand must be a finite number, got NaN`,
      });
      assert.throws(() => op(a, Infinity), {
        name: "ParameterError",
        message: `${name}: right operand must be a finite number, got Infinity`,
      });
    });
  }

  it("computes a + b, a − b, a ∘ b, a / b element by element", () => {
    assert.deepEqual(toRows(add(a, b)), [
      [6, 8],
      [11, 20],
    ]);
    assert.deepEqual(toRows(subtract(a, b)), [
      [-4, -4],
      [-5, -12],
    ]);
    assert.deepEqual(toRows(multiply(a, b)), [
      [5, 12],
      [24, 64],
    ]);
    assert.deepEqual(toRows(divide(a, b)), [
      [0.2, 2 / 6],
      [3 / 8, 0.25],
    ]);
  });

  it("takes a number on either side, keeping the operand order", () => {
    assert.deepEqual(toRows(add(10, a)), [
      [11, 12],
      [13, 14],
    ]);
    assert.deepEqual(toRows(add(a, 10)), toRows(add(10, a)));
    assert.deepEqual(toRows(subtract(1, a)), [
      [0, -1],
      [-2, -3],
    ]);
    assert.deepEqual(toRows(subtract(a, 1)), [
      [0, 1],
      [2, 3],
    ]);
    assert.deepEqual(toRows(multiply(0.5, a)), [
      [0.5, 1],
      [1.5, 2],
    ]);
    assert.deepEqual(toRows(multiply(a, 0.5)), toRows(multiply(0.5, a)));
    assert.deepEqual(toRows(divide(a, 4)), [
      [0.25, 0.5],
      [0.75, 1],
    ]);
    assert.deepEqual(toRows(divide(12, a)), [
      [12, 6],
      [4, 3],
    ]);
    // plain rows are operands too
    assert.deepEqual(toRows(subtract(1, [[0.25, 0.75]])), [[0.75, 0.25]]);
  });

  it("a scalar operand gives the same bits as a matrix filled with it", () => {
    fc.assert(
      fc.property(rowsOf(3, 2, uniform(-10, 10)), uniform(-10, 10), (m, s) => {
        const filled = m.map((r) => r.map(() => s));
        assert.deepStrictEqual(toRows(add(s, m)), toRows(add(filled, m)));
        assert.deepStrictEqual(toRows(subtract(s, m)), toRows(subtract(filled, m)));
        assert.deepStrictEqual(toRows(subtract(m, s)), toRows(subtract(m, filled)));
        assert.deepStrictEqual(toRows(multiply(s, m)), toRows(multiply(filled, m)));
        assert.deepStrictEqual(toRows(divide(m, s)), toRows(divide(m, filled)));
      }),
    );
  });

  it("multiply of three is ((a∘b)∘c), left to right as NumPy's a*b*c, bit for bit", () => {
    fc.assert(
      fc.property(
        rowsOf(2, 3, uniform(-5, 5)),
        rowsOf(2, 3, uniform(-5, 5)),
        rowsOf(2, 3, uniform(-5, 5)),
        (x, y, z) => {
          assert.deepStrictEqual(toRows(multiply(x, y, z)), toRows(multiply(multiply(x, y), z)));
          const expected = x.map((r, i) => r.map((v, j) => v * y[i][j] * z[i][j]));
          assert.deepStrictEqual(toRows(multiply(x, y, z)), expected);
        },
      ),
    );
    // the grouping matters in floating point: (0.1·0.2)·0.3 ≠ 0.1·(0.2·0.3)
    const leftToRight = 0.1 * 0.2 * 0.3;
    assert.notEqual(leftToRight, 0.1 * (0.2 * 0.3));
    assert.deepStrictEqual(toRows(multiply([[0.1]], [[0.2]], [[0.3]])), [[leftToRight]]);
    assert.deepStrictEqual(toRows(multiply([[0.1]], [[0.2]], 0.3, [[2]])), [[leftToRight * 2]]);
  });

  it("square and sum", () => {
    const m = [
      [1, -2],
      [3, 4],
      [5, 6],
    ];
    assert.deepEqual(toRows(square(m)), [
      [1, 4],
      [9, 16],
      [25, 36],
    ]);
    assert.equal(sum(m), 17);
  });

  it("sum adds row by row from the first element", () => {
    const m = [
      [1e16, 1],
      [-1e16, 1],
    ];
    assert.equal(sum(m), 1e16 + 1 + -1e16 + 1);
  });

  it("map passes only the value (Math.round would otherwise get the index as digits)", () => {
    const m = matrix([[1.26, 2.74]]);
    const seen: number[] = [];
    const out = map(m, (...args: number[]) => {
      seen.push(args.length);
      return Math.round(args[0]);
    });
    assert.deepEqual(toRows(out), [[1, 3]]);
    assert.deepEqual(seen, [1, 1]);
    assert.throws(() => map(m, 2 as never), {
      name: "ParameterError",
      message: "map: f must be a function, got 2",
    });
  });

  it("formats shapes like NumPy", () => {
    assert.equal(formatShape([3, 4]), "(3,4)");
  });
});

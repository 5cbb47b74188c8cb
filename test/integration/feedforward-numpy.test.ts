/**
 * The feedforward notebooks (01–03) against the tutorial's plain Python and live NumPy
 * (test/reference/feedforward.py): the numbers the notebooks print are Python's to the last
 * digit, the library's products equal NumPy's (to 12 significant digits; they add in the loops'
 * order, NumPy's BLAS may not), and seed 0 draws the tutorial's A and B.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dot, RandomState, toRows, transpose } from "../../lib/index";
import { assertClose, runPythonJson } from "../support/python";
import { outputText, readNotebook, type Notebook } from "../support/notebook";

interface Reference {
  nodeInput: number;
  nodeOutput: number;
  npNodeInput: number;
  hiddenLayerInputs: number[][];
  hiddenLayerOutputs: number[][];
  outputLayerInputs: number[][];
  outputLayerOutputs: number[][];
  npHiddenLayerInputs: number[][];
  npHiddenLayerOutputs: number[][];
  npOutputLayerInputs: number[][];
  npTransposed: number[][];
  A: number[][];
  B: number[][];
  AB: number[][];
  BA: number[][];
  shapeError: string | null;
}

const ref = runPythonJson<Reference>("test/reference/feedforward.py");

const INPUTS = [
  [4.9, 3.0, 1.4, 0.2],
  [6.4, 3.2, 4.5, 1.5],
  [5.8, 2.7, 5.1, 1.9],
];
const WEIGHTS_1 = [
  [0.9, -0.5],
  [0.8, -0.5],
  [-1.0, 1.5],
  [-1.0, 1.0],
];

/** The text a code cell printed, found by the start of its source. */
function printed(nb: Notebook, sourceStart: string): string {
  const cell = nb.cells.find(
    (c) => c.cell_type === "code" && [c.source].flat().join("").startsWith(sourceStart),
  );
  assert.ok(cell, `no cell starting with ${sourceStart}`);
  return outputText(cell);
}

/** Every number in a console.log'd text, as the strings printed. */
const numbersIn = (text: string) => text.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? [];

/** Python's repr of each number, as JavaScript prints it (2.0 → 2). */
const asPrinted = (values: number[] | number[][]) => [values].flat(2).map((v) => String(v));

for (const name of [
  "01-feedforward-one-neuron.ipynb",
  "02-feedforward-layers.ipynb",
  "03-feedforward-matrices.ipynb",
]) {
  describe(`${name}: printed numbers equal the tutorial's Python`, () => {
    const nb = readNotebook(name);
    it("the neuron's weighted sum and output", () => {
      assert.deepEqual(numbersIn(printed(nb, "let nodeInput")), [
        String(ref.nodeInput),
        String(ref.nodeOutput),
      ]);
    });
    if (name === "01-feedforward-one-neuron.ipynb") return;
    it("the hidden layer's sums and outputs, digit for digit", () => {
      assert.deepEqual(numbersIn(printed(nb, "let hiddenLayerInputs = determineLayerOutputs")), [
        ...asPrinted(ref.hiddenLayerInputs),
        ...asPrinted(ref.hiddenLayerOutputs),
      ]);
    });
    it("the output layer's sums and outputs", () => {
      assert.deepEqual(numbersIn(printed(nb, "let outputLayerInputs = determineLayerOutputs")), [
        ...asPrinted(ref.outputLayerInputs),
        ...asPrinted(ref.outputLayerOutputs),
      ]);
    });
  });
}

describe("the library's matrix products against live NumPy", () => {
  it("one neuron: dot of a row and a column equals np.dot of the vectors", () => {
    const got = toRows(dot([INPUTS[0]], transpose([[0.9, 0.8, -1.0, -1.0]])))[0][0];
    assert.equal(got, ref.npNodeInput);
    assert.equal(got, ref.nodeInput, "the loops' order gives the same double");
  });

  it("the network: X·W1, then step and ·W2, and (W1ᵀ·Xᵀ)ᵀ", () => {
    const hidden = dot(INPUTS, WEIGHTS_1);
    assertClose(toRows(hidden), ref.npHiddenLayerInputs, "X·W1");
    // The library adds in the loops' order: the plain-Python sums, bit for bit.
    assert.deepEqual(toRows(hidden), ref.hiddenLayerInputs);
    const stepped = toRows(hidden).map((row) => row.map((v) => (v >= 2 ? 1 : 0)));
    assert.deepEqual(stepped, ref.npHiddenLayerOutputs);
    const w2 = transpose([
      [2, -1],
      [1, 1],
      [-1, 2],
    ]);
    assert.deepEqual(toRows(dot(stepped, w2)), ref.npOutputLayerInputs);
    assertClose(
      toRows(transpose(dot(transpose(WEIGHTS_1), transpose(INPUTS)))),
      ref.npTransposed,
      "(W1ᵀ·Xᵀ)ᵀ",
    );
  });

  it("seed 0: randint(1, 10, (2, 2)) twice gives NumPy's A and B; AB ≠ BA as NumPy's", () => {
    const random = new RandomState(0);
    const A = random.randint(1, 10, [2, 2]);
    const B = random.randint(1, 10, [2, 2]);
    assert.deepEqual(A, ref.A);
    assert.deepEqual(B, ref.B);
    assert.deepEqual(toRows(dot(A, B)), ref.AB);
    assert.deepEqual(toRows(dot(B, A)), ref.BA);
    assert.notDeepEqual(ref.AB, ref.BA);
  });

  it("W1·X fails in both, naming the same two shapes", () => {
    assert.match(ref.shapeError ?? "", /\(4,2\) and \(3,4\)/);
    assert.throws(() => dot(WEIGHTS_1, INPUTS), /cannot multiply \(4,2\) by \(3,4\)/);
  });
});

describe("03-feedforward-matrices.ipynb shows the tutorial's matrices", () => {
  const nb = readNotebook("03-feedforward-matrices.ipynb");
  for (const [label, values] of [
    ["A", ref.A],
    ["B", ref.B],
    ["dot(A, B)", ref.AB],
    ["dot(B, A)", ref.BA],
  ] as const) {
    it(label, () => {
      assert.deepEqual(numbersIn(printed(nb, `show(${label}, `)).slice(-4), asPrinted(values));
    });
  }

  it("the deliberate shape error is the library's one line, and every code cell ran", () => {
    const index = nb.cells.findIndex((c) => c.metadata.tags?.includes("raises-exception"));
    assert.ok(index > 0, "no cell tagged raises-exception");
    const text = outputText(nb.cells[index]);
    assert.match(text, /^ShapeError: dot: cannot multiply \(4,2\) by \(3,4\)/);
    assert.equal(text.trim().split("\n").length, 1, text);
    const counts = nb.cells
      .filter((c) => c.cell_type === "code")
      .map((c) => (c as { execution_count?: number | null }).execution_count);
    assert.deepEqual(
      counts,
      counts.map((_, i) => i + 1),
      "every code cell ran, in order",
    );
  });
});

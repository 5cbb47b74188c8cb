/**
 * Writes part 13's exercise notebook, its solutions and the nbgrader source assignment from one
 * source, so that they never drift apart: the same cells, with a stub (`return notDone();`),
 * the solution, or (nbgrader) the solution between `// BEGIN SOLUTION` and `// END SOLUTION`
 * in each cell tagged `exercise`; under nbgrader each check cell is a graded test whose check
 * is strict (a ✗ fails the cell). The two notebooks get their outputs by executing them:
 *
 *   node --import tsx scripts/exercise-notebooks.ts
 *   bash scripts/py.sh scripts/execute_notebook.py notebooks/13-exercises.ipynb \
 *     notebooks/solutions/13-exercises.ipynb --inplace
 *
 * The nbgrader source has no outputs and gets data/Iris.csv beside it, so the assignment
 * carries what it reads wherever nbgrader copies it.
 * test/unit/exercises-notebooks.test.ts checks that the committed files are these.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type NotebookKind = "exercises" | "solutions" | "nbgrader";

export const NOTEBOOK_PATHS: Record<NotebookKind, string> = {
  exercises: "notebooks/13-exercises.ipynb",
  solutions: "notebooks/solutions/13-exercises.ipynb",
  nbgrader: "nbgrader/source/13-exercises/13-exercises.ipynb",
};

/** The data file the nbgrader assignment reads, copied beside its notebook. */
export const NBGRADER_DATA = { from: "data/Iris.csv", to: "nbgrader/source/13-exercises/Iris.csv" };

/** Points of each graded check cell under nbgrader. */
export const POINTS_PER_CHECK = 1;

/** nbgrader's cell metadata (schema 3): an answer, a graded test, or a locked cell. */
export interface NbgraderCell {
  grade: boolean;
  grade_id: string;
  locked: boolean;
  points?: number;
  schema_version: 3;
  solution: boolean;
  task: false;
}

export interface GeneratedCell {
  id: string;
  cell_type: "markdown" | "code";
  metadata: { tags?: string[]; nbgrader?: NbgraderCell };
  source: string;
}

interface Exercise {
  id: string;
  /** Markdown: the task in plain words, the equation, the shapes to expect. */
  task: string;
  /** The function's signature line(s), shared by stub and solution. */
  signature: string;
  /** A comment for the stub: what to compute, in the lesson's names. */
  stubHint: string;
  /** The body of the solved function, indented by two spaces. */
  solution: string;
  /** The check cell. */
  check: string;
  /** Cells between the task and the exercise (e.g. data the exercise needs). */
  setup?: { id: string; source: string; markdown?: string };
}

const EXERCISES: Exercise[] = [
  {
    id: "sigmoid",
    task: `## Exercise 1: the sigmoid

Write \`mySigmoid(z)\`: it applies the sigmoid to every element of the matrix \`z\` and returns a matrix of the same shape, every value between 0 and 1.

$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$

There is no element-wise \`exp\` among the operations, so work on the numbers: \`map(z, f)\` applies a function \`f\` of one number to every element of \`z\` and returns the matrix of the results, and \`Math.exp\` is $e^x$. For the three flowers the check passes \`hiddenLayerInputs\`, shape (3, 2).`,
    signature: "function mySigmoid(z: Matrix): Matrix {",
    stubHint: "// σ(z) = 1 / (1 + e^(−z)) for every element of z",
    solution: "  return map(z, (value) => 1 / (1 + Math.exp(-value)));",
    check: "exercises.checkSigmoid(mySigmoid);",
  },
  {
    id: "feedforward",
    task: `## Exercise 2: feedforward

Send the inputs through the network and return all four matrices of the forward pass. Each layer is a matrix product (\`dot\`) followed by the sigmoid (use the library's \`sigmoid\`, so that this exercise does not depend on the first):

$$\\text{hiddenLayerInputs} = x\\,W_1, \\quad \\text{hiddenLayerOutputs} = \\sigma(\\text{hiddenLayerInputs}), \\quad \\text{outputLayerInputs} = \\text{hiddenLayerOutputs}\\,W_2, \\quad \\text{outputLayerOutputs} = \\sigma(\\text{outputLayerInputs})$$

Shapes for the three flowers: $x$ (3, 4) and $W_1$ (4, 2) give the hidden layer (3, 2); with $W_2$ (2, 3) the output layer is (3, 3), one row per flower and one column per species.`,
    signature: "function feedforward(x: Matrix, weights1: Matrix, weights2: Matrix): Feedforward {",
    stubHint:
      "// return { hiddenLayerInputs: …, hiddenLayerOutputs: …, outputLayerInputs: …, outputLayerOutputs: … }",
    solution: `  const hiddenLayerInputs = dot(x, weights1);
  const hiddenLayerOutputs = sigmoid(hiddenLayerInputs);
  const outputLayerInputs = dot(hiddenLayerOutputs, weights2);
  const outputLayerOutputs = sigmoid(outputLayerInputs);
  return { hiddenLayerInputs, hiddenLayerOutputs, outputLayerInputs, outputLayerOutputs };`,
    check: "exercises.checkFeedforward(feedforward);",
  },
  {
    id: "outputLayer",
    task: `## Exercise 3: the output layer's error and delta

How far is each output $\\hat y$ from its label $y$? That is the **error**. The **delta** scales the error by how strongly the output reacts to a change of its input: the sigmoid's derivative. Because $\\hat y = \\sigma(z)$ already, the derivative needs no new exponential: $\\sigma'(z) = \\hat y\\,(1 - \\hat y)$.

$$\\text{outputLayerError} = \\hat y - y, \\qquad \\text{outputLayerDelta} = \\text{outputLayerError} \\circ \\hat y \\circ (1 - \\hat y)$$

$\\circ$ is element-wise multiplication (\`multiply\`, which takes several factors); \`subtract(1, a)\` is $1 - a$. You also get $z$ = \`outputLayerInputs\`: decide whether you need it. Both results are (3, 3) for the three flowers.`,
    signature:
      "function outputLayer(y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix): OutputLayer {",
    stubHint: "// return { outputLayerError: …, outputLayerDelta: … }",
    solution: `  const outputLayerError = subtract(outputLayerOutputs, y);
  const outputLayerDelta = multiply(outputLayerError, outputLayerOutputs, subtract(1, outputLayerOutputs));
  return { outputLayerError, outputLayerDelta };`,
    check: "exercises.checkOutputLayer(outputLayer);",
  },
  {
    id: "hiddenLayer",
    task: `## Exercise 4: the hidden layer's error and delta

The hidden layer has no labels. Its error is the output delta sent **back** through the weights that connect the two layers, transposed so that each hidden node collects from every output node. Its delta then works like the output layer's, with the hidden layer's outputs $h$:

$$\\text{hiddenLayerError} = \\text{outputLayerDelta}\\;W_2^\\top, \\qquad \\text{hiddenLayerDelta} = \\text{hiddenLayerError} \\circ h \\circ (1 - h)$$

You get both weight matrices and both of the hidden layer's matrices; use the ones the equation needs. Shapes for the three flowers: (3, 3) · (3, 2) gives (3, 2), the shape of $h$.`,
    signature: `function hiddenLayer(
  outputLayerDelta: Matrix, weights1: Matrix, weights2: Matrix,
  hiddenLayerInputs: Matrix, hiddenLayerOutputs: Matrix,
): HiddenLayer {`,
    stubHint: "// return { hiddenLayerError: …, hiddenLayerDelta: … }",
    solution: `  const hiddenLayerError = dot(outputLayerDelta, transpose(weights2));
  const hiddenLayerDelta = multiply(hiddenLayerError, hiddenLayerOutputs, subtract(1, hiddenLayerOutputs));
  return { hiddenLayerError, hiddenLayerDelta };`,
    check: "exercises.checkHiddenLayer(hiddenLayer);",
  },
  {
    id: "weightUpdates",
    task: `## Exercise 5: the two weight updates

The gradient of the loss for a weight matrix is the layer's input, transposed, times the layer's delta, averaged over $N$, the number of **elements** of $y$ (rows × columns: 9 for the three flowers, not 3):

$$\\text{weights1Update} = \\frac{x^\\top\\,\\text{hiddenLayerDelta}}{N}, \\qquad \\text{weights2Update} = \\frac{h^\\top\\,\\text{outputLayerDelta}}{N}$$

Compute $N$ from \`y\` with \`size\`. Each update has the shape of its weights: \`weights1Update\` (4, 2), \`weights2Update\` (2, 3).`,
    signature: `function weightUpdates(
  x: Matrix, y: Matrix, hiddenLayerOutputs: Matrix, outputLayerDelta: Matrix, hiddenLayerDelta: Matrix,
): WeightUpdates {`,
    stubHint: "// return { weights1Update: …, weights2Update: … }",
    solution: `  const N = size(y);
  const weights1Update = divide(dot(transpose(x), hiddenLayerDelta), N);
  const weights2Update = divide(dot(transpose(hiddenLayerOutputs), outputLayerDelta), N);
  return { weights1Update, weights2Update };`,
    check: "exercises.checkWeightUpdates(weightUpdates);",
  },
  {
    id: "meanSquaredError",
    task: `## Exercise 6: the mean squared error

One number says how wrong the outputs are: the squared differences from the labels, summed over all elements and divided by $2N$ (the ½ makes the derivative exactly the error of exercise 3):

$$E = \\frac{1}{2N} \\sum_{i,j} \\left(\\hat y_{ij} - y_{ij}\\right)^2$$

\`square\` squares every element and \`sum\` adds all of them up. The result is a number; for the three flowers before the update it is about 0.138.`,
    signature: "function mse(outputLayerOutputs: Matrix, y: Matrix): number {",
    stubHint: "// E = Σ (ŷ − y)² / (2N)",
    solution: "  return sum(square(subtract(outputLayerOutputs, y))) / (2 * size(y));",
    check: "exercises.checkMeanSquaredError(mse);",
  },
  {
    id: "gradientStep",
    task: `## Exercise 7: one gradient step

Move each weight matrix a little **against** its gradient, scaled by the learning rate $\\eta$, and return the new matrices:

$$W_1 \\leftarrow W_1 - \\eta \\cdot \\text{weights1Update}, \\qquad W_2 \\leftarrow W_2 - \\eta \\cdot \\text{weights2Update}$$

\`multiply(learningRate, m)\` multiplies every element by the number. The new weights have the old shapes: (4, 2) and (2, 3).`,
    signature: `function gradientStep(
  weights1: Matrix, weights2: Matrix, weights1Update: Matrix, weights2Update: Matrix, learningRate: number,
): UpdatedWeights {`,
    stubHint: "// return { weights1: …, weights2: … }",
    solution: `  return {
    weights1: subtract(weights1, multiply(learningRate, weights1Update)),
    weights2: subtract(weights2, multiply(learningRate, weights2Update)),
  };`,
    check: "exercises.checkGradientStep(gradientStep);",
  },
  {
    id: "trainingLoop",
    setup: {
      id: "part14-data",
      markdown: `## Exercise 8: a training loop

Part 14 trains on 130 flowers: all 150, minus 20 put aside as a test set (the split of part 14, seed 4).`,
      source: `const allFlowers = loadIris(dataPath);
const labels14 = oneHot(allFlowers.species).y;
const split = trainTestSplit(allFlowers.features, labels14, { testSize: 20, seed: 4 });
const xTrain = split.xTrain;
const yTrain = split.yTrain;
show(shape(xTrain), "shape of xTrain");
show(shape(yTrain), "shape of yTrain");`,
    },
    task: `Now repeat the step: write \`trainingLoop\`, which trains for \`epochs\` epochs and returns the MSE of every epoch. Each epoch runs the forward pass, records the MSE of its outputs (**before** the weights change), backpropagates and updates the weights, which the next epoch starts from. Chain your own functions from above; while some are not done yet, \`trainingStep(x, y, weights1, weights2, learningRate)\` from the library does the whole step (its result has \`outputLayerOutputs\` and the new \`weights1\`, \`weights2\`).

The check runs it on small networks and then as part 14's attempt 1: these 130 flowers, the weights of seed 10, 2 hidden nodes, learning rate 0.1 and 1000 epochs, which must end at a training MSE of 0.0938264. Keep the loop inside the function: the kernel runs a loop written at a cell's top level far slower.`,
    signature: `function trainingLoop(
  x: Matrix, y: Matrix, weights1: Matrix, weights2: Matrix, learningRate: number, epochs: number,
): number[] {`,
    stubHint: "// for each epoch: forward pass, record the MSE, backpropagate, update the weights",
    solution: `  const history: number[] = [];
  let w1 = weights1;
  let w2 = weights2;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const forward = feedforward(x, w1, w2);
    history.push(mse(forward.outputLayerOutputs, y));
    const output = outputLayer(y, forward.outputLayerInputs, forward.outputLayerOutputs);
    const hidden = hiddenLayer(output.outputLayerDelta, w1, w2, forward.hiddenLayerInputs, forward.hiddenLayerOutputs);
    const updates = weightUpdates(x, y, forward.hiddenLayerOutputs, output.outputLayerDelta, hidden.hiddenLayerDelta);
    const next = gradientStep(w1, w2, updates.weights1Update, updates.weights2Update, learningRate);
    w1 = next.weights1;
    w2 = next.weights2;
  }
  return history;`,
    check: "exercises.checkTrainingLoop(trainingLoop, xTrain, yTrain);",
  },
];

const INTRO = {
  exercises: `# Your turn: backpropagation, step by step (part 13 exercises)

You have read how the network of part 13 (\`13-backpropagation.ipynb\`) takes one step of gradient descent. Here you write that step yourself, one equation at a time, with the same operations: \`dot\`, \`transpose\`, \`add\`, \`subtract\`, \`multiply\`, \`divide\`, \`square\`, \`sum\`, \`size\`.

Each exercise has three cells: the task, a code cell with a function for you to complete (it starts as \`return notDone();\`), and a check. The check runs your function on the tutorial's three flowers and on a few random networks and compares it with the library to 12 digits. It shows

- **✓** when your function is right,
- **✗** with the first wrong number and, where it recognises the mistake, its likely cause,
- **○ not done yet** while the function still returns \`notDone()\`.

A check never stops the notebook, so *Run All* always goes through, and each exercise can be done on its own: a check gives your function its inputs from the library, not from your other answers. The last cell sums up where you are.`,
  nbgrader: `# Backpropagation, step by step (part 13 exercises, graded)

You have read how the network of part 13 takes one step of gradient descent. Here you write that step yourself, one equation at a time, with the same operations: \`dot\`, \`transpose\`, \`add\`, \`subtract\`, \`multiply\`, \`divide\`, \`square\`, \`sum\`, \`size\`.

Each exercise has three cells: the task, a code cell with a function for you to complete (it starts as \`return notDone();\`), and a check worth ${POINTS_PER_CHECK} point. The check runs your function on the tutorial's three flowers and on a few random networks and compares it with the library to 12 digits. It shows **✓** when your function is right; otherwise **✗** with the first wrong number and, where it recognises the mistake, its likely cause (or **○ not done yet**), and the check cell fails: that is what the grader counts, and its message is your feedback. Each exercise can be done on its own: a check gives your function its inputs from the library, not from your other answers.`,
  solutions: `# Part 13 exercises: solutions (for teachers)

The exercise notebook \`../13-exercises.ipynb\` with every exercise solved, using the operations of the lesson \`../13-backpropagation.ipynb\`. Every check below shows ✓. Both notebooks are written from one source (\`scripts/exercise-notebooks.ts\`), so their cells match one for one.`,
};

const IMPORTS = `import {
  loadIris, selectRows, oneHot, trainTestSplit, matrix, toRows, shape, size, show, RandomState,
  dot, transpose, add, subtract, multiply, divide, square, sum, map, sigmoid, trainingStep,
  exercises, type Matrix, type Feedforward, type OutputLayer, type HiddenLayer,
  type WeightUpdates, type UpdatedWeights,
} from "backprop-lib";
const notDone = exercises.notDone;`;

function markdown(id: string, source: string): GeneratedCell {
  return { id, cell_type: "markdown", metadata: {}, source };
}

function code(id: string, source: string, tags?: string[]): GeneratedCell {
  return { id, cell_type: "code", metadata: tags ? { tags } : {}, source };
}

/** nbgrader's role of each cell: exercise cells are answers, check cells graded tests. */
function withNbgrader(cell: GeneratedCell): GeneratedCell {
  const tags = cell.metadata.tags ?? [];
  const answer = tags.includes("exercise");
  const test = tags.includes("check") && cell.id !== "summary";
  const nbgrader: NbgraderCell = {
    grade: test,
    grade_id: cell.id,
    locked: !answer,
    ...(test ? { points: POINTS_PER_CHECK } : {}),
    schema_version: 3,
    solution: answer,
    task: false,
  };
  return { ...cell, metadata: { ...cell.metadata, nbgrader } };
}

const DATA_PATHS: Record<NotebookKind, string> = {
  exercises: "../data/Iris.csv",
  solutions: "../../data/Iris.csv",
  nbgrader: "Iris.csv",
};

/** The body of an exercise's function in each notebook. */
function exerciseBody(kind: NotebookKind, exercise: Exercise): string {
  if (kind === "solutions") return exercise.solution;
  if (kind === "exercises") return `  ${exercise.stubHint}\n  return notDone();`;
  // nbgrader's ClearSolutions puts ClearSolutions.code_stub (nbgrader_config.py) in its place.
  return `  ${exercise.stubHint}\n  // BEGIN SOLUTION\n${exercise.solution}\n  // END SOLUTION`;
}

/** Under nbgrader a check is strict: after showing ✗ or "not done yet" it fails the cell. */
function checkSource(kind: NotebookKind, exercise: Exercise): string {
  return kind === "nbgrader"
    ? exercise.check.replace(/\);$/, ", { strict: true });")
    : exercise.check;
}

export function notebookCells(kind: NotebookKind): GeneratedCell[] {
  const dataPath = DATA_PATHS[kind];
  const cells: GeneratedCell[] = [
    markdown("intro", INTRO[kind]),
    code("imports", IMPORTS),
    markdown(
      "data-text",
      `## The data and the starting weights, as in the lesson

The three flowers at positions 1, 51 and 101 of the Iris data (one per species), their one-hot labels $y$, and $N$, the number of elements of $y$.`,
    ),
    code(
      "data",
      `const dataPath = "${dataPath}";
const iris = loadIris(dataPath);
const positions = [1, 51, 101];
const x = matrix(selectRows(iris.features, positions));
const y = matrix(oneHot(selectRows(iris.species, positions)).y);
const N = size(y);
show(x, "x");
show(y, "y");
show(N, "N");`,
    ),
    markdown(
      "parameters-text",
      "The hyperparameters of the lesson (the checks always use these values: seed 10, 2 hidden nodes, learning rate 0.1).",
    ),
    code(
      "parameters",
      `let learningRate = 0.1;
let nInput = 4;
let nHidden = 2;
let nOutput = 3;
let seed = 10;`,
      ["parameters"],
    ),
    markdown(
      "weights-text",
      "The starting weights: NumPy's generator with `seed`, then two draws from a normal distribution with standard deviation 0.5.",
    ),
    code(
      "weights",
      `const random = new RandomState(seed);
const weights1 = matrix(random.normal(0, 0.5, [nInput, nHidden]));
const weights2 = matrix(random.normal(0, 0.5, [nHidden, nOutput]));
show(weights1, "weights1");
show(weights2, "weights2");`,
    ),
  ];
  for (const exercise of EXERCISES) {
    if (exercise.setup) {
      if (exercise.setup.markdown) {
        cells.push(markdown(`${exercise.setup.id}-text`, exercise.setup.markdown));
      }
      cells.push(code(exercise.setup.id, exercise.setup.source));
    }
    cells.push(markdown(`task-${exercise.id}`, exercise.task));
    const body = exerciseBody(kind, exercise);
    cells.push(code(`exercise-${exercise.id}`, `${exercise.signature}\n${body}\n}`, ["exercise"]));
    cells.push(code(`check-${exercise.id}`, checkSource(kind, exercise), ["check"]));
  }
  cells.push(
    markdown(
      "summary-text",
      "## Where you are\n\nEvery exercise's state, from the checks run above (run the whole notebook to refresh it).",
    ),
    code("summary", "exercises.summary();", ["check"]),
  );
  return kind === "nbgrader" ? cells.map(withNbgrader) : cells;
}

/** The notebook as nbformat 4.5 JSON, without outputs (executing it adds them). */
export function notebookJson(kind: NotebookKind): object {
  return {
    cells: notebookCells(kind).map((cell) =>
      cell.cell_type === "code"
        ? { ...cell, execution_count: null, outputs: [], source: cell.source }
        : cell,
    ),
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
        version: "3.7.2",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

if (require.main === module) {
  const root = join(__dirname, "..");
  for (const kind of ["exercises", "solutions", "nbgrader"] as const) {
    const path = join(root, NOTEBOOK_PATHS[kind]);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(notebookJson(kind), null, 1) + "\n");
    console.log(`wrote ${NOTEBOOK_PATHS[kind]}`);
  }
  copyFileSync(join(root, NBGRADER_DATA.from), join(root, NBGRADER_DATA.to));
  console.log(`wrote ${NBGRADER_DATA.to}`);
}

/**
 * The nbgrader course (nbgrader/) with the real nbgrader and the patched tslab kernel, on a
 * copy (test/support/nbgrader_course.py): generate_assignment releases stubs and no solutions;
 * autograde gives a solved submission full marks; a submission with some of the usual mistakes
 * loses exactly those checks' points and generate_feedback shows each diagnosis; a submission
 * whose exercise cell does not compile is graded without a crash. The feedback page of the
 * mistakes is screenshotted in headless Chromium.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { notebookCells } from "../../scripts/exercise-notebooks";
import { EXERCISES, type ExerciseId } from "../../lib/exercises/steps";
import { repoRoot, runPythonJson } from "../support/python";

const outDir = join(repoRoot, "test-results", "nbgrader");

interface StudentResult {
  score: number;
  maxScore: number;
  scores: Record<string, [number, number]>;
  errors: Record<string, { ename: string; evalue: string }>;
  feedbackText: string;
  feedbackPath: string;
}
interface CourseResult {
  release: { files: string[]; exercises: Record<string, string> };
  students: Record<string, StudentResult>;
}

const ALL = EXERCISES.map((e) => e.id);
const solvedAll = Object.fromEntries(ALL.map((id) => [id, "solution"]));

/** The usual mistakes, as a learner writes them, and the start of the cause the check names. */
const MISTAKES: Partial<Record<ExerciseId, { code: string; cause: string }>> = {
  sigmoid: {
    code: `function mySigmoid(z: Matrix): Matrix {
  return matrix(toRows(z).map((row) => row.map((value) => 1 / (1 + Math.exp(value)))));
}`,
    cause: "the sign in the exponent is flipped",
  },
  outputLayer: {
    code: `function outputLayer(y: Matrix, outputLayerInputs: Matrix, outputLayerOutputs: Matrix): OutputLayer {
  const outputLayerError = subtract(outputLayerOutputs, y);
  return { outputLayerError, outputLayerDelta: outputLayerError };
}`,
    cause: "σ′ missing: the delta is the error times",
  },
  weightUpdates: {
    code: `function weightUpdates(
  x: Matrix, y: Matrix, hiddenLayerOutputs: Matrix, outputLayerDelta: Matrix, hiddenLayerDelta: Matrix,
): WeightUpdates {
  const N = shape(y)[0];
  return {
    weights1Update: divide(dot(transpose(x), hiddenLayerDelta), N),
    weights2Update: divide(dot(transpose(hiddenLayerOutputs), outputLayerDelta), N),
  };
}`,
    cause: "÷ rows instead of ÷ elements",
  },
  gradientStep: {
    code: `function gradientStep(
  weights1: Matrix, weights2: Matrix, weights1Update: Matrix, weights2Update: Matrix, learningRate: number,
): UpdatedWeights {
  return {
    weights1: add(weights1, multiply(learningRate, weights1Update)),
    weights2: add(weights2, multiply(learningRate, weights2Update)),
  };
}`,
    cause: "the update added instead of subtracted",
  },
};
const mistaken = Object.keys(MISTAKES) as ExerciseId[];

/** The solution's loop chains the learner's functions; this one, the library's trainingStep. */
const LIBRARY_LOOP = `function trainingLoop(
  x: Matrix, y: Matrix, weights1: Matrix, weights2: Matrix, learningRate: number, epochs: number,
): number[] {
  const history: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = trainingStep(x, y, weights1, weights2, learningRate);
    history.push(sum(square(subtract(step.outputLayerOutputs, y))) / (2 * size(y)));
    weights1 = step.weights1;
    weights2 = step.weights2;
  }
  return history;
}`;

/** The full cause the library gives for a mistake, found by its start. */
function causeText(id: ExerciseId, start: string): string {
  const spec = EXERCISES.find((e) => e.id === id)!;
  const causes = Object.keys(spec.mistakes).filter((cause) => cause.startsWith(start));
  assert.equal(causes.length, 1, `${id}: no single mistake starting with "${start}"`);
  return causes[0];
}

describe("nbgrader course: generate_assignment, autograde, generate_feedback", () => {
  let course: CourseResult;
  before(() => {
    mkdirSync(outDir, { recursive: true });
    const submissions = {
      solved: solvedAll,
      // With these mistakes the solution's loop would fail too: it uses the library's step.
      mistakes: {
        ...solvedAll,
        ...Object.fromEntries(mistaken.map((id) => [id, MISTAKES[id]!.code])),
        trainingLoop: LIBRARY_LOOP,
      },
      // The sigmoid cell does not compile; everything else is solved.
      broken: {
        ...solvedAll,
        sigmoid: "function mySigmoid(z: Matrix): Matrix {\n  return z +;\n}",
      },
    };
    const spec = join(outDir, "submissions.json");
    writeFileSync(spec, JSON.stringify(submissions));
    course = runPythonJson<CourseResult>("test/support/nbgrader_course.py", [spec, outDir]);
  });

  it("releases the notebook and Iris.csv; each exercise is the exercise notebook's stub", () => {
    assert.deepEqual(course.release.files, ["13-exercises.ipynb", "Iris.csv"]);
    const stubs = notebookCells("exercises").filter((c) => c.metadata.tags?.includes("exercise"));
    assert.equal(Object.keys(course.release.exercises).length, ALL.length);
    for (const stub of stubs) {
      const released = course.release.exercises[stub.id.replace("exercise-", "")];
      assert.equal(released, stub.source, stub.id);
      assert.doesNotMatch(released, /SOLUTION/);
    }
  });

  it("gives a solved submission full marks, one point per check", () => {
    const solved = course.students.solved;
    assert.equal(solved.maxScore, ALL.length);
    assert.equal(solved.score, solved.maxScore, JSON.stringify(solved.errors));
    assert.deepEqual(solved.errors, {});
  });

  it("takes exactly the points of the checks with a mistake, each failing with its diagnosis", () => {
    const student = course.students.mistakes;
    for (const id of ALL) {
      const [score, max] = student.scores[`check-${id}`];
      assert.equal(score, mistaken.includes(id) ? 0 : max, `check-${id}`);
    }
    assert.equal(student.score, ALL.length - mistaken.length);
    assert.deepEqual(
      Object.keys(student.errors).sort(),
      mistaken.map((id) => `check-${id}`).sort(),
    );
    for (const id of mistaken) {
      const error = student.errors[`check-${id}`];
      assert.equal(error.ename, "ExerciseError");
      assert.ok(
        error.evalue.includes(`likely cause: ${causeText(id, MISTAKES[id]!.cause)}`),
        error.evalue,
      );
    }
  });

  it("generate_feedback shows each diagnosis in the student's feedback", () => {
    const text = course.students.mistakes.feedbackText.replace(/\s+/g, " ");
    for (const id of mistaken) {
      const cause = causeText(id, MISTAKES[id]!.cause).replace(/\s+/g, " ");
      assert.ok(text.includes(cause), `feedback lacks the cause for ${id}: ${cause}`);
    }
    const total = new RegExp(
      `Score: ${ALL.length - mistaken.length}(\\.0)? / ${ALL.length}(\\.0)?\\)`,
    );
    assert.ok(total.test(text), `no total score ${total} in the feedback`);
  });

  it("grades a submission whose exercise cell does not compile, without a crash", () => {
    const broken = course.students.broken;
    assert.equal(broken.errors["exercise-sigmoid"].ename, "TypeScriptError");
    assert.match(broken.errors["exercise-sigmoid"].evalue, /^2:\d+ - Expression expected\.$/);
    assert.equal(broken.scores["check-sigmoid"][0], 0);
    assert.equal(broken.score, ALL.length - 1, JSON.stringify(broken.errors));
  });

  it("the feedback page of the mistakes opens in Chromium (screenshot)", async () => {
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
      // The page asks a CDN for MathJax; offline, nothing leaves the machine.
      await page.route(/^https?:/, (route) => route.abort());
      await page.goto(`file://${course.students.mistakes.feedbackPath}`, {
        waitUntil: "domcontentloaded",
      });
      // The output layer's ✗: the task, the answer, the failed grade cell and its diagnosis.
      const task = page.locator("h2", { hasText: "Exercise 3" });
      await task.evaluate((element) => element.scrollIntoView({ block: "start" }));
      const cause = page.locator("b", { hasText: "likely cause" }).nth(1);
      assert.ok(await cause.isVisible(), "the diagnosis is not on screen");
      await page.screenshot({ path: join(outDir, "feedback-mistakes.png") });
    } finally {
      await browser.close();
    }
  });
});

/**
 * Runs a learner's function on every case and says what is wrong: the first wrong output (its
 * shape, or its first differing element) and the likely cause, found by comparing the answer
 * with the usual wrong formulas. Pure: nothing is displayed here.
 */
import { formatShape } from "../checks";
import { formatNumber } from "../display/show";
import type { Case } from "./cases";
import { firstDifference, matches, sameShape, shapeOf, type Grid } from "./compare";
import { isNotDone } from "./notDone";
import {
  callWith,
  freshArguments,
  normalise,
  referenceAnswer,
  type Answer,
  type ExerciseSpec,
  type LoopCase,
  type Mistake,
} from "./steps";

export type Verdict =
  | { state: "passed"; cases: string[] }
  | { state: "notDone" }
  | { state: "failed"; where: string; problem: string; cause: string | null; hint: string | null };

type Attempt =
  | { kind: "notDone" }
  | { kind: "threw"; message: string }
  | { kind: "bad"; problem: string }
  | { kind: "answer"; answer: Answer };

/** The first line of whatever was thrown (errors from tslab's vm realm are not `instanceof`). */
export function firstLineOf(error: unknown): string {
  let text: string;
  if (error !== null && typeof error === "object" && "message" in error) {
    const name = "name" in error && typeof error.name === "string" ? error.name : "Error";
    text = `${name}: ${String(error.message)}`;
  } else {
    text = String(error);
  }
  return text.split("\n")[0].trim();
}

type AnyFunction = (...args: never[]) => unknown;

function attempt(spec: ExerciseSpec, f: AnyFunction, c: Case): Attempt {
  // Prepared outside the try: only what the learner's function throws counts as theirs.
  const args = freshArguments(spec.args(c));
  let value: unknown;
  try {
    value = (f as (...a: unknown[]) => unknown)(...args);
  } catch (error) {
    return isNotDone(error) ? { kind: "notDone" } : { kind: "threw", message: firstLineOf(error) };
  }
  const answer = normalise(spec, value);
  return typeof answer === "string" ? { kind: "bad", problem: answer } : { kind: "answer", answer };
}

interface Wrong {
  key: string;
  problem: string;
  shapeMismatch: boolean;
}

function digitsFor(expected: number, got: number): number {
  return Math.abs(expected - got) < 1e-6 * Math.abs(expected) ? 17 : 10;
}

function describeDifference(spec: ExerciseSpec, key: string, expected: Grid, got: Grid): Wrong {
  const exp = shapeOf(expected);
  const have = shapeOf(got);
  if (spec.kind === "list" && !sameShape(expected, got)) {
    return {
      key,
      shapeMismatch: true,
      problem: `your function returned ${have[1]} values, expected ${exp[1]} (one MSE per epoch)`,
    };
  }
  if (!sameShape(expected, got)) {
    return {
      key,
      shapeMismatch: true,
      problem: `${key} has shape ${formatShape(have)}, expected ${formatShape(exp)}`,
    };
  }
  const d = firstDifference(expected, got)!;
  const digits = digitsFor(d.expected, d.got);
  const values = `expected ${formatNumber(d.expected, digits)}, got ${formatNumber(d.got, digits)}`;
  if (spec.kind === "number") return { key, shapeMismatch: false, problem: `${key}: ${values}` };
  if (spec.kind === "list") {
    return { key, shapeMismatch: false, problem: `epoch ${d.column + 1}: ${values}` };
  }
  return {
    key,
    shapeMismatch: false,
    problem: `${key}, first difference at row ${d.row}, column ${d.column}: ${values}`,
  };
}

function firstWrong(spec: ExerciseSpec, expected: Answer, got: Answer): Wrong | null {
  for (const key of spec.keys) {
    if (!matches(expected[key], got[key])) {
      return describeDifference(spec, key, expected[key], got[key]);
    }
  }
  return null;
}

/** A wrong formula's value of `key` on a case; null when it does not even fit the shapes. */
function mistakeValue(spec: ExerciseSpec, mistake: Mistake, c: Case, key: string): Grid | null {
  try {
    const answer = normalise(spec, callWith(mistake.answer, spec.args(c)));
    return typeof answer === "string" ? null : answer[key];
  } catch {
    return null;
  }
}

const isShort = (c: Case) => ((c as LoopCase).epochs ?? 0) <= 50;

/**
 * The usual mistake whose formula gives the learner's `key` on this case. When several do
 * (÷ rows and ÷ columns agree on a 3 × 3 y), the other cases decide between them.
 */
function explain(
  spec: ExerciseSpec,
  f: AnyFunction,
  cases: readonly Case[],
  c: Case,
  key: string,
  got: Grid,
): string | null {
  let candidates = spec.mistakes.filter((m) => {
    const value = mistakeValue(spec, m, c, key);
    return value !== null && matches(value, got);
  });
  for (const other of cases) {
    if (candidates.length < 2) break;
    if (other === c || !isShort(other)) continue;
    const run = attempt(spec, f, other);
    if (run.kind !== "answer") continue;
    const agree = candidates.filter((m) => {
      const value = mistakeValue(spec, m, other, key);
      return value !== null && matches(value, run.answer[key]);
    });
    if (agree.length > 0) candidates = agree;
  }
  return candidates[0]?.cause ?? null;
}

/**
 * When the answer threw or had the wrong shape, the same function on another case (above all
 * the square network, where swaps and missing transposes fit) often gives numbers that one of
 * the usual mistakes explains. Long training runs are left out: short ones show the same.
 */
function explainElsewhere(
  spec: ExerciseSpec,
  f: AnyFunction,
  cases: readonly Case[],
  skip: Case,
): string | null {
  for (const c of [...cases].reverse()) {
    if (c === skip || !isShort(c)) continue;
    const run = attempt(spec, f, c);
    if (run.kind !== "answer") continue;
    const wrong = firstWrong(spec, referenceAnswer(spec, c), run.answer);
    if (wrong === null) continue;
    const cause = explain(spec, f, cases, c, wrong.key, run.answer[wrong.key]);
    if (cause !== null) return cause;
  }
  return null;
}

/** Which shapes the inputs have, and whether the answer is the transposed shape. */
function shapeHint(spec: ExerciseSpec, c: Case, expected: Grid, got: Grid): string {
  const [e, g] = [shapeOf(expected), shapeOf(got)];
  const inputs = spec
    .args(c)
    .filter(([, v]) => typeof v !== "number")
    .map(([name, v]) => `${name} ${formatShape((v as { size(): number[] }).size())}`)
    .join(", ");
  if (e[0] === g[1] && e[1] === g[0] && e[0] !== e[1]) {
    return (
      "the shape is the transpose of the expected one: a transpose is missing or extra, " +
      `or the two factors of a product are in the wrong order (the inputs: ${inputs})`
    );
  }
  return `check which input gives the rows and which the columns (the inputs: ${inputs})`;
}

/** Checks `f` on every case, in order; the first case it fails on is the one reported. */
export function runCheck(spec: ExerciseSpec, f: AnyFunction, cases: readonly Case[]): Verdict {
  for (const c of cases) {
    const run = attempt(spec, f, c);
    if (run.kind === "notDone") return { state: "notDone" };
    if (run.kind === "threw") {
      return {
        state: "failed",
        where: c.label,
        problem: `your function threw ${run.message}`,
        cause: explainElsewhere(spec, f, cases, c),
        hint: null,
      };
    }
    if (run.kind === "bad") {
      return { state: "failed", where: c.label, problem: run.problem, cause: null, hint: null };
    }
    const expected = referenceAnswer(spec, c);
    const wrong = firstWrong(spec, expected, run.answer);
    if (wrong === null) continue;
    const got = run.answer[wrong.key];
    const cause = explain(spec, f, cases, c, wrong.key, got) ?? explainElsewhere(spec, f, cases, c);
    const hint =
      wrong.shapeMismatch && spec.kind !== "list" && cause === null
        ? shapeHint(spec, c, expected[wrong.key], got)
        : null;
    return { state: "failed", where: c.label, problem: wrong.problem, cause, hint };
  }
  return { state: "passed", cases: cases.map((c) => c.label) };
}

export type { LoopCase };

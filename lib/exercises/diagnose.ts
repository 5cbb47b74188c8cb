/**
 * Runs a learner's function on every case and says what is wrong: the first wrong output (its
 * shape, or its first differing element) and the likely cause, found by comparing the answer
 * with the usual wrong formulas. Pure: nothing is displayed here.
 */
import { formatNumber, formatShape } from "../format";
import { matrix, toRows } from "../linalg/matrix";
import type { Case } from "./cases";
import { firstDifference, matches, normalise, sameShape, shapeOf, type Answer } from "./compare";
import { argumentsOf, type ExerciseSpec } from "./steps";

/**
 * The marker an exercise stub returns. `notDone()` has type `never`, so `return notDone();`
 * type-checks in a function of any return type; at run time it throws NotDone, which the
 * checks catch and show as "not done yet" (never as a failure).
 */
class NotDone extends Error {
  constructor() {
    super("not done yet: replace `return notDone();` with your code");
    this.name = "NotDone";
  }
}

/** What an exercise's stub returns until the learner writes the answer. */
export function notDone(): never {
  throw new NotDone();
}

/** True for the marker (also when it crossed a realm boundary, as in tslab's vm contexts). */
function isNotDone(error: unknown): boolean {
  return error instanceof NotDone || (error instanceof Error && error.name === "NotDone");
}

export type Verdict =
  | { state: "passed"; cases: string[] }
  | { state: "notDone" }
  | { state: "failed"; where: string; problem: string; cause: string | null; hint: string | null };

/** A ✗ verdict: where, what is wrong, and the likely cause or a hint when one is known. */
export function failed(
  where: string,
  problem: string,
  cause: string | null = null,
  hint: string | null = null,
): Verdict {
  return { state: "failed", where, problem, cause, hint };
}

export type AnyFunction = (...args: never[]) => unknown;

const call = (f: AnyFunction, args: unknown[]) => (f as (...a: unknown[]) => unknown)(...args);

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

/** What a check runs: an exercise, the learner's function and the cases. */
type Check = { spec: ExerciseSpec; f: AnyFunction; cases: readonly Case[] };

type Attempt = { answer: Answer } | { notDone: true } | { problem: string; threw?: true };

function attempt({ spec, f }: Check, c: Case): Attempt {
  // Fresh copies, so a learner who mutates an argument cannot spoil the next run; prepared
  // outside the try: only what the learner's function throws counts as theirs.
  const args = argumentsOf(spec, c).map((v) => (typeof v === "number" ? v : matrix(toRows(v))));
  let value: unknown;
  try {
    value = call(f, args);
  } catch (error) {
    if (isNotDone(error)) return { notDone: true };
    return { problem: `your function threw ${firstLineOf(error)}`, threw: true };
  }
  const answer = normalise(spec, value);
  return typeof answer === "string" ? { problem: answer } : { answer };
}

const expectedAnswer = (spec: ExerciseSpec, c: Case) =>
  normalise(spec, spec.reference?.(c) ?? c.step) as Answer;

/** The first output (in the lesson's order) that is wrong, and what is wrong with it. */
function firstWrong(
  spec: ExerciseSpec,
  expected: Answer,
  got: Answer,
): { key: string; problem: string } | null {
  const key = spec.keys.find((k) => !matches(expected[k], got[k]));
  if (key === undefined) return null;
  if (!sameShape(expected[key], got[key])) {
    const [want, have] = [shapeOf(expected[key]), shapeOf(got[key])];
    const problem =
      spec.kind === "list"
        ? `your function returned ${have[1]} values, expected ${want[1]} (one MSE per epoch)`
        : `${key} has shape ${formatShape(have)}, expected ${formatShape(want)}`;
    return { key, problem };
  }
  const d = firstDifference(expected[key], got[key])!;
  const digits = Math.abs(d.expected - d.got) < 1e-6 * Math.abs(d.expected) ? 17 : 10;
  const values = `expected ${formatNumber(d.expected, digits)}, got ${formatNumber(d.got, digits)}`;
  const where =
    spec.kind === "number"
      ? key
      : spec.kind === "list"
        ? `epoch ${d.column + 1}`
        : `${key}, first difference at row ${d.row}, column ${d.column}`;
  return { key, problem: `${where}: ${values}` };
}

/** Whether a wrong formula gives `got` as `key` on a case (not when it does not fit the shapes). */
function fits(spec: ExerciseSpec, formula: AnyFunction, c: Case, key: string, got: Answer) {
  try {
    const answer = normalise(spec, call(formula, argumentsOf(spec, c)));
    return typeof answer !== "string" && matches(answer[key], got[key]);
  } catch {
    return false;
  }
}

const isShort = (c: Case) => (c.epochs ?? 0) <= 50;

/**
 * The usual mistake whose formula gives the learner's `key` on this case. When several do
 * (÷ rows and ÷ columns agree on a 3 × 3 y), the other cases decide between them.
 */
function explain(check: Check, c: Case, key: string, got: Answer): string | null {
  const { spec, cases } = check;
  let candidates = Object.entries(spec.mistakes).filter(([, m]) => fits(spec, m, c, key, got));
  for (const other of cases) {
    if (candidates.length < 2) break;
    if (other === c || !isShort(other)) continue;
    const run = attempt(check, other);
    if (!("answer" in run)) continue;
    const agree = candidates.filter(([, m]) => fits(spec, m, other, key, run.answer));
    if (agree.length > 0) candidates = agree;
  }
  return candidates[0]?.[0] ?? null;
}

/**
 * When the answer threw or had the wrong shape, the same function on another case (above all
 * the square network, where swaps and missing transposes fit) often gives numbers that one of
 * the usual mistakes explains. Long training runs are left out: short ones show the same.
 */
function explainElsewhere(check: Check, skip: Case): string | null {
  for (const c of [...check.cases].reverse()) {
    if (c === skip || !isShort(c)) continue;
    const run = attempt(check, c);
    if (!("answer" in run)) continue;
    const wrong = firstWrong(check.spec, expectedAnswer(check.spec, c), run.answer);
    const cause = wrong && explain(check, c, wrong.key, run.answer);
    if (cause) return cause;
  }
  return null;
}

/** Which shapes the inputs have, and whether the answer is the transposed shape. */
function shapeHint(spec: ExerciseSpec, c: Case, want: number[], have: number[]): string {
  const inputs = argumentsOf(spec, c)
    .flatMap((v, i) => (typeof v === "number" ? [] : [`${spec.names[i]} ${formatShape(v.size())}`]))
    .join(", ");
  if (want[0] === have[1] && want[1] === have[0] && want[0] !== want[1]) {
    return (
      "the shape is the transpose of the expected one: a transpose is missing or extra, " +
      `or the two factors of a product are in the wrong order (the inputs: ${inputs})`
    );
  }
  return `check which input gives the rows and which the columns (the inputs: ${inputs})`;
}

/** Checks `f` on every case, in order; the first case it fails on is the one reported. */
export function runCheck(spec: ExerciseSpec, f: AnyFunction, cases: readonly Case[]): Verdict {
  const check = { spec, f, cases };
  for (const c of cases) {
    const run = attempt(check, c);
    if ("notDone" in run) return { state: "notDone" };
    if ("problem" in run) {
      return failed(c.label, run.problem, run.threw ? explainElsewhere(check, c) : null);
    }
    const expected = expectedAnswer(spec, c);
    const wrong = firstWrong(spec, expected, run.answer);
    if (wrong === null) continue;
    const cause = explain(check, c, wrong.key, run.answer) ?? explainElsewhere(check, c);
    const [want, have] = [expected[wrong.key], run.answer[wrong.key]];
    const hint =
      spec.kind !== "list" && cause === null && !sameShape(want, have)
        ? shapeHint(spec, c, shapeOf(want), shapeOf(have))
        : null;
    return failed(c.label, wrong.problem, cause, hint);
  }
  return { state: "passed", cases: cases.map((c) => c.label) };
}

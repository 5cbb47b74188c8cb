/**
 * The marker an exercise stub returns. `notDone()` has type `never`, so `return notDone();`
 * type-checks in a function of any return type; at run time it throws NotDone, which the
 * checks catch and show as "not done yet" (never as a failure).
 */
export class NotDone extends Error {
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
export function isNotDone(error: unknown): boolean {
  return error instanceof NotDone || (error instanceof Error && error.name === "NotDone");
}

/**
 * How the library writes values for a reader: numbers, shapes, counts and text in HTML. Shared
 * by the error messages, `show`, the figures and the exercise checks, so a value reads the same
 * wherever it appears.
 */

/** A value rounded to `digits` significant digits (figures' JSON, printed numbers). */
export function roundSignificant(value: number, digits = 8): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** A number the way a learner reads it: up to `digits` significant digits, no noise. */
export function formatNumber(value: number, digits = 8): string {
  return String(roundSignificant(value, digits));
}

/** "0.6308": an accuracy, to four decimals (a hundredth of a percent). */
export function formatAccuracy(value: number): string {
  return value.toFixed(4);
}

/** "1.2 s", "2 min 05 s", "3 h 07 min" */
export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes >= 60) {
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
  }
  return `${minutes} min ${String(Math.floor(seconds - 60 * minutes)).padStart(2, "0")} s`;
}

/** "1.23e-7": errors and tolerances, three significant digits. */
export function formatScientific(value: number): string {
  return Number.isFinite(value) ? value.toExponential(2) : String(value);
}

/** "4,000": a count with thousands separated. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "(3,4)", the way NumPy prints a shape. */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(",")})`;
}

/** "1 epoch", "2 epochs" */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A value as an error message shows it: strings quoted and marked (not the number 5.1). */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `${JSON.stringify(value)} (a string)`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return String(value);
}

/** Text safe inside an HTML element. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

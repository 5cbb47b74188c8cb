/**
 * A value as an error message should show it: strings quoted and marked (so "5.1" is not
 * mistaken for the number 5.1), arrays and objects by kind.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `${JSON.stringify(value)} (a string)`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return String(value);
}

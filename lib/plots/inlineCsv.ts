/**
 * A dataset as one CSV string for a Vega-Lite spec. Notebooks store a JSON object per field on
 * its own line, so rows of objects cost several times their content; one string does not.
 * Every field is parsed back to its type (numbers, or text kept as written, e.g. "0.80309835").
 */

export type CsvFieldType = "number" | "string";

/** Quotes a field when CSV needs it (comma, quote or newline inside). */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows' `fields` as CSV text, and the format that reads them back with their types. */
export function inlineCsv<T extends object>(
  rows: readonly T[],
  fields: Readonly<Partial<Record<keyof T & string, CsvFieldType>>>,
): { values: string; format: { type: "csv"; parse: Record<string, CsvFieldType> } } {
  const names = Object.keys(fields) as (keyof T & string)[];
  const lines = rows.map((row) => names.map((name) => csvField(row[name])).join(","));
  return {
    values: [names.join(","), ...lines].join("\n"),
    format: { type: "csv", parse: { ...(fields as Record<string, CsvFieldType>) } },
  };
}

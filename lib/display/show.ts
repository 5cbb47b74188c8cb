import { isMatrix } from "mathjs";
import { ParameterError } from "../errors";
import { escapeHtml, formatNumber, formatScientific, formatShape } from "../format";
import type { Matrix, Rows } from "../linalg/matrix";
import { checkRows } from "../validation";
import { sendBundle } from "./kernel";

/** A value `show` can display. */
export type Showable =
  | Matrix
  | Rows
  | readonly number[]
  | readonly string[]
  | number
  | boolean
  | string;

/** Above this many elements a matrix is summarised, as NumPy's print threshold does. */
const THRESHOLD = 1000;
/** Rows and columns kept at each edge of a summarised matrix (NumPy's edgeitems). */
const EDGE = 3;

const rowsOf = (value: Matrix | Rows) => (isMatrix(value) ? value.valueOf() : value) as Rows;

/** Positions to print along one axis: all, or the first and last EDGE with a gap (-1). */
function kept(length: number, summarise: boolean): number[] {
  if (!summarise || length <= 2 * EDGE) return Array.from({ length }, (_, i) => i);
  const tail = Array.from({ length: EDGE }, (_, i) => length - EDGE + i);
  return [...Array.from({ length: EDGE }, (_, i) => i), -1, ...tail];
}

/**
 * The cells to print, as text: every one, or for more than THRESHOLD elements the edge rows and
 * columns with "…" between them. Reads the matrix in place, so a 4 × 1 000 000 matrix costs
 * only the printed cells.
 */
function cellTexts(rows: Rows, digits: number): string[][] {
  const summarise = rows.length * rows[0].length > THRESHOLD;
  const columns = kept(rows[0].length, summarise);
  return kept(rows.length, summarise).map((i) =>
    columns.map((j) => (i < 0 || j < 0 ? "…" : formatNumber(rows[i][j], digits))),
  );
}

/** Each row's cells padded to their column's width, two spaces apart. */
export function alignColumns(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c].length))) ?? [];
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  "));
}

/** "name  shape (3,2)" followed by right-aligned columns. */
function matrixText(rows: Rows, name: string, digits = 8): string {
  const cells = cellTexts(rows, digits);
  const width = Math.max(0, ...cells.flat().map((cell) => cell.length));
  const lines = cells.map((row) => "  " + row.map((c) => c.padStart(width)).join("  "));
  return [`${name}  shape ${formatShape([rows.length, rows[0].length])}`, ...lines].join("\n");
}

/** A small HTML table captioned with the matrix's name and shape. */
function matrixHtml(rows: Rows, name: string, digits = 8): string {
  const body = cellTexts(rows, digits)
    .map(
      (row) =>
        `<tr>${row.map((c) => `<td style="text-align:right">${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("");
  return (
    `<table><caption style="text-align:left"><code>${escapeHtml(name)}</code> ` +
    `shape ${formatShape([rows.length, rows[0].length])}</caption><tbody>${body}</tbody></table>`
  );
}

/** A matrix, an array, a number, a string or a boolean. */
function checkShowable(value: unknown): void {
  const plain = ["number", "string", "boolean"].includes(typeof value);
  if (!plain && !isMatrix(value) && !Array.isArray(value)) {
    throw new ParameterError(`show: cannot display ${Object.prototype.toString.call(value)}`);
  }
}

/**
 * Displays a value under its name: a matrix (or rows of numbers) as a table with its shape, a
 * number with its full precision, a list or anything else as text. Each call is one output.
 */
export function show(value: Showable, name = ""): void {
  checkShowable(value);
  if (isMatrix(value) || (Array.isArray(value) && Array.isArray(value[0]))) {
    const rows = rowsOf(value as Matrix | Rows);
    checkRows(rows, name || "show");
    const label = name || "matrix";
    sendBundle({ "text/html": matrixHtml(rows, label), "text/plain": matrixText(rows, label) });
    return;
  }
  let text: string;
  if (typeof value === "number") text = formatNumber(value, 17);
  else if (Array.isArray(value)) {
    const items = value as readonly (number | string)[];
    const shown =
      items.length > THRESHOLD ? [...items.slice(0, EDGE), "…", ...items.slice(-EDGE)] : items;
    text = shown.map((v) => (typeof v === "number" ? formatNumber(v, 17) : String(v))).join(", ");
  } else text = String(value);
  sendBundle({ "text/plain": name ? `${name} = ${text}` : text });
}

/**
 * Compares two sets of matrices name by name and shows a table: "identical" when every element
 * is the same double, otherwise the largest difference. Names missing on one side are listed.
 */
export function showComparison<K extends string>(
  expected: { readonly [name in K]: Matrix | Rows },
  actual: { readonly [name in K]?: Matrix | Rows },
): void {
  const lines = (Object.keys(expected) as K[]).map((name) => {
    const right = actual[name];
    if (right === undefined) return [name, "", "missing"];
    const [a, b] = [rowsOf(expected[name]), rowsOf(right)];
    const [sa, sb] = [checkRows(a, name), checkRows(b, name)];
    if (sa[0] !== sb[0] || sa[1] !== sb[1]) {
      return [name, formatShape(sa), `shape ${formatShape(sb)} differs`];
    }
    let largest = 0;
    a.forEach((row, i) =>
      row.forEach((v, j) => (largest = Math.max(largest, Math.abs(v - b[i][j])))),
    );
    return [
      name,
      formatShape(sa),
      largest === 0 ? "identical" : `differs by up to ${formatScientific(largest)}`,
    ];
  });
  const html = lines
    .map((l) => `<tr>${l.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("");
  sendBundle({
    "text/html": `<table><thead><tr><th>matrix</th><th>shape</th><th>result</th></tr></thead><tbody>${html}</tbody></table>`,
    "text/plain": alignColumns(lines)
      .map((line) => line.trimEnd())
      .join("\n"),
  });
}

/**
 * Text and HTML renderings of matrices and numbers for the notebooks. Pure functions: the
 * display layer sends what they return.
 */
import type { Matrix } from "mathjs";
import { formatShape, shapeOf, toRows } from "../linalg";

/** A number the way a learner reads it: up to `digits` significant digits, no noise. */
export function formatNumber(value: number, digits = 8): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const text = value.toPrecision(digits);
  return text.includes("e") ? text : String(Number(text));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** "name  shape (3,2)" followed by right-aligned columns. */
export function matrixText(m: Matrix, name: string, digits = 8): string {
  const shape = shapeOf(m, name);
  const cells = toRows(m).map((row) => row.map((v) => formatNumber(v, digits)));
  const width = Math.max(...cells.flat().map((c) => c.length));
  const lines = cells.map((row) => "  " + row.map((c) => c.padStart(width)).join("  "));
  return [`${name}  shape ${formatShape(shape)}`, ...lines].join("\n");
}

/** A small HTML table captioned with the matrix's name and shape. */
export function matrixHtml(m: Matrix, name: string, digits = 8): string {
  const shape = shapeOf(m, name);
  const body = toRows(m)
    .map(
      (row) =>
        "<tr>" +
        row
          .map((v) => `<td style="text-align:right">${escapeHtml(formatNumber(v, digits))}</td>`)
          .join("") +
        "</tr>",
    )
    .join("");
  return (
    `<table><caption style="text-align:left"><code>${escapeHtml(name)}</code> ` +
    `shape ${formatShape(shape)}</caption><tbody>${body}</tbody></table>`
  );
}

import type { ColumnTable } from "arquero";
import { ParameterError } from "../errors";
import { sendBundle } from "./kernel";
import { formatNumber } from "../format";
import { alignColumns } from "./show";

/** A cell as a learner reads it: numbers to 6 significant digits (as pandas), missing as NaN. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "NaN";
  return typeof value === "number" ? formatNumber(value, 6) : String(value);
}

/**
 * Shows the first `rows` rows of an Arquero table, with its row numbers (from 0, as pandas'
 * index) and its size: an HTML table in JupyterLab, aligned text elsewhere.
 */
export function showTable(data: ColumnTable, rows = 5): void {
  if (typeof data?.columnNames !== "function") {
    throw new ParameterError("showTable: expected an Arquero table (from loadTitanic or arquero)");
  }
  const names = data.columnNames();
  const shown = data.objects({ limit: rows }) as Record<string, unknown>[];
  const body = shown.map((row, i) => [String(i), ...names.map((n) => cellText(row[n]))]);
  const size = `${data.numRows()} rows × ${names.length} columns`;
  const text = [...alignColumns([["", ...names], ...body]), size].join("\n");
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const html =
    `<table><thead><tr><th></th>${names.map((n) => `<th>${escape(n)}</th>`).join("")}</tr></thead>` +
    `<tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("")}` +
    `</tbody></table><p>${size}</p>`;
  sendBundle({ "text/html": html, "text/plain": text });
}

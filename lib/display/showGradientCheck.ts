import type { GradientCheckReport } from "../network/gradientCheck";
import { formatScientific as scientific } from "../format";
import { sendBundle } from "./kernel";
import { alignColumns } from "./show";

const HEADER = ["matrix", "shape", "max relative error", "result"];

const settings = (report: GradientCheckReport) =>
  `tolerance ${scientific(report.tolerance)}, ε = ${scientific(report.epsilon)}`;

/** The gradient check as a table: one row per weight matrix, max relative error, pass/fail. */
export function gradientCheckText(report: GradientCheckReport): string {
  const rows = report.rows.map((r) => [
    r.matrix,
    r.shape,
    scientific(r.maxRelativeError),
    r.passed ? "pass" : "FAIL",
  ]);
  const verdict = report.passed ? "backpropagation agrees with finite differences" : "MISMATCH";
  return [...alignColumns([HEADER, ...rows]), `${settings(report)}: ${verdict}`].join("\n");
}

function gradientCheckHtml(report: GradientCheckReport): string {
  const body = report.rows
    .map(
      (r) =>
        `<tr><td><code>${r.matrix}</code></td><td>${r.shape}</td>` +
        `<td style="text-align:right">${scientific(r.maxRelativeError)}</td>` +
        `<td>${r.passed ? "✅ pass" : "❌ fail"}</td></tr>`,
    )
    .join("");
  return (
    `<table><caption style="text-align:left">Gradient check (${settings(report)})</caption>` +
    `<thead><tr>${HEADER.map((h) => `<th>${h}</th>`).join("")}</tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

/** Shows a gradient-check report in the notebook. */
export function showGradientCheck(report: GradientCheckReport): void {
  sendBundle({ "text/html": gradientCheckHtml(report), "text/plain": gradientCheckText(report) });
}

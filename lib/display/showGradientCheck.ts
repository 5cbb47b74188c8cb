import type { GradientCheckReport } from "../train/gradientCheck";
import { escapeHtml, formatCount, formatScientific as scientific } from "../format";
import { sendBundle } from "./kernel";
import { alignColumns } from "./show";

const HEADER = ["matrix", "shape", "max relative error", "result"];

/** "W1: checked 200 of 4,000 weights, chosen at random", for each matrix checked on a sample. */
const sampled = (report: GradientCheckReport) =>
  report.rows
    .filter((r) => r.checked < r.weights)
    .map(
      (r) =>
        `${r.matrix}: checked ${formatCount(r.checked)} of ${formatCount(r.weights)} weights, chosen at random`,
    );

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
  return [
    ...alignColumns([HEADER, ...rows]),
    `${settings(report)}: ${verdict}`,
    ...sampled(report),
  ].join("\n");
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
    `<tbody>${body}</tbody></table>` +
    sampled(report)
      .map((line) => `<div>${escapeHtml(line)}</div>`)
      .join("")
  );
}

/** Shows a gradient-check report in the notebook. */
export function showGradientCheck(report: GradientCheckReport): void {
  sendBundle({ "text/html": gradientCheckHtml(report), "text/plain": gradientCheckText(report) });
}

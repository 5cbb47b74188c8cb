/**
 * How a check's verdict looks in the notebook: one HTML block (green ✓, red ✗, grey "not done
 * yet") with a text/plain twin for headless runs. Sent through the display layer.
 */
import { sendBundle } from "../display/kernel";
import type { Verdict } from "./diagnose";

export const SYMBOLS = { passed: "✓", failed: "✗", notDone: "○", notChecked: "·" } as const;
const COLOURS = { passed: "#2e7d32", failed: "#c62828", notDone: "#757575", notChecked: "#9e9e9e" };

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The verdict as lines: a headline, then the details. */
export function verdictLines(title: string, verdict: Verdict, note?: string): string[] {
  if (verdict.state === "notDone") {
    return [`${SYMBOLS.notDone} ${title}: not done yet (write your answer in the exercise cell)`];
  }
  if (verdict.state === "passed") {
    const random = verdict.cases.filter((c) => c.startsWith("a random network")).length;
    const others = verdict.cases.filter((c) => !c.startsWith("a random network"));
    const parts = [
      ...others.slice(0, 1),
      `${random} seeded random network${random === 1 ? "" : "s"}`,
    ];
    parts.push(...others.slice(1));
    const lines = [`${SYMBOLS.passed} ${title}: correct`];
    lines.push(`checked on ${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`);
    if (note) lines.push(note);
    return lines;
  }
  const lines = [`${SYMBOLS.failed} ${title}: not right yet`, `on ${verdict.where}:`];
  lines.push(verdict.problem);
  if (verdict.cause) lines.push(`likely cause: ${verdict.cause}`);
  if (verdict.hint) lines.push(`hint: ${verdict.hint}`);
  return lines;
}

function block(state: keyof typeof COLOURS, lines: string[], id: string): string {
  const [head, ...rest] = lines.map(escapeHtml);
  const details = rest
    .map((l) => {
      const m = /^(likely cause|hint): (.*)$/.exec(l);
      return `<div>${m ? `<b>${m[1]}:</b> ${m[2]}` : l}</div>`;
    })
    .join("");
  return (
    `<div class="backprop-exercise" data-exercise="${id}" data-state="${state}" ` +
    `style="border-left:4px solid ${COLOURS[state]};padding:2px 10px;margin:2px 0">` +
    `<div style="color:${COLOURS[state]};font-weight:bold">${head}</div>${details}</div>`
  );
}

export function showVerdict(id: string, title: string, verdict: Verdict, note?: string): void {
  const lines = verdictLines(title, verdict, note);
  sendBundle({
    "text/html": block(verdict.state, lines, id),
    "text/plain": [lines[0], ...lines.slice(1).map((l) => `  ${l}`)].join("\n"),
  });
}

export interface SummaryRow {
  id: string;
  title: string;
  state: keyof typeof COLOURS;
}

const WORDS = {
  passed: "correct",
  failed: "not right yet",
  notDone: "not done yet",
  notChecked: "not checked (run its check cell)",
};

/** Every exercise's state, in order, with the count of correct ones. */
export function summaryLines(rows: readonly SummaryRow[]): string[] {
  const done = rows.filter((r) => r.state === "passed").length;
  const width = Math.max(...rows.map((r) => r.title.length));
  return [
    `Exercises: ${done} of ${rows.length} correct`,
    ...rows.map((r) => `${SYMBOLS[r.state]} ${r.title.padEnd(width)}  ${WORDS[r.state]}`),
  ];
}

export function showSummary(rows: readonly SummaryRow[]): void {
  const lines = summaryLines(rows);
  const body = rows
    .map(
      (r) =>
        `<tr data-exercise="${r.id}" data-state="${r.state}"><td style="color:${COLOURS[r.state]}">` +
        `${SYMBOLS[r.state]}</td><td style="text-align:left">${escapeHtml(r.title)}</td>` +
        `<td style="text-align:left">${WORDS[r.state]}</td></tr>`,
    )
    .join("");
  sendBundle({
    "text/html":
      `<table class="backprop-exercise-summary"><caption style="text-align:left">` +
      `${escapeHtml(lines[0])}</caption><tbody>${body}</tbody></table>`,
    "text/plain": lines.join("\n"),
  });
}

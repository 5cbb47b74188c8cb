/**
 * How a check's verdict looks in the notebook: one HTML block (green ✓, red ✗, grey "not done
 * yet") with a text/plain twin for headless runs. Sent through the display layer.
 */
import { sendBundle } from "../display/kernel";
import { escapeHtml } from "../format";
import type { Verdict } from "./diagnose";

type State = Verdict["state"] | "notChecked";

/** Each state's symbol, colour and word in the summary. */
const LOOKS: Record<State, { symbol: string; colour: string; word: string }> = {
  passed: { symbol: "✓", colour: "#2e7d32", word: "correct" },
  failed: { symbol: "✗", colour: "#c62828", word: "not right yet" },
  notDone: { symbol: "○", colour: "#757575", word: "not done yet" },
  notChecked: { symbol: "·", colour: "#9e9e9e", word: "not checked (run its check cell)" },
};

/** The verdict as lines: a headline, then the details. */
export function verdictLines(title: string, verdict: Verdict, note?: string): string[] {
  const { symbol } = LOOKS[verdict.state];
  if (verdict.state === "notDone") {
    return [`${symbol} ${title}: not done yet (write your answer in the exercise cell)`];
  }
  if (verdict.state === "passed") {
    // The seeded random networks are counted, the other cases named (the tutorial first).
    const random = verdict.cases.filter((c) => c.startsWith("a random network")).length;
    const others = verdict.cases.filter((c) => !c.startsWith("a random network"));
    const parts = [
      ...others.slice(0, 1),
      `${random} seeded random network${random === 1 ? "" : "s"}`,
      ...others.slice(1),
    ];
    const checkedOn = `checked on ${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
    return [`${symbol} ${title}: correct`, checkedOn, ...(note ? [note] : [])];
  }
  return [
    `${symbol} ${title}: not right yet`,
    `on ${verdict.where}:`,
    verdict.problem,
    ...(verdict.cause ? [`likely cause: ${verdict.cause}`] : []),
    ...(verdict.hint ? [`hint: ${verdict.hint}`] : []),
  ];
}

export function showVerdict(id: string, title: string, verdict: Verdict, note?: string): void {
  const lines = verdictLines(title, verdict, note);
  const { colour } = LOOKS[verdict.state];
  const [head, ...rest] = lines.map(escapeHtml);
  const details = rest
    .map((line) => {
      const label = /^(likely cause|hint): (.*)$/.exec(line);
      return `<div>${label ? `<b>${label[1]}:</b> ${label[2]}` : line}</div>`;
    })
    .join("");
  sendBundle({
    "text/html":
      `<div class="backprop-exercise" data-exercise="${id}" data-state="${verdict.state}" ` +
      `style="border-left:4px solid ${colour};padding:2px 10px;margin:2px 0">` +
      `<div style="color:${colour};font-weight:bold">${head}</div>${details}</div>`,
    "text/plain": [lines[0], ...lines.slice(1).map((line) => `  ${line}`)].join("\n"),
  });
}

/** Every exercise's state, in order, with the count of correct ones. */
export function showSummary(rows: readonly { id: string; title: string; state: State }[]): void {
  const correct = rows.filter((row) => row.state === "passed").length;
  const caption = `Exercises: ${correct} of ${rows.length} correct`;
  const width = Math.max(...rows.map((row) => row.title.length));
  const body = rows
    .map(({ id, title, state }) => {
      const { symbol, colour, word } = LOOKS[state];
      return (
        `<tr data-exercise="${id}" data-state="${state}"><td style="color:${colour}">` +
        `${symbol}</td><td style="text-align:left">${escapeHtml(title)}</td>` +
        `<td style="text-align:left">${word}</td></tr>`
      );
    })
    .join("");
  const lines = rows.map(({ title, state }) => {
    const { symbol, word } = LOOKS[state];
    return `${symbol} ${title.padEnd(width)}  ${word}`;
  });
  sendBundle({
    "text/html":
      `<table class="backprop-exercise-summary"><caption style="text-align:left">` +
      `${escapeHtml(caption)}</caption><tbody>${body}</tbody></table>`,
    "text/plain": [caption, ...lines].join("\n"),
  });
}

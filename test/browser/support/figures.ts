/**
 * The figures of the network (part 13) and of what it learned (part 14), read as drawn: the
 * text and the marks of the Vega scenegraph JupyterLab's renderer drew (not the spec sent), and
 * driven as a learner does, through the figure's own radio buttons and select.
 */
import { join } from "node:path";
import type { LabPage } from "./lab-page";
import { cellName, type CellView, type NotebookView } from "./inspect";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DrawnFigure {
  /** Every text item of every text mark, in scenegraph order (titles, labels, values). */
  texts: string[];
  /** Items drawn per mark type (rect, symbol, rule, text, …). */
  counts: Record<string, number>;
}

const TARGET = "data-figure-under-test";

/**
 * Marks output `outputIndex` of cell `cellIndex` (the DOM node) as the figure under test, and
 * reads what its Vega view drew; null when no view is there yet.
 */
export async function drawnFigure(
  lab: LabPage,
  path: string,
  cellIndex: number,
  outputIndex: number,
): Promise<DrawnFigure | null> {
  return lab.page.evaluate(
    ({ path, cellIndex, outputIndex, target }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
      const widget = panel?.content.widgets[cellIndex]?.outputArea?.widgets[outputIndex];
      if (!widget) return null;
      document.querySelectorAll(`[${target}]`).forEach((n) => n.removeAttribute(target));
      widget.node.setAttribute(target, "");
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const children: any[] = widget.widgets ?? [];
      const view = children.find((w) => w?._result?.view)?._result?.view;
      if (!view) return null;
      const texts: string[] = [];
      const counts: Record<string, number> = {};
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const walk = (mark: any) => {
        for (const item of mark?.items ?? []) {
          counts[mark.marktype] = (counts[mark.marktype] ?? 0) + 1;
          if (mark.marktype === "text") {
            texts.push([item.text].flat().join(" "));
          }
          for (const child of item.items ?? []) walk(child);
        }
      };
      walk(view.scenegraph().root);
      return { texts, counts };
    },
    { path, cellIndex, outputIndex, target: TARGET },
  );
}

/** Clicks the figure's radio button `value` of parameter `name`, as a learner would. */
export async function clickRadio(lab: LabPage, name: string, value: string): Promise<void> {
  await lab.page
    .locator(`[${TARGET}] input[type="radio"][name="${name}"][value="${value}"]`)
    .check();
  await sleep(300);
}

/** Picks the option labelled `label` in the figure's select of parameter `name`. */
export async function pickOption(lab: LabPage, name: string, label: string): Promise<void> {
  await lab.page.locator(`[${TARGET}] select[name="${name}"]`).selectOption({ label });
  await sleep(300);
}

/**
 * A matrix as `show` printed it on the page (its table, read as text), the last one named
 * `name` above cell `before`: its rows of number texts.
 */
export function printedMatrix(view: NotebookView, name: string, before: number): string[][] {
  const shown = view.cells
    .filter((c) => c.index < before)
    .flatMap((c) => c.outputs)
    .filter((o) => new RegExp(`^${name}\\s+shape \\(\\d+,\\d+\\)`).test(o.text));
  const text = shown.at(-1)?.text;
  if (!text) return [];
  return text
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((row) => row.length > 0 && row[0] !== "");
}

/** The texts drawn contain `value` as a word (so "0.5" is not found inside "0.59"). */
const drawnValue = (figure: DrawnFigure, value: string) =>
  figure.texts.some((t) => t.split(/\s+/).includes(value));

/** The cell whose source starts with `start`. */
export function cellStarting(view: NotebookView, start: string): CellView | undefined {
  return view.cells.find((c) => c.source.startsWith(start));
}

/** The first Vega-Lite output of a cell. */
const vegaOutput = (cell: CellView) => cell.outputs.findIndex((o) => o.vega);

async function drawn(lab: LabPage, path: string, cell: CellView, output: number) {
  for (let i = 0; i < 20; i++) {
    const figure = await drawnFigure(lab, path, cell.index, output);
    if (figure && figure.texts.length > 0) return figure;
    await sleep(250);
  }
  throw new Error(`${path} ${cellName(cell)}: no drawn Vega view in output ${output}`);
}

/**
 * Part 13's network figures: the forward one shows the printed hiddenLayerOutputs and
 * outputLayerOutputs of row 0; in the backward one, the preset view shows row 0's deltas, the
 * flower select switches to row 2's deltas, the view radio to row 2's outputs with its label
 * y. Numbers are compared with the matrices `show` printed on the page. Leaves the backward
 * figure on the backward view of row 0 and returns its screenshot's path when `shot` is given.
 */
export async function networkFigureProblems(
  lab: LabPage,
  view: NotebookView,
  path: string,
  shot?: string,
): Promise<{ problems: string[]; screenshot?: string }> {
  const problems: string[] = [];
  const forwardCell = cellStarting(view, 'await plotNetwork("forward"');
  const backwardCell = cellStarting(view, 'await plotNetwork("backward"');
  const updateCell = cellStarting(view, 'await plotNetwork("update"');
  if (!forwardCell || !backwardCell || !updateCell) {
    return { problems: [`${path}: no plotNetwork cells for the three views`] };
  }
  const printed = (name: string) => printedMatrix(view, name, backwardCell.index);
  const [hOut, oOut, hDelta, oDelta, y] = [
    "hiddenLayerOutputs",
    "outputLayerOutputs",
    "hiddenLayerDelta",
    "outputLayerDelta",
    "y",
  ].map(printed);
  for (const [name, m] of Object.entries({ hOut, oOut, hDelta, oDelta, y })) {
    if (m.length === 0) problems.push(`${path}: no printed matrix for ${name} on the page`);
  }
  if (problems.length > 0) return { problems };
  const expectRow = (figure: DrawnFigure, matrix: string[][], row: number, what: string) => {
    const missing = matrix[row].filter((v) => !drawnValue(figure, v));
    if (missing.length > 0) {
      problems.push(
        `${what}: row ${row}'s ${missing.join(", ")} not drawn; drawn texts: ${figure.texts.slice(0, 40).join(" | ")}`,
      );
    }
  };

  await lab.scrollToCell(path, forwardCell.index, "start");
  const forward = await drawn(lab, path, forwardCell, vegaOutput(forwardCell));
  expectRow(forward, hOut, 0, "forward figure");
  expectRow(forward, oOut, 0, "forward figure");

  await lab.scrollToCell(path, backwardCell.index, "start");
  const at = `${path} ${cellName(backwardCell)}`;
  const output = vegaOutput(backwardCell);
  const preset = await drawn(lab, path, backwardCell, output);
  expectRow(preset, hDelta, 0, `${at} preset (backward, row 0)`);
  expectRow(preset, oDelta, 0, `${at} preset (backward, row 0)`);
  if (!preset.texts.some((t) => t.startsWith("backward, row 0"))) {
    problems.push(`${at}: the preset view does not say "backward, row 0"`);
  }

  const flowers = await lab.page
    .locator(`[${TARGET}] select[name="flower"] option`)
    .allTextContents();
  if (flowers.length !== hOut.length) {
    problems.push(
      `${at}: the flower select offers ${flowers.length} flowers, x has ${hOut.length} rows`,
    );
    return { problems };
  }
  await pickOption(lab, "flower", flowers[2]);
  const row2 = (await drawnFigure(lab, path, backwardCell.index, output))!;
  expectRow(row2, hDelta, 2, `${at} after picking ${flowers[2]}`);
  expectRow(row2, oDelta, 2, `${at} after picking ${flowers[2]}`);
  if (hDelta[0].every((v) => drawnValue(row2, v))) {
    problems.push(`${at}: row 0's deltas still drawn after picking ${flowers[2]}`);
  }

  await clickRadio(lab, "view", "forward");
  const forward2 = (await drawnFigure(lab, path, backwardCell.index, output))!;
  expectRow(forward2, hOut, 2, `${at} after clicking "forward"`);
  expectRow(forward2, oOut, 2, `${at} after clicking "forward"`);
  const labels = y[2].map((v) => `y = ${v}`);
  if (!labels.every((l) => forward2.texts.some((t) => t.includes(l)))) {
    problems.push(`${at}: the forward view does not show row 2's labels ${labels.join(", ")}`);
  }
  if (hDelta[2].some((v) => drawnValue(forward2, v))) {
    problems.push(`${at}: a delta is still drawn in the forward view`);
  }

  await lab.scrollToCell(path, updateCell.index, "start");
  const update = await drawn(lab, path, updateCell, vegaOutput(updateCell));
  if (!update.texts.some((t) => t.startsWith("update:"))) {
    problems.push(
      `${path} ${cellName(updateCell)}: the update figure does not open on the update view`,
    );
  }

  let screenshot: string | undefined;
  if (shot) {
    await lab.scrollToCell(path, backwardCell.index, "start");
    await drawnFigure(lab, path, backwardCell.index, output);
    await clickRadio(lab, "view", "backward");
    await pickOption(lab, "flower", flowers[0]);
    await lab.page.locator(`[${TARGET}]`).scrollIntoViewIfNeeded();
    screenshot = await lab.screenshot(shot);
  }
  return { problems, screenshot };
}

/**
 * Part 14's figures after attempt 5: the decision regions draw every flower (training and
 * test), and the hidden layer draws one cell per training flower and hidden node of attempts 4
 * and 5 (their hidden sizes read from their training figures' titles on the page).
 */
export async function learnedFigureProblems(
  lab: LabPage,
  view: NotebookView,
  path: string,
  shotDir?: string,
): Promise<{ problems: string[]; screenshot?: string }> {
  const problems: string[] = [];
  const cell = cellStarting(view, "await plotDecisionRegions(run5");
  if (!cell) return { problems: [`${path}: no cell draws attempt 5's decision regions`] };
  const hiddenOf = (attempt: number) => {
    const title = view.cells
      .flatMap((c) => c.outputs)
      .flatMap((o) => o.vega?.title ?? [])
      .find((t) => t.startsWith(`Attempt ${attempt}: `) && /hidden node/.test(t));
    return Number(title?.match(/(\d+) hidden nodes?/)?.[1]);
  };
  const trainingFlowers = Number(
    view.cells
      .flatMap((c) => c.outputs)
      .map((o) => o.text.match(/shape of xTrain = (\d+)/)?.[1])
      .find((n) => n !== undefined),
  );
  const testFlowers = Number(
    view.cells
      .flatMap((c) => c.outputs)
      .map((o) => o.text.match(/shape of xTest = (\d+)/)?.[1])
      .find((n) => n !== undefined),
  );
  const figures = cell.outputs.filter((o) => o.vega).map((o) => o.index);
  if (figures.length !== 2)
    return { problems: [`${path} ${cellName(cell)}: ${figures.length} figures, expected 2`] };
  await lab.scrollToCell(path, cell.index, "start");
  const regions = await drawn(lab, path, cell, figures[0]);
  const points = regions.counts.symbol ?? 0;
  // legend symbols are symbols too: at least every flower
  if (points < trainingFlowers + testFlowers) {
    problems.push(
      `${path} ${cellName(cell)}: decision regions draw ${points} points, expected the ${trainingFlowers + testFlowers} flowers`,
    );
  }
  const hidden = await drawn(lab, path, cell, figures[1]);
  const cells = trainingFlowers * (hiddenOf(4) + hiddenOf(5));
  if (!Number.isFinite(cells) || (hidden.counts.rect ?? 0) < cells) {
    problems.push(
      `${path} ${cellName(cell)}: the hidden layer draws ${hidden.counts.rect ?? 0} cells, expected ` +
        `${trainingFlowers} flowers × (${hiddenOf(4)} + ${hiddenOf(5)}) hidden nodes`,
    );
  }
  for (const run of ["Attempt 4", "Attempt 5"]) {
    if (!hidden.texts.includes(run))
      problems.push(`${path}: the hidden layer has no panel "${run}"`);
  }
  let screenshot: string | undefined;
  if (shotDir) {
    await lab.page.locator(`[${TARGET}]`).scrollIntoViewIfNeeded();
    await lab.page.evaluate((target) => {
      document.querySelector(`[${target}]`)?.scrollIntoView({ block: "center" });
    }, TARGET);
    await sleep(300);
    screenshot = await lab.screenshot(join(shotDir, "14-hidden-layer.png"));
  }
  return { problems, screenshot };
}

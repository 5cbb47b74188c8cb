/**
 * Part 13 on the Deno kernel, in the project's JupyterLab driven in Chromium: open a copy of
 * the notebook (on tslab, as committed), change its kernel to Deno as a learner does (the
 * session's kernel, Kernel → Change Kernel…), run all cells, and check what the page shows: no
 * error output, every cell executed, every Vega-Lite and Plotly figure drawn with its marks
 * and points, as many figures per cell as the committed tslab run has, and the MSE values on
 * screen the library's. Outputs Deno sent after its idle status (see the README, "Other
 * kernels") are counted and reported; when they made a check fail, the notebook runs again
 * (3 runs at most) and the last run is checked.
 */
import { after, before, describe, it, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { figureCounts, libraryProblems, renderProblems } from "./support/checks";
import { expectedFor } from "./support/expectations";
import { PLOTLY_MIME, VEGA_LITE_MIME, type NotebookView } from "./support/inspect";
import { openLab, type LabPage, type OpenLab } from "./support/lab-page";
import { repoRoot } from "./support/server";
import { resultsDir, type NotebookJson } from "./support/workspace";

const NOTEBOOK = "13-backpropagation.ipynb";
const RUN_TIMEOUT_MS = 1000 * Number(process.env.BROWSER_TEST_RUN_TIMEOUT_S ?? 150);
const workDir = join(resultsDir, `deno-${process.pid}`);
const copy = join(workDir, "notebooks", NOTEBOOK);
const serverPath = relative(repoRoot, copy);
const committed = JSON.parse(
  readFileSync(join(repoRoot, "notebooks", NOTEBOOK), "utf8"),
) as NotebookJson;

/** Runs of the notebook at most, while outputs went missing and a check failed. */
const RUNS = 3;

/**
 * What is wrong on the page (errors, figures not drawn or not as many as tslab's, MSE values
 * not the library's), and the cells that show fewer outputs than the committed run (cell: shown
 * of committed).
 */
function pageProblems(view: NotebookView): { problems: string[]; late: string[] } {
  const problems = [...renderProblems(view), ...libraryProblems(view, expectedFor(view))];
  const code = committed.cells.filter((c) => c.cell_type === "code");
  figureCounts(view).forEach((drawn, i) => {
    const outs = code[i]?.outputs ?? [];
    const vegaLite = outs.filter((o) => o.data?.[VEGA_LITE_MIME] !== undefined).length;
    const plotly = outs.filter((o) => o.data?.[PLOTLY_MIME] !== undefined).length;
    if (drawn.vegaLite !== vegaLite || drawn.plotly !== plotly) {
      problems.push(
        `code cell #${i}: ${drawn.vegaLite} Vega-Lite / ${drawn.plotly} Plotly figures drawn, ` +
          `the committed tslab run has ${vegaLite} / ${plotly}`,
      );
    }
  });
  const late = view.cells
    .filter((c) => c.type === "code")
    .flatMap((cell, i) => {
      const expected = code[i]?.outputs?.length ?? 0;
      return cell.outputs.length < expected ? [`#${i} ${cell.outputs.length} of ${expected}`] : [];
    });
  return { problems, late };
}

let opened: OpenLab | undefined;
let lab: LabPage;

describe("JupyterLab in Chromium: part 13 on the Deno kernel", { timeout: 10 * 60_000 }, () => {
  before(async () => {
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(join(workDir, "notebooks"), { recursive: true });
    cpSync(join(repoRoot, "notebooks", NOTEBOOK), copy);
    cpSync(join(repoRoot, "data"), join(workDir, "data"), { recursive: true });
    opened = await openLab(join(workDir, "lab-state"), join(resultsDir, "jupyterlab-deno.log"));
    lab = opened.lab;
  });

  after(async () => {
    await opened?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("changes the kernel to Deno, runs every cell and draws every figure", async (t: TestContext) => {
    await lab.open(serverPath, `notebooks/${NOTEBOOK}`);
    const kernel = await lab.page.evaluate(async (path) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
      await panel.sessionContext.changeKernel({ name: "deno" });
      await panel.sessionContext.ready;
      return panel.sessionContext.session?.kernel?.name as string;
    }, serverPath);
    assert.equal(kernel, "deno", "the session's kernel after changing it");
    await lab.page.waitForFunction(
      (path) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const app = (window as any).jupyterapp;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
        return panel?.sessionContext?.session?.kernel?.status === "idle";
      },
      serverPath,
      { timeout: 60_000 },
    );

    // Deno can send a cell's last outputs after idle and the page drops them: when a check
    // fails and outputs went missing, the notebook runs again (RUNS in all) in the same kernel.
    let view: NotebookView | undefined;
    let problems: string[] = [];
    let late: string[] = [];
    const dropped: string[] = [];
    for (let attempt = 1; attempt <= RUNS; attempt++) {
      await lab.run(serverPath, "notebook:run-all-cells", RUN_TIMEOUT_MS);
      view = await lab.inspect(serverPath);
      ({ problems, late } = pageProblems(view));
      if (late.length > 0) dropped.push(`run ${attempt}: ${late.join(", ")}`);
      if (problems.length === 0 || late.length === 0) break;
    }
    const figures = view!.cells.flatMap((c) => c.outputs).filter((o) => o.vega || o.plotly);
    assert.ok(figures.length > 0, "no figure on the page");
    assert.deepEqual(problems, [], problems.join("\n"));
    t.diagnostic(
      `${figures.length} figures drawn on Deno; ` +
        (dropped.length > 0
          ? `outputs sent after idle and dropped (cell: shown of committed): ${dropped.join("; ")}`
          : "every output arrived"),
    );
  });
});

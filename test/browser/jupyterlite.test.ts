/**
 * The notebooks in the browser with nothing installed: `scripts/site.sh` (npm run site) builds
 * the JupyterLite site, Python's http.server serves it on 127.0.0.1, Debian's Chromium opens it
 * (playwright-core) and runs every notebook in notebooks/ (subfolders too) on the project's
 * TypeScript kernel, which runs in a Web Worker of the page. Driven through JupyterLab's own
 * commands with the JupyterLab test's page driver (support/lab-page.ts); the same checks:
 *   1. run all: every code cell executes, no stderr/error output, every figure drawn (as many
 *      as the committed notebook has), the MSE values and curves are the library's, and every
 *      printed `label = number` (MSE before/after, each attempt's final MSE and accuracy) is
 *      the committed notebook's (tslab's) to 12 significant digits;
 *      the part-13 network figures switch view and flower through their own inputs and draw
 *      the printed matrices, part 14's figures of what the network learned are drawn in full;
 *   2. a learning rate typed into the `parameters` cell, run with all below, gives the
 *      library's new values;
 *   3. interrupt during a long live training run stops it (test/unit/display-kernel-host
 *      checks that it stops at the next chunk), and the kernel then runs the next cell; a
 *      failing cell prints one line;
 *   4. no request leaves the site's origin.
 * It reports the build time, the site's size, cold start to the first cell result, and the
 * kernel's per-cell round trip.
 *
 *   BROWSER_TEST_RUN_TIMEOUT_S=240  how long one "run all" / "run all below" may take
 */
import { after, before, describe, it, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { libraryProblems, renderProblems, shownMseValues } from "./support/checks";
import { expectedFor, parametersCell, parseParameters } from "./support/expectations";
import { cellName, PLOTLY_MIME, VEGA_LITE_MIME, type NotebookView } from "./support/inspect";
import { learnedFigureProblems, networkFigureProblems } from "./support/figures";
import { LabPage, launchChromium } from "./support/lab-page";
import { repoRoot, type LabServer } from "./support/server";
import { buildSite, serveSite, siteDir, type SiteBuild } from "./support/site";
import { readNotebookJson, sourceText, type NotebookJson } from "./support/workspace";

const RUN_TIMEOUT_MS = 1000 * Number(process.env.BROWSER_TEST_RUN_TIMEOUT_S ?? 240);
const resultsDir = join(repoRoot, "test-results", "jupyterlite");

/** Every notebook the site must carry: notebooks/*.ipynb (not the teachers' solutions/). */
function siteNotebooks(dir = join(repoRoot, "notebooks")): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .map((name) => relative(repoRoot, join(dir, name)))
    .sort();
}
const notebooks = siteNotebooks();

let build: SiteBuild | undefined;
let server: LabServer | undefined;
let browser: Browser | undefined;
let page: Page;
let lab: LabPage;
const outside: string[] = [];
let failed = false;

/** `label = number` lines of a text (what `show(value, label)` prints). */
function printedNumbers(text: string): { label: string; text: string }[] {
  return [...text.matchAll(/^(.+?) = ([-+]?(?:\d[\d.]*(?:e[-+]?\d+)?|NaN|Infinity))\s*$/gim)].map(
    (m) => ({ label: m[1].trim(), text: m[2] }),
  );
}

/** Same number to 12 significant digits. */
function same12(a: string, b: string): boolean {
  return Number(a).toPrecision(12) === Number(b).toPrecision(12);
}

/** The committed notebook's printed numbers per code cell (tslab's run). */
function committedNumbers(nb: NotebookJson): { label: string; text: string }[][] {
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) =>
      (c.outputs ?? []).flatMap((o) => {
        const plain = (o.data?.["text/plain"] ?? (o as { text?: unknown }).text) as
          | string
          | string[]
          | undefined;
        return plain === undefined ? [] : printedNumbers(sourceText(plain));
      }),
    );
}

/**
 * Printed numbers (in the outputs' text/plain and streams) and figures per code cell against the
 * committed notebook's.
 */
async function committedProblems(
  path: string,
  view: NotebookView,
  committed: NotebookJson,
): Promise<string[]> {
  const problems: string[] = [];
  const code = view.cells.filter((c) => c.type === "code");
  const expected = committedNumbers(committed);
  const committedCode = committed.cells.filter((c) => c.cell_type === "code");
  for (const [i, cell] of code.entries()) {
    const shown = (await outputTexts(path, cell.index)).flatMap(printedNumbers);
    const want = expected[i] ?? [];
    // Wall-clock timings differ from run to run (and from tslab's): their numbers are not compared.
    const volatile = committedCode[i]?.metadata?.tags?.includes("volatile-output") ?? false;
    const mismatch =
      !volatile &&
      (shown.length !== want.length ||
        shown.some((s, j) => s.label !== want[j].label || !same12(s.text, want[j].text)));
    if (mismatch) {
      problems.push(
        `${view.path} ${cellName(cell)}: printed ${JSON.stringify(shown)}, ` +
          `the committed notebook (tslab) printed ${JSON.stringify(want)}`,
      );
    }
    const outs = committedCode[i]?.outputs ?? [];
    const figures = (mime: string) => outs.filter((o) => o.data?.[mime] !== undefined).length;
    const vega = cell.outputs.filter((o) => o.vega).length;
    const plotly = cell.outputs.filter((o) => o.plotly).length;
    if (vega !== figures(VEGA_LITE_MIME) || plotly !== figures(PLOTLY_MIME)) {
      problems.push(
        `${view.path} ${cellName(cell)}: ${vega} Vega-Lite / ${plotly} Plotly figures, ` +
          `the committed notebook has ${figures(VEGA_LITE_MIME)} / ${figures(PLOTLY_MIME)}`,
      );
    }
  }
  return problems;
}

function mseProblems(view: NotebookView): string[] {
  try {
    return libraryProblems(view, expectedFor(view));
  } catch (error) {
    return [`${view.path}: the library cannot compute the expected values: ${String(error)}`];
  }
}

async function failWith(what: string, problems: string[], shot: string): Promise<never> {
  failed = true;
  const file = join(resultsDir, `FAILED-${shot}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  assert.fail(`${what}:\n- ${problems.join("\n- ")}\n(screenshot of the page: ${file})`);
}

const stem = (path: string) => path.replace(/\//g, "_").replace(/\.ipynb$/, "");

/** Evaluates `body(panel, app)` in the page for the open notebook at `path`. */
function inPanel<T, A>(path: string, arg: A, body: string): Promise<T> {
  return page.evaluate(
    ({ path, arg, body }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
      return new Function("panel", "app", "arg", body)(panel, app, arg);
    },
    { path, arg, body },
  ) as Promise<T>;
}

/** Appends a code cell with `source` to the notebook, runs it, returns its index. */
async function runNewCell(path: string, source: string): Promise<number> {
  return inPanel<number, string>(
    path,
    source,
    `const nb = panel.content;
     const index = nb.model.cells.length;
     nb.model.sharedModel.insertCell(index, { cell_type: "code", source: arg });
     nb.activeCellIndex = index;
     app.shell.activateById(panel.id);
     // run-cell acts on the current notebook, which follows the activation a moment later
     return (async () => {
       for (let i = 0; i < 50 && app.shell.currentWidget !== panel; i++) {
         await new Promise((r) => setTimeout(r, 100));
       }
       if (app.shell.currentWidget !== panel) throw new Error(panel.id + " did not become current");
       await new Promise((r) => setTimeout(r, 100));
       app.commands.execute("notebook:run-cell");
       return index;
     })();`,
  );
}

/** The text/plain of each output of a cell, from the output models (live displays included). */
function outputTexts(path: string, index: number): Promise<string[]> {
  return inPanel<string[], number>(
    path,
    index,
    `return panel.content.model.cells.get(arg).outputs.toJSON().map((o) =>
       [].concat(o.text ?? o.data?.["text/plain"] ?? []).join(""));`,
  );
}

/** A cell's outputs as nbformat JSON (error outputs have no text/plain). */
function cellOutputs(path: string, index: number): Promise<Record<string, unknown>[]> {
  return inPanel<Record<string, unknown>[], number>(
    path,
    index,
    `return panel.content.model.cells.get(arg).outputs.toJSON();`,
  );
}

async function waitUntil(what: string, ready: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${ms / 1000} s: ${what}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe(
  "JupyterLite site in Chromium: the notebooks on the TypeScript kernel",
  { timeout: 30 * 60_000 },
  () => {
    before(async () => {
      rmSync(resultsDir, { recursive: true, force: true });
      mkdirSync(resultsDir, { recursive: true });
      build = buildSite(join(resultsDir, "site-build.log"));
      console.log(
        `site: built in ${build.seconds.toFixed(1)} s, ${(build.bytes / 2 ** 20).toFixed(1)} MiB ` +
          `in ${build.files} files`,
      );
      server = await serveSite(join(resultsDir, "site-server.log"));
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const origin = new URL(server.url).origin;
      page.on("request", (request) => {
        const url = request.url();
        const sameOrigin =
          url.startsWith(`${origin}/`) ||
          url.startsWith(`blob:${origin}/`) ||
          url.startsWith("data:");
        if (!sameOrigin) outside.push(url);
      });
      lab = new LabPage(page, server);
      await lab.load();
    });

    after(async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop();
      if (failed) console.log(`screenshots and logs: ${resultsDir}`);
    });

    it("the site holds every notebook, the data and the kernel extension", () => {
      assert.ok(notebooks.length >= 3, `expected the lesson notebooks, found ${notebooks}`);
      for (const nb of notebooks) {
        assert.deepEqual(
          readNotebookJson(join(siteDir, "files", nb)).cells.length,
          readNotebookJson(join(repoRoot, nb)).cells.length,
          `${nb} in the site`,
        );
      }
      assert.equal(
        readFileSync(join(siteDir, "files", "data", "Iris.csv"), "utf8"),
        readFileSync(join(repoRoot, "data", "Iris.csv"), "utf8"),
      );
      const config = JSON.parse(readFileSync(join(siteDir, "jupyter-lite.json"), "utf8"));
      const names = config["jupyter-config-data"].federated_extensions.map(
        (e: { name: string }) => e.name,
      );
      assert.ok(names.includes("backprop-lite-kernel"), `federated extensions: ${names}`);
      assert.ok(names.includes("jupyterlab-plotly"), `federated extensions: ${names}`);
    });

    /** The latest verified view of each notebook. */
    const verified = new Map<string, NotebookView>();

    describe("run all: every cell runs, no error output, every figure drawn, tslab's numbers", () => {
      notebooks.forEach((nb, i) => {
        it(nb, async (t: TestContext) => {
          await lab.open(nb, nb);
          // Time of the first output, in ms since the page started loading (cold start).
          if (i === 0) {
            await inPanel(
              nb,
              null,
              `window.__firstOutput = undefined;
             for (const cell of panel.content.model.cells) {
               cell.outputs?.changed.connect(() => {
                 if (cell.outputs.length > 0 && window.__firstOutput === undefined)
                   window.__firstOutput = performance.now();
               });
             }`,
            );
            // Clear the committed outputs so the first one that appears is the kernel's.
            await inPanel(nb, null, `app.commands.execute("notebook:clear-all-cell-outputs");`);
          }
          await lab
            .run(nb, "notebook:run-all-cells", RUN_TIMEOUT_MS)
            .catch((e: Error) => failWith(`${nb} run-all`, [e.message], stem(nb)));
          const view = await lab.inspect(nb);
          const problems = [
            ...renderProblems(view),
            ...mseProblems(view),
            ...(await committedProblems(nb, view, readNotebookJson(join(repoRoot, nb)))),
          ];
          if (problems.length > 0) await failWith(`${nb} after run-all`, problems, stem(nb));
          verified.set(nb, view);
          await page.screenshot({ path: join(resultsDir, `${stem(nb)}.png`) });
          if (i === 0) {
            const firstOutput = await page.evaluate(
              () => (window as unknown as { __firstOutput?: number }).__firstOutput,
            );
            assert.ok(firstOutput !== undefined, "no output was recorded");
            const line = `cold start (page load → first cell output): ${(firstOutput / 1000).toFixed(1)} s`;
            t.diagnostic(line);
            console.log(line);
          }
        });
      });
    });

    describe("the figures switch view and flower in the page: the network (13), what it learned (14)", () => {
      it("13-backpropagation: the network figures draw the printed matrices; flower and view switch them", async () => {
        const nb = "notebooks/13-backpropagation.ipynb";
        const view = verified.get(nb);
        if (!view) assert.fail("not checked: 13-backpropagation not run");
        const { problems } = await networkFigureProblems(lab, view, nb);
        if (problems.length > 0) await failWith(`${nb} network figures`, problems, "13-network");
      });
      it("14-training: decision regions and the hidden layer of attempts 4 and 5 drawn in full", async () => {
        const nb = "notebooks/14-training.ipynb";
        const view = verified.get(nb);
        if (!view) assert.fail("not checked: 14-training not run");
        const { problems } = await learnedFigureProblems(lab, view, nb);
        if (problems.length > 0) await failWith(`${nb} learned figures`, problems, "14-learned");
      });
    });

    describe("inline edit: a learning rate typed into the parameters cell, run with all below", () => {
      // An exercise notebook's checks use the tutorial's fixed values: nothing follows the rate.
      const withRate = notebooks.filter((nb) => {
        const cells = readNotebookJson(join(repoRoot, nb)).cells;
        return (
          !cells.some((c) => c.metadata.tags?.includes("exercise")) &&
          cells.some(
            (c) =>
              c.metadata.tags?.includes("parameters") &&
              /\blearningRate\s*=/.test(sourceText(c.source)),
          )
        );
      });
      it("some notebook has a learning rate to edit", () => assert.ok(withRate.length > 0));
      for (const nb of withRate) {
        it(`${nb}: the MSE values change to the library's for the new rate`, async (t: TestContext) => {
          const before = verified.get(nb);
          if (!before) assert.fail("not checked: run-all failed");
          const cell = parametersCell(before)!;
          const oldRate = parseParameters(cell.source).learningRate;
          const rate = oldRate >= 0.5 ? String(oldRate / 2) : "0.5";
          const source = await lab.typeParameter(nb, cell.index, "learningRate", rate);
          assert.equal(parseParameters(source).learningRate, Number(rate), source);
          await lab
            .run(nb, "notebook:run-all-below", RUN_TIMEOUT_MS)
            .catch((e: Error) =>
              failWith(`${nb} run-all-below`, [e.message], `${stem(nb)}-edited`),
            );
          const view = await lab.inspect(nb);
          const problems = [...renderProblems(view), ...mseProblems(view)];
          const key = (s: { label: string; cell: { index: number } }) =>
            `${s.cell.index}:${s.label}`;
          const old = new Map(shownMseValues(before).map((s) => [key(s), s.text]));
          const changed = shownMseValues(view).filter((s) => old.get(key(s)) !== s.text);
          if (changed.length === 0) problems.push(`${nb}: no MSE value changed after the edit`);
          if (problems.length > 0)
            await failWith(`${nb} after the inline edit`, problems, `${stem(nb)}-edited`);
          t.diagnostic(
            `learningRate ${oldRate} → ${rate}: ` +
              changed.map((s) => `${s.label} ${old.get(key(s))} → ${s.text}`).join("; "),
          );
        });
      }
    });

    describe("the kernel", () => {
      const nb = notebooks.find((n) => n.endsWith("14-training.ipynb"));

      it("interrupt during a long live run stops it; the figure says where; the next cell runs", async (t: TestContext) => {
        if (!nb || !verified.has(nb)) assert.fail("not checked: 14-training did not run");
        const cell = await runNewCell(
          nb,
          "let longRun = await trainLive(\n" +
            "  { x: xTrain, y: yTrain, learningRate: 0.1, epochs: 10_000_000, nHidden: 8, seed: 10 },\n" +
            '  { title: "A long run" },\n' +
            ");",
        );
        const epochOf = (texts: string[]) => {
          const m = texts.join("\n").match(/epoch (\d+)\/10000000/);
          return m ? Number(m[1]) : 0;
        };
        let shown: string[] = [];
        await waitUntil(
          "the live figure shows training progress",
          async () => epochOf((shown = await outputTexts(nb, cell))) > 0,
          60_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}; the cell shows:\n${shown.join("\n")}`);
        });
        // In the page: when the interrupt was sent, and when the figure first said it stopped.
        await inPanel(
          nb,
          cell,
          `const outputs = panel.content.model.cells.get(arg).outputs;
           window.__stoppedAt = undefined;
           outputs.changed.connect(() => {
             if (window.__stoppedAt === undefined && /interrupted at epoch/.test(JSON.stringify(outputs.toJSON())))
               window.__stoppedAt = performance.now();
           });
           app.shell.activateById(panel.id);
           window.__interruptAt = performance.now();
           app.commands.execute("notebook:interrupt-kernel");`,
        );
        await waitUntil(
          "the live figure says it was interrupted",
          async () =>
            /interrupted at epoch \d+ of 10000000/.test((await outputTexts(nb, cell)).join("\n")),
          60_000,
        );
        const stoppedAfterMs = await page.evaluate(() => {
          const w = window as unknown as { __stoppedAt: number; __interruptAt: number };
          return w.__stoppedAt - w.__interruptAt;
        });
        const stopped = (await outputTexts(nb, cell)).join("\n");
        const epoch = Number(stopped.match(/interrupted at epoch (\d+) of/)![1]);
        assert.ok(epoch > 0 && epoch < 10_000_000, `interrupted at epoch ${epoch}`);
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(
          (await outputTexts(nb, cell)).join("\n"),
          stopped,
          "the figure changed after the interrupt",
        );
        // As on tslab: the interrupted cell fails with one line (an error output, drawn as stderr).
        const view = await lab.inspect(nb);
        const stderr = view.cells[cell].outputs
          .filter((o) => o.stderr !== null)
          .map((o) => o.stderr);
        assert.deepEqual(stderr, ["Error: Interrupted asynchronously"]);
        assert.ok(!view.cells[cell].prompt.includes("*"), `prompt ${view.cells[cell].prompt}`);

        const next = await runNewCell(nb, 'show(longRun.history.mse.length, "epochs trained");');
        await waitUntil(
          "the cell after the interrupt prints",
          async () => /^epochs trained = \d+$/.test((await outputTexts(nb, next)).join("").trim()),
          60_000,
        );
        t.diagnostic(
          `stopped at epoch ${epoch}: the figure said so ${stoppedAfterMs.toFixed(0)} ms after the interrupt`,
        );
      });

      it("a failing cell sends an error output: its class, one-line message, no stack", async () => {
        if (!nb || !verified.has(nb)) assert.fail("not checked: 14-training did not run");
        const cell = await runNewCell(nb, 'let missing = loadIris("../data/no-such-file.csv");');
        await waitUntil(
          "the failing cell's error",
          async () => (await cellOutputs(nb, cell)).length > 0,
          60_000,
        );
        const message =
          "cannot read CSV file ../data/no-such-file.csv " +
          "(resolved: /data/no-such-file.csv): file not found";
        assert.deepEqual(await cellOutputs(nb, cell), [
          {
            output_type: "error",
            ename: "DataError",
            evalue: message,
            traceback: [`DataError: ${message}`],
          },
        ]);
      });

      it("per-cell round trip (reported)", async (t: TestContext) => {
        if (!nb || !verified.has(nb)) assert.fail("not checked: 14-training did not run");
        const times = await inPanel<number[], null>(
          nb,
          null,
          `const kernel = panel.sessionContext.session.kernel;
         return (async () => {
           const times = [];
           for (let i = 0; i < 21; i++) {
             const t0 = performance.now();
             await kernel.requestExecute({ code: 'show(' + i + ', "i")', store_history: false }).done;
             times.push(performance.now() - t0);
           }
           return times;
         })();`,
        );
        const line = `per-cell round trip (show(i), median of ${times.length}): ${median(times).toFixed(1)} ms`;
        t.diagnostic(line);
        console.log(line);
        assert.equal(times.length, 21);
      });
    });

    it("a cell that never yields: restarting the kernel (a new worker) gets it back", async () => {
      const nb = notebooks.find((n) => n.endsWith("14-training.ipynb"));
      if (!nb || !verified.has(nb)) assert.fail("not checked: 14-training did not run");
      const stuck = await runNewCell(nb, "while (true) {}");
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(await lab.kernelStatus(nb), "busy");
      // What Kernel → Restart Kernel does once its dialog is confirmed.
      await inPanel(nb, null, `return panel.sessionContext.session.kernel.restart();`);
      await waitUntil(
        "the restarted kernel is idle",
        async () => (await lab.kernelStatus(nb)) === "idle",
        60_000,
      );
      // A fresh session: nothing from before the restart is defined.
      const next = await runNewCell(
        nb,
        'import { show } from "backprop-lib";\nshow(typeof xTrain, "after the restart, xTrain is");',
      );
      await waitUntil(
        "the first cell after the restart prints",
        async () =>
          (await outputTexts(nb, next)).join("").trim() ===
          "after the restart, xTrain is = undefined",
        60_000,
      );
      assert.ok(stuck < next);
    });

    it("no request left the site's origin", () => {
      assert.deepEqual(outside, []);
    });
  },
);

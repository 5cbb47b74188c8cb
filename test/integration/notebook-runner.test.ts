/**
 * `npm run notebook` (scripts/notebook.py): parameterised headless runs through the tslab kernel,
 * with an executed notebook, an offline HTML report and the training exports. The fixture
 * test/fixtures/runner-training.ipynb trains a small network with the library's trainingStep,
 * so the test can predict its printed results with the same library.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../browser/support/lab-page";
import { assertClose } from "../support/python";
import {
  accuracy,
  initWeights,
  loadIris,
  matrix,
  meanSquaredError,
  oneHot,
  toRows,
  train,
  trainingStep,
  trainTestSplit,
} from "../../lib/index";

const repoRoot = join(__dirname, "..", "..");
const fixture = join("test", "fixtures", "runner-training.ipynb");
const scratch = mkdtempSync(join(tmpdir(), "notebook-runner-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

let runCount = 0;
/** `npm run notebook -- <args> --out <fresh dir>` (via scripts/py.sh, as npm does). */
function runInto(args: string[]): Promise<RunResult> {
  const out = join(scratch, `out-${++runCount}`);
  return new Promise((resolve) => {
    execFile(
      "bash",
      [
        join(repoRoot, "scripts", "py.sh"),
        join(repoRoot, "scripts", "notebook.py"),
        ...args,
        "--out",
        out,
      ],
      { cwd: repoRoot, timeout: 30 * 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, out });
      },
    );
  });
}

interface NotebookJson {
  cells: { cell_type: string; metadata: { tags?: string[] }; outputs?: { text?: string }[] }[];
}

function printed(out: string, notebookFile: string, label: string): string {
  const nb = JSON.parse(readFileSync(join(out, notebookFile), "utf8")) as NotebookJson;
  const text = nb.cells.flatMap((c) =>
    (c.outputs ?? []).map((o) => [o.text ?? ""].flat().join("")),
  );
  for (const t of text) {
    const match = t.match(new RegExp(`^${label} = (.*)$`, "m"));
    if (match) return match[1];
  }
  throw new Error(`no "${label} = …" line in ${notebookFile}`);
}

/** What the fixture computes, straight from the library. */
function predictedRun(learningRate: number, epochs: number, nHidden = 2, seed = 10) {
  const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
  const split = trainTestSplit(iris.features, oneHot(iris.species).y, { testSize: 30, seed: 42 });
  const x = matrix(split.xTrain);
  const y = matrix(split.yTrain);
  let { weights1, weights2 } = initWeights({ nInput: 4, nHidden, nOutput: 3 }, seed);
  const mse: number[] = [];
  const acc: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = trainingStep(x, y, weights1, weights2, learningRate);
    mse.push(meanSquaredError(step.outputLayerOutputs, y));
    acc.push(accuracy(step.outputLayerOutputs, y));
    weights1 = step.weights1;
    weights2 = step.weights2;
  }
  return { mse, acc, weights1: toRows(weights1), weights2: toRows(weights2) };
}

describe("npm run notebook: parameters", () => {
  let defaults: RunResult;
  let changed: RunResult;
  before(async () => {
    defaults = await runInto([fixture]);
    changed = await runInto([
      fixture,
      "--param",
      "learningRate=1.5",
      "--param",
      "epochs=25",
      "--param",
      "title=lr 1.5",
    ]);
  });

  it("runs the defaults and prints one progress line per code cell", () => {
    assert.equal(defaults.code, 0, defaults.stderr);
    const lines = defaults.stdout.split("\n").filter((l) => /^\[\s*\d+\] .*\d+\.\d\ds$/.test(l));
    // Cell 2 is papermill's injected cell: the runner always sets outputDir.
    assert.deepEqual(
      lines.map((l) => Number(l.match(/^\[\s*(\d+)\]/)![1])),
      [1, 2, 3, 4, 5],
      defaults.stdout,
    );
    assert.match(lines[0], /^\[\s*1\] let learningRate = 0\.5;/);
    assert.match(lines[1], /^\[\s*2\] \/\/ Parameters injected by papermill/);
  });

  it("injects the values after the parameters cell, in a cell tagged injected-parameters", () => {
    assert.equal(changed.code, 0, changed.stderr);
    const nb = JSON.parse(readFileSync(join(changed.out, "runner-training.ipynb"), "utf8"));
    assert.deepEqual(nb.cells[1].metadata.tags, ["parameters"]);
    assert.deepEqual(nb.cells[2].metadata.tags, ["injected-parameters"]);
    const source = [nb.cells[2].source].flat().join("");
    assert.match(source, /^let learningRate = 1\.5;$/m);
    assert.match(source, /^let epochs = 25;$/m);
    assert.match(source, /^let title = "lr 1\.5";$/m);
  });

  it("changes the printed results exactly as the library predicts", () => {
    const expectedDefault = predictedRun(0.5, 40);
    const expectedChanged = predictedRun(1.5, 25);
    const file = "runner-training.ipynb";
    assert.equal(Number(printed(defaults.out, file, "final MSE")), expectedDefault.mse.at(-1));
    assert.equal(Number(printed(changed.out, file, "final MSE")), expectedChanged.mse.at(-1));
    assert.equal(Number(printed(changed.out, file, "final accuracy")), expectedChanged.acc.at(-1));
    assert.equal(printed(changed.out, file, "title"), "lr 1.5");
    assert.notEqual(expectedDefault.mse.at(-1), expectedChanged.mse.at(-1));
  });

  it("exports weights, history and config that parse and match the notebook's final values", () => {
    const out = changed.out;
    const file = "runner-training.ipynb";
    const expected = predictedRun(1.5, 25);
    const weights = JSON.parse(readFileSync(join(out, "weights.json"), "utf8"));
    assert.equal(weights.finalMse, Number(printed(out, file, "final MSE")));
    assert.equal(weights.finalAccuracy, Number(printed(out, file, "final accuracy")));
    assert.deepEqual(weights.weights1, expected.weights1);
    assert.deepEqual(weights.weights2, expected.weights2);

    const rows = readFileSync(join(out, "history.csv"), "utf8").trim().split("\n");
    assert.equal(rows[0], "epoch,mse,accuracy");
    assert.equal(rows.length, 1 + 25);
    const parsed = rows.slice(1).map((r) => r.split(",").map(Number));
    assert.deepEqual(
      parsed.map((r) => r[0]),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      parsed.map((r) => r[1]),
      expected.mse,
    );
    assert.deepEqual(
      parsed.map((r) => r[2]),
      expected.acc,
    );
    assert.equal(parsed.at(-1)![1], weights.finalMse);

    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    assert.equal(config.learningRate, 1.5);
    assert.equal(config.epochs, 25);
    assert.equal(config.seed, 10);
    assert.deepEqual(config.split, { testSize: 30, seed: 42 });

    const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
    assert.equal(run.status, "ok");
    assert.deepEqual(run.parameters, { learningRate: 1.5, epochs: 25, title: "lr 1.5" });
    for (const name of ["weights.json", "history.csv", "config.json", "runner-training.html"]) {
      assert.ok(run.files.includes(name), `${name} missing from run.json files`);
    }
  });

  it("writes a standalone report with the plot libraries inlined and no external scripts", () => {
    const html = readFileSync(join(defaults.out, "runner-training.html"), "utf8");
    // The page around the inlined libraries (whose own text mentions URLs it never fetches).
    const page = html.replace(/<script data-library=[^>]*>[\s\S]*?<\/script>/g, "");
    assert.ok(page.length < html.length / 2, "libraries not found");
    for (const external of [
      /<script[^>]*\ssrc\s*=/i,
      /<link[^>]*\shref\s*=/i,
      /(src|href)\s*=\s*["']?(https?:)?\/\//i,
      /cdnjs|jsdelivr|unpkg|require\.js|mathjax/i,
    ]) {
      const match = page.match(external);
      assert.equal(match, null, `report references ${match?.[0]}`);
    }
    assert.ok(!/<script[^>]*\ssrc\s*=/i.test(html), "an external <script src> in the report");
    assert.match(page, /<meta [^>]*Content-Security-Policy/);
    assert.match(page, /default-src 'none'/);
    const versionOf = (name: string) =>
      JSON.parse(readFileSync(join(repoRoot, "node_modules", name, "package.json"), "utf8"))
        .version as string;
    for (const [name, file] of [
      ["vega", "vega/build/vega.min.js"],
      ["vega-lite", "vega-lite/build/vega-lite.min.js"],
      ["vega-embed", "vega-embed/build/vega-embed.min.js"],
      // The fixture's Plotly figure is the 3-D loss surface: the gl3d bundle draws it.
      ["plotly.js-gl3d-dist-min", "plotly.js-gl3d-dist-min/plotly-gl3d.min.js"],
    ]) {
      const version = versionOf(name);
      assert.ok(
        html.includes(`<script data-library="${name}" data-version="${version}">`),
        `${name} ${version} is not inlined`,
      );
      const source = readFileSync(join(repoRoot, "node_modules", file), "utf8");
      assert.ok(html.includes(source.slice(0, 2000)), `${name}: inlined text differs from ${file}`);
    }
    // The same plotly.js release as the library's figures are typed against.
    assert.equal(versionOf("plotly.js-gl3d-dist-min"), versionOf("plotly.js-dist"));
    assert.equal(versionOf("plotly.js-basic-dist-min"), versionOf("plotly.js-dist"));
    assert.ok(!html.includes('data-library="plotly.js-dist-min"'), "the full Plotly bundle too");
    assert.ok(html.length <= 5_000_000, `report is ${html.length} bytes`);
    // Markdown math is MathML (no MathJax needed).
    assert.match(html, /<math [^>]*display="inline"/);
  });

  it("opens offline in headless Chromium with every figure drawn interactively", async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on("request", (r) => {
        if (!/^(file|data|blob|about):/.test(r.url())) requests.push(r.url());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await page.goto("file://" + join(changed.out, "runner-training.html"));
      await page.waitForSelector("body[data-plots=done]", { state: "attached", timeout: 60_000 });
      const plots = await page.$$eval(".report-plot", (els) =>
        els.map((el) => ({
          kind: el.getAttribute("data-kind"),
          rendered: el.getAttribute("data-rendered"),
          drawn: el.querySelectorAll("svg, canvas").length,
        })),
      );
      assert.deepEqual(plots.map((p) => p.kind).sort(), ["plotly", "vega"]);
      for (const plot of plots) {
        assert.equal(plot.rendered, plot.kind, JSON.stringify(plots));
        assert.ok(plot.drawn > 0, JSON.stringify(plots));
      }
      // Vega-Lite went through vega-embed (a live view, not the static SVG fallback).
      assert.equal(await page.locator('.report-plot[data-kind="vega"] .vega-embed').count(), 1);
      assert.deepEqual(requests, [], "the report made network requests");
      assert.deepEqual(errors, []);

      // A scatter-only notebook gets the basic bundle, and its Plotly figure is live:
      // hovering over a data point of the first trace shows its hover label.
      const scatterHtml = await plotlyReport("scatter", {
        type: "scatter",
        x: [1, 2, 3],
        y: [3, 1, 2],
      });
      const basic = readFileSync(scatterHtml, "utf8");
      assert.match(
        basic,
        /<script data-library="plotly\.js-basic-dist-min" data-version="4\.1\.1">/,
      );
      assert.ok(!basic.includes('data-library="plotly.js-dist-min"'));
      await page.goto("file://" + scatterHtml);
      await page.waitForSelector("body[data-plots=done]", { state: "attached", timeout: 60_000 });
      // Plotly is live: hovering over a data point of the first trace shows its hover label.
      await page.locator('.report-plot[data-kind="plotly"]').scrollIntoViewIfNeeded();
      const point = await page.$eval('.report-plot[data-kind="plotly"]', (el) => {
        const gd = el as HTMLElement & {
          data: { x: number[]; y: number[] }[];
          _fullLayout: Record<string, { _offset: number; l2p: (v: number) => number }>;
        };
        const xa = gd._fullLayout.xaxis;
        const ya = gd._fullLayout.yaxis;
        const rect = el.getBoundingClientRect();
        const i = Math.floor(gd.data[0].x.length / 2);
        return {
          x: rect.left + xa._offset + xa.l2p(gd.data[0].x[i]),
          y: rect.top + ya._offset + ya.l2p(gd.data[0].y[i]),
        };
      });
      await page.mouse.move(point.x, point.y);
      await page.waitForSelector('.report-plot[data-kind="plotly"] .hoverlayer .hovertext', {
        timeout: 10_000,
      });

      // A trace outside the partial bundles (a heatmap) gets the full minified Plotly, and draws.
      const heatmapHtml = await plotlyReport("heatmap", {
        type: "heatmap",
        z: [
          [1, 2],
          [3, 4],
        ],
      });
      const full = readFileSync(heatmapHtml, "utf8");
      assert.match(full, /<script data-library="plotly\.js-dist-min" data-version="4\.1\.1">/);
      assert.ok(!full.includes('data-library="plotly.js-basic-dist-min"'));
      await page.goto("file://" + heatmapHtml);
      await page.waitForSelector("body[data-plots=done]", { state: "attached", timeout: 60_000 });
      const heatmap = await page.$eval('.report-plot[data-kind="plotly"]', (el) => ({
        rendered: el.getAttribute("data-rendered"),
        cells: el.querySelectorAll(".hm image, .heatmaplayer image").length,
      }));
      assert.deepEqual(heatmap, { rendered: "plotly", cells: 1 });
      assert.deepEqual(requests, [], "the synthetic reports made network requests");
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});

/** An executed notebook with one Plotly output of `trace`, turned into a report by report.py. */
function plotlyReport(name: string, trace: Record<string, unknown>): Promise<string> {
  const dir = mkdtempSync(join(scratch, `${name}-`));
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
    cells: [
      {
        id: name,
        cell_type: "code",
        execution_count: 1,
        metadata: {},
        source: "showFigure();",
        outputs: [
          {
            output_type: "display_data",
            metadata: {},
            data: {
              "application/vnd.plotly.v1+json": {
                data: [trace],
                layout: { title: { text: name } },
              },
              "text/plain": name,
            },
          },
        ],
      },
    ],
  };
  const input = join(dir, `${name}.ipynb`);
  writeFileSync(input, JSON.stringify(notebook));
  const output = join(dir, `${name}.html`);
  return new Promise((resolve, reject) => {
    execFile(
      "bash",
      [
        join(repoRoot, "scripts", "py.sh"),
        join(repoRoot, "scripts", "report.py"),
        input,
        "-o",
        output,
      ],
      { cwd: repoRoot },
      (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(output)),
    );
  });
}

describe("npm run notebook: rejected arguments (nothing runs)", () => {
  const cases: [string, string[], RegExp][] = [
    ["an unknown parameter", ["--param", "lr=1"], /unknown parameter 'lr'/],
    ["a fraction for an integer", ["--param", "epochs=1.5"], /epochs expects an integer/],
    ["text for a number", ["--param", "learningRate=fast"], /learningRate expects a number/],
    ["a non-boolean", ["--param", "plots=yes"], /plots expects true or false/],
    ["a missing value", ["--param", "seed"], /expects name=value/],
    ["a non-literal default", ["--param", "dataFile=x.csv"], /not a number, string or boolean/],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}, listing the valid parameters`, async () => {
      const run = await runInto([fixture, ...args]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Valid parameters: learningRate \(number, default 0\.5\); epochs/);
      assert.doesNotMatch(run.stdout, /^\[\s*\d+\]/m, "a cell ran");
      assert.equal(existsSync(run.out), false, "an output folder was created");
    });
  }

  it("rejects parameters for a notebook without a parameters cell", async () => {
    const run = await runInto([join("test", "fixtures", "failing-cell.ipynb"), "--param", "a=1"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /has no cell tagged 'parameters'/);
  });
});

describe("npm run notebook: a failing cell", () => {
  it("exits 1 naming the cell and its error, and still writes the partial notebook", async () => {
    const run = await runInto([join("test", "fixtures", "failing-cell.ipynb")]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cell 2 \(`explode\("deliberate fixture failure"\);`\) failed/);
    assert.match(run.stderr, /Error: deliberate fixture failure/);
    assert.match(run.stdout, /^\[\s*2\] explode.*FAILED$/m);
    const info = JSON.parse(readFileSync(join(run.out, "run.json"), "utf8"));
    assert.equal(info.status, "failed");
    assert.equal(info.failed_cell, 2);
    assert.match(info.error, /deliberate fixture failure/);
    assert.ok(existsSync(join(run.out, "failing-cell.ipynb")));
    assert.ok(existsSync(join(run.out, "failing-cell.html")));
  });
});

describe("npm run notebook: every committed notebook", () => {
  const notebooks = readdirSync(join(repoRoot, "notebooks"))
    .filter((n) => n.endsWith(".ipynb"))
    .sort();
  for (const name of notebooks) {
    it(`${name} runs headlessly with its defaults and hands back notebook, report, run.json`, async () => {
      const run = await runInto([join("notebooks", name)]);
      assert.equal(run.code, 0, run.stderr);
      const stem = name.replace(/\.ipynb$/, "");
      const info = JSON.parse(readFileSync(join(run.out, "run.json"), "utf8"));
      assert.equal(info.status, "ok");
      for (const file of [name, `${stem}.html`]) {
        assert.ok(existsSync(join(run.out, file)), `${file} missing`);
      }
      const html = readFileSync(join(run.out, `${stem}.html`), "utf8");
      assert.ok(!/<script[^>]*\ssrc\s*=/i.test(html), "an external <script src> in the report");
      assert.ok(html.length <= 5_000_000, `${stem}.html is ${html.length} bytes`);
      if (info.files.includes("weights.json")) {
        // A training notebook: the exports agree with each other.
        const weights = JSON.parse(readFileSync(join(run.out, "weights.json"), "utf8"));
        const rows = readFileSync(join(run.out, "history.csv"), "utf8").trim().split("\n");
        const last = rows.at(-1)!.split(",").map(Number);
        assert.equal(last[1], weights.finalMse);
        assert.equal(last[2], weights.finalAccuracy);
        const config = JSON.parse(readFileSync(join(run.out, "config.json"), "utf8"));
        assert.equal(rows.length - 1, config.epochs);
        assert.equal(typeof config.seed, "number");
        assert.notEqual(config.split, null, "config.json has no split");
      }
    });
  }
});

/** Plain `.venv/bin/papermill ARGS` from the repository root. */
function papermill(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(repoRoot, ".venv", "bin", "papermill"),
      ["--no-progress-bar", ...args],
      { cwd: repoRoot, timeout: 30 * 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface PapermillCell {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[]; papermill?: { status?: string; exception?: boolean } };
  outputs?: {
    output_type?: string;
    name?: string;
    text?: string | string[];
    ename?: string;
    evalue?: string;
  }[];
}

function readCells(path: string): PapermillCell[] {
  return (JSON.parse(readFileSync(path, "utf8")) as { cells: PapermillCell[] }).cells;
}

const sourceOf = (cell: PapermillCell) => [cell.source].flat().join("");

describe("papermill on the Deno kernel (-k deno, the same translator)", () => {
  // Deno's V8 rounds some Math.exp results differently from Node 20's (Deno's agree with
  // glibc's, as NumPy's do), so the mathjs path can differ in the last bits: the run must be
  // the library's to 1e-12, not bit for bit.
  it("injects `let` parameters; the run prints and saves what the library computes", async () => {
    const dir = mkdtempSync(join(scratch, "papermill-deno-"));
    const output = join(dir, "out.ipynb");
    const saved = join(dir, "results");
    const run = await papermill([
      ...["-k", "deno", "--cwd", join("test", "fixtures"), fixture, output],
      ...["-p", "learningRate", "1.5", "-p", "epochs", "25", "-p", "plots", "False"],
      ...["-p", "outputDir", saved],
    ]);
    assert.equal(run.code, 0, run.stderr);
    const cells = readCells(output);
    const injected = cells.find((c) => c.metadata.tags?.includes("injected-parameters"))!;
    assert.match(sourceOf(injected), /^let learningRate = 1\.5;\nlet epochs = 25;$/m);
    const expected = predictedRun(1.5, 25);
    const text = cells.flatMap((c) => (c.outputs ?? []).map((o) => [o.text ?? ""].flat().join("")));
    // Deno can drop a cell's last printed lines (sent after idle; README, "Other kernels"), so
    // the printed MSE is compared when it arrived, and the saved run always.
    const printedMse = /^final MSE = (.*)$/m.exec(text.join(""));
    if (printedMse) assertClose(Number(printedMse[1]), expected.mse.at(-1)!, "printed final MSE");
    const weights = JSON.parse(readFileSync(join(saved, "weights.json"), "utf8"));
    assertClose(weights.finalMse, expected.mse.at(-1)!, "saved final MSE");
    assertClose(weights.weights1, expected.weights1, "weights1");
    assertClose(weights.weights2, expected.weights2, "weights2");
  });
});

describe("plain papermill on the tslab kernel (the project's TypeScript translator)", () => {
  it("injects `let` parameters; the run prints and saves what the library computes", async () => {
    const dir = mkdtempSync(join(scratch, "papermill-"));
    const output = join(dir, "out.ipynb");
    const saved = join(dir, "results");
    const run = await papermill([
      ...["--cwd", join("test", "fixtures"), fixture, output],
      ...["-p", "learningRate", "1.5", "-p", "epochs", "25", "-p", "title", 'say "hi"'],
      ...["-p", "plots", "False", "-p", "outputDir", saved],
    ]);
    assert.equal(run.code, 0, run.stderr);
    const cells = readCells(output);
    const injected = cells.find((c) => c.metadata.tags?.includes("injected-parameters"))!;
    assert.equal(
      sourceOf(injected),
      "// Parameters injected by papermill (the defaults are in the cell above)\n" +
        "let learningRate = 1.5;\nlet epochs = 25;\nlet title = " +
        '"say \\"hi\\"";\nlet plots = false;\n' +
        `let outputDir = ${JSON.stringify(saved)};\n`,
    );
    assert.equal(cells.indexOf(injected), 2, "not right after the parameters cell");
    const expected = predictedRun(1.5, 25);
    const text = cells.flatMap((c) => (c.outputs ?? []).map((o) => [o.text ?? ""].flat().join("")));
    assert.ok(text.includes(`final MSE = ${expected.mse.at(-1)}\n`), text.join(""));
    assert.ok(text.some((t) => t.includes('title = say "hi"')));
    const weights = JSON.parse(readFileSync(join(saved, "weights.json"), "utf8"));
    assert.deepEqual(weights.weights1, expected.weights1);
    assert.deepEqual(weights.weights2, expected.weights2);
  });

  it("stops at a failing tslab cell (an error output, nothing on stderr) and exits 1", async () => {
    const output = join(mkdtempSync(join(scratch, "papermill-")), "failed.ipynb");
    const failing = join("test", "fixtures", "failing-cell.ipynb");
    const run = await papermill(["--cwd", join("test", "fixtures"), failing, output]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /PapermillExecutionError/);
    const cells = readCells(output);
    const failed = cells.filter((c) => c.metadata.papermill?.status === "failed");
    assert.equal(failed.length, 1);
    assert.match(sourceOf(failed[0]), /^explode\("deliberate fixture failure"\);/);
    const outputs = failed[0].outputs ?? [];
    assert.deepEqual(
      outputs.filter((o) => o.output_type === "error").map((o) => [o.ename, o.evalue]),
      [["Error", "deliberate fixture failure"]],
    );
    assert.deepEqual(
      outputs.filter((o) => o.name === "stderr"),
      [],
    );
    const after = cells.find((c) => sourceOf(c).includes("this cell must never run"))!;
    assert.equal(after.metadata.papermill?.status, "pending");
    assert.deepEqual(after.outputs, []);
  });

  it("refuses a value with no TypeScript form, naming the parameter, before running", async () => {
    const output = join(mkdtempSync(join(scratch, "papermill-")), "never.ipynb");
    const run = await papermill([fixture, output, "-y", "epochs: [1, 2]"]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /TypeScriptParameterError: parameter epochs: list value \[1, 2\] has no TypeScript parameter form \(use an int, float, string or boolean\)/,
    );
    assert.equal(existsSync(output), false, "papermill wrote a notebook");
  });

  it("lists a notebook's parameters with their TypeScript types (--help-notebook)", async () => {
    const run = await papermill(["--help-notebook", fixture]);
    assert.equal(run.code, 0, run.stderr);
    for (const line of [
      /^ {2}learningRate: number \(default 0\.5\)/m,
      /^ {2}epochs: integer \(default 40\)/m,
      /^ {2}title: string \(default "fixture run"\)/m,
      /^ {2}plots: boolean \(default true\)/m,
      /^ {2}dataFile: Unknown type \(default loadPath\("Iris\.csv"\)\)/m,
    ]) {
      assert.match(run.stdout, line);
    }
  });

  it("runs notebooks/14-training.ipynb with a new learning rate; its saved run is the library's", async () => {
    const dir = mkdtempSync(join(scratch, "papermill-14-"));
    const run = await papermill([
      ...["--cwd", "notebooks", join("notebooks", "14-training.ipynb"), join(dir, "out.ipynb")],
      ...["-p", "learningRate", "0.5", "-p", "outputDir", dir],
    ]);
    assert.equal(run.code, 0, run.stderr);
    const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
    const split = trainTestSplit(iris.features, oneHot(iris.species).y, { testSize: 20, seed: 7 });
    const expected = train({
      x: split.xTrain,
      y: split.yTrain,
      learningRate: 0.5,
      epochs: 15000,
      nHidden: 6,
      seed: 3,
    });
    const weights = JSON.parse(readFileSync(join(dir, "weights.json"), "utf8"));
    assert.deepEqual(weights.weights1, expected.weights1);
    assert.deepEqual(weights.weights2, expected.weights2);
    assert.equal(weights.finalMse, expected.finalMse);
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    assert.equal(config.learningRate, 0.5);
    assert.deepEqual(config.split, { testSize: 20, randomState: 7 });
  });
});

/**
 * Every committed notebook runs on Deno's kernel (`deno jupyter`, kernelspec `deno` in .venv)
 * through nbclient and prints what the committed tslab run printed: the same numbers, tables,
 * figures (as whole MIME bundles) and exercise verdicts, output for output. The one allowance is
 * Deno's: a cell's last displays may come after its idle status and be dropped (reported as
 * LATE by execute_notebook.py); whatever arrived must equal tslab's outputs, in order.
 */
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const repoRoot = join(__dirname, "..", "..");

interface RunResult {
  code: number;
  stderr: string;
}

function executeOnDeno(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      [
        join(repoRoot, "scripts", "py.sh"),
        join(repoRoot, "scripts", "execute_notebook.py"),
        "--kernel",
        "deno",
        ...args,
      ],
      { cwd: repoRoot, timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stderr });
      },
    );
  });
}

const notebooks = [
  ...readdirSync(join(repoRoot, "notebooks"))
    .filter((name) => name.endsWith(".ipynb"))
    .map((name) => join("notebooks", name)),
  ...readdirSync(join(repoRoot, "notebooks", "solutions"))
    .filter((name) => name.endsWith(".ipynb"))
    .map((name) => join("notebooks", "solutions", name)),
].sort();

describe("committed notebooks on the Deno kernel", () => {
  for (const path of notebooks) {
    describe(path, () => {
      let run: RunResult;
      before(async () => {
        run = await executeOnDeno(["--check", path]);
      });

      it("runs without a failing cell", () => {
        assert.doesNotMatch(run.stderr, /^FAILED /m, run.stderr);
      });

      it("prints tslab's committed outputs", () => {
        assert.doesNotMatch(run.stderr, /^STALE /m, run.stderr);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /outputs up to date/);
      });
    });
  }

  it("fails on a thrown error, naming the cell and the error", async () => {
    const run = await executeOnDeno([join("test", "fixtures", "failing-cell.ipynb")]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cell 2 \(`explode\("deliberate fixture failure"\);`\) failed/);
    assert.match(run.stderr, /Error: deliberate fixture failure/);
    assert.doesNotMatch(run.stderr, /this cell must never run/);
  });
});

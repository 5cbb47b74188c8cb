/**
 * Every committed notebook runs top to bottom through the real tslab kernel (nbclient, via
 * scripts/execute_notebook.py) and its committed outputs equal a fresh run's. Fixture notebooks
 * prove the runner really fails: on a thrown error, on a type error, on stale outputs.
 */
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const repoRoot = join(__dirname, "..", "..");
const fixtures = join(repoRoot, "test", "fixtures");

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/execute_notebook.py through scripts/py.sh (project venv + Jupyter paths). */
function executeNotebook(args: string[], timeoutMs = 30 * 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      [
        join(repoRoot, "scripts", "py.sh"),
        join(repoRoot, "scripts", "execute_notebook.py"),
        ...args,
      ],
      { cwd: repoRoot, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const notebooks = readdirSync(join(repoRoot, "notebooks"))
  .filter((name) => name.endsWith(".ipynb"))
  .sort();

describe("committed notebooks", () => {
  it("exist", () => {
    assert.ok(notebooks.length > 0, "no notebooks/*.ipynb found");
  });

  for (const name of notebooks) {
    describe(name, () => {
      let run: RunResult;
      before(async () => {
        run = await executeNotebook(["--check", join("notebooks", name)]);
      });

      it("executes through the tslab kernel without a failing cell", () => {
        assert.doesNotMatch(run.stderr, /^FAILED /m, run.stderr);
        assert.match(run.stderr, /\[\s*\d+\]\s+\d+\.\d+s/, "no per-cell progress was printed");
      });

      it("has committed outputs equal to a fresh execution (not stale)", () => {
        assert.doesNotMatch(run.stderr, /^STALE /m, run.stderr);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /outputs up to date/);
      });
    });
  }
});

describe("execute_notebook.py on fixture notebooks", () => {
  it("fails on a thrown error, naming the cell index, its first line and the error text", async () => {
    const run = await executeNotebook([join(fixtures, "failing-cell.ipynb")]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cell 2 \(`explode\("deliberate fixture failure"\);`\) failed/);
    assert.match(run.stderr, /Error: deliberate fixture failure/);
    // Cell 1 ran before it; cell 3 never did.
    assert.match(run.stderr, /\[\s*1\].*const before = 1 \+ 1;/);
    assert.doesNotMatch(run.stderr, /this cell must never run/);
    // The kernel's own stack frames (absolute paths into node_modules) are left out.
    assert.doesNotMatch(run.stderr, /tslab\/dist\//);
  });

  it("runs on past a cell tagged raises-exception, and still stops at an untagged failure", async () => {
    const run = await executeNotebook([join(fixtures, "expected-error-cell.ipynb")]);
    assert.equal(run.code, 1, run.stderr);
    // The expected error is not a failure; the next cell really ran (tslab drops requests that
    // arrive just after a failed cell, which the runner waits out rather than skip the cell).
    assert.doesNotMatch(run.stderr, /cell 1 .*failed/);
    assert.match(run.stderr, /\[\s*2\].*ran right after the expected error/);
    assert.doesNotMatch(run.stderr, /aborted/);
    assert.match(run.stderr, /cell 3 \(`throw new Error\("an untagged failure"\);`\) failed/);
    assert.doesNotMatch(run.stderr, /\[\s*4\]/);
  });

  it("fails on a TypeScript type error, printing tslab's diagnostic", async () => {
    const run = await executeNotebook([join(fixtures, "type-error-cell.ipynb")]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cell 0 \(`const count: number = "not a number";`\) failed/);
    assert.match(run.stderr, /Type 'string' is not assignable to type 'number'/);
  });

  it("--check reports stale committed outputs with a diff", async () => {
    const run = await executeNotebook(["--check", join(fixtures, "stale-output.ipynb")]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^STALE /m);
    assert.match(run.stderr, /cell 0 \(`console\.log\("sum =", 1 \+ 2\);`\)/);
    assert.match(run.stderr, /^- .*sum = 4/m);
    assert.match(run.stderr, /^\+ .*sum = 3/m);
  });

  it("--output writes a normalised notebook that --check then accepts", async () => {
    // Next to the fixture, so that the re-check runs in the same working directory.
    const out = join(fixtures, `.tmp-executed-${process.pid}.ipynb`);
    try {
      const run = await executeNotebook(["--output", out, join(fixtures, "stale-output.ipynb")]);
      assert.equal(run.code, 0, run.stderr);
      const nb = JSON.parse(readFileSync(out, "utf8"));
      const texts = nb.cells.map((c: { outputs: { text: string | string[] }[] }) =>
        c.outputs.map((o) => [o.text].flat().join("")).join(""),
      );
      assert.equal(texts[0], "sum = 3\n");
      // The repo path is replaced, so committed outputs never carry a machine's paths.
      assert.equal(texts[1], "cwd = <repo>/test/fixtures\n");
      assert.deepEqual(
        nb.cells.map((c: { execution_count: number }) => c.execution_count),
        [1, 2, 3],
      );
      for (const cell of nb.cells) assert.equal(cell.metadata.execution, undefined);

      // Re-executing the copy: the clock cell differs but is tagged volatile-output.
      const check = await executeNotebook(["--check", out]);
      assert.equal(check.code, 0, check.stderr);
    } finally {
      rmSync(out, { force: true });
    }
  });
});

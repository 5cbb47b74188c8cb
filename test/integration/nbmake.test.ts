/**
 * `pytest --nbmake` (the pinned pytest and nbmake in .venv) on the tslab kernel: every committed
 * notebook passes, and a copy of 13-backpropagation.ipynb with a failing cell inserted fails,
 * on that cell. One pytest run for all of them; its summary (-rA) gives each notebook's outcome.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "../support/python";

const notebooks = ["notebooks", join("notebooks", "solutions")].flatMap((dir) =>
  readdirSync(join(repoRoot, dir))
    .filter((name) => name.endsWith(".ipynb"))
    .map((name) => join(dir, name)),
);
const FAILURE = 'throw new Error("a failing cell inserted by the nbmake test");';

/** Each notebook's outcome from pytest's short summary (`PASSED path::name`, `FAILED …`). */
function outcomes(log: string): Map<string, "PASSED" | "FAILED"> {
  const result = new Map<string, "PASSED" | "FAILED">();
  for (const match of log.matchAll(/^(PASSED|FAILED) (\S+?)::/gm)) {
    result.set(match[2], match[1] as "PASSED" | "FAILED");
  }
  return result;
}

describe("pytest --nbmake on the tslab kernel", () => {
  let results: Map<string, "PASSED" | "FAILED">;
  let failingCopy: string;
  let log: string;
  before(async () => {
    mkdirSync(join(repoRoot, "runs"), { recursive: true });
    // One folder below the root, like notebooks/, so that ../data/Iris.csv resolves.
    const dir = mkdtempSync(join(repoRoot, "runs", "nbmake-"));
    const nb = JSON.parse(
      readFileSync(join(repoRoot, "notebooks", "13-backpropagation.ipynb"), "utf8"),
    ) as { cells: object[] };
    nb.cells.splice(2, 0, {
      cell_type: "code",
      execution_count: null,
      id: "inserted-failure",
      metadata: {},
      outputs: [],
      source: [FAILURE],
    });
    failingCopy = relative(repoRoot, join(dir, "13-backpropagation-failing.ipynb"));
    writeFileSync(join(repoRoot, failingCopy), JSON.stringify(nb, null, 1));
    try {
      log = await new Promise<string>((resolve) => {
        execFile(
          "bash",
          [
            join(repoRoot, "scripts", "py.sh"),
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--nbmake",
            "-rA",
            ...notebooks,
            failingCopy,
          ],
          { cwd: repoRoot, timeout: 30 * 60_000, maxBuffer: 64 * 1024 * 1024 },
          (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`),
        );
      });
      results = outcomes(log);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs every notebook and the failing copy", () => {
    assert.deepEqual([...results.keys()].sort(), [...notebooks, failingCopy].sort(), log);
  });

  for (const notebook of notebooks) {
    it(`passes ${notebook}`, () => {
      assert.equal(results.get(notebook), "PASSED", log);
    });
  }

  it("fails the copy of 13-backpropagation.ipynb with a failing cell, naming its error", () => {
    assert.equal(results.get(failingCopy), "FAILED", log);
    assert.match(log, /^Error: a failing cell inserted by the nbmake test$/m);
  });
});

/**
 * The committed exercise notebook and its solutions are what scripts/exercise-notebooks.ts
 * writes (same cells, ids, tags and sources; outputs come from executing them), and their
 * structure is the one the checks and the headless runner rely on.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NOTEBOOK_PATHS, notebookCells, type NotebookKind } from "../../scripts/exercise-notebooks";

const repoRoot = join(__dirname, "..", "..");

interface Cell {
  id?: string;
  cell_type: string;
  metadata: { tags?: string[] };
  source: string | string[];
}

function committed(kind: NotebookKind): Cell[] {
  const nb = JSON.parse(readFileSync(join(repoRoot, NOTEBOOK_PATHS[kind]), "utf8")) as {
    cells: Cell[];
  };
  return nb.cells;
}

const joined = (source: string | string[]) => [source].flat().join("");

describe("exercise notebooks", () => {
  for (const kind of ["exercises", "solutions"] as const) {
    it(`${NOTEBOOK_PATHS[kind]} has the generator's cells (run scripts/exercise-notebooks.ts)`, () => {
      const have = committed(kind).map((c) => ({
        id: c.id,
        cell_type: c.cell_type,
        tags: c.metadata.tags ?? [],
        source: joined(c.source),
      }));
      const want = notebookCells(kind).map((c) => ({
        id: c.id,
        cell_type: c.cell_type,
        tags: c.metadata.tags ?? [],
        source: c.source,
      }));
      assert.deepEqual(have, want);
    });
  }

  it("pairs every exercise cell with the check cell right after it, in the same order", () => {
    const cells = notebookCells("exercises");
    const exercises = cells.filter((c) => c.metadata.tags?.includes("exercise"));
    assert.deepEqual(
      exercises.map((c) => c.id),
      [
        "exercise-sigmoid",
        "exercise-feedforward",
        "exercise-outputLayer",
        "exercise-hiddenLayer",
        "exercise-weightUpdates",
        "exercise-meanSquaredError",
        "exercise-gradientStep",
        "exercise-trainingLoop",
      ],
    );
    for (const cell of exercises) {
      const next = cells[cells.indexOf(cell) + 1];
      assert.equal(next.id, cell.id.replace("exercise-", "check-"));
      assert.ok(next.metadata.tags?.includes("check"));
      assert.equal(cells[cells.indexOf(cell) - 1].cell_type, "markdown");
      assert.match(cell.source, /\n {2}return notDone\(\);\n\}$/);
    }
    assert.equal(cells[cells.length - 1].source, "exercises.summary();");
  });

  it("differs from the solutions only in the exercise cells and the paths that depend on the folder", () => {
    const [ex, sol] = [notebookCells("exercises"), notebookCells("solutions")];
    assert.equal(ex.length, sol.length);
    ex.forEach((cell, i) => {
      if (cell.metadata.tags?.includes("exercise")) {
        assert.doesNotMatch(sol[i].source, /notDone/);
        assert.equal(sol[i].source.split("\n")[0], cell.source.split("\n")[0]);
      } else if (cell.id === "data") {
        assert.equal(sol[i].source, cell.source.replace('"../data/', '"../../data/'));
      } else if (cell.id !== "intro") {
        assert.equal(sol[i].source, cell.source);
      }
    });
  });

  it("tags the lesson's hyperparameters as parameters", () => {
    const cell = notebookCells("exercises").find((c) => c.metadata.tags?.includes("parameters"));
    assert.match(
      cell?.source ?? "",
      /let learningRate = 0\.1;[\s\S]*let nHidden = 2;[\s\S]*let seed = 10;/,
    );
  });
});

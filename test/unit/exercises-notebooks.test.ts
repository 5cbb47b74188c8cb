/**
 * The committed exercise notebook, its solutions and the nbgrader source assignment are what
 * scripts/exercise-notebooks.ts writes (same cells, ids, tags and sources; the two notebooks'
 * outputs come from executing them; the nbgrader source is byte for byte the generator's, with
 * data/Iris.csv beside it), and their structure is the one the checks and the graders rely on.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  NBGRADER_DATA,
  NOTEBOOK_PATHS,
  notebookCells,
  notebookJson,
  type NotebookKind,
} from "../../scripts/exercise-notebooks";

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

  it(`${NOTEBOOK_PATHS.nbgrader} and its Iris.csv are the generator's output`, () => {
    const committed = readFileSync(join(repoRoot, NOTEBOOK_PATHS.nbgrader), "utf8");
    assert.equal(committed, JSON.stringify(notebookJson("nbgrader"), null, 1) + "\n");
    assert.ok(
      readFileSync(join(repoRoot, NBGRADER_DATA.to)).equals(
        readFileSync(join(repoRoot, NBGRADER_DATA.from)),
      ),
      `${NBGRADER_DATA.to} differs from ${NBGRADER_DATA.from}`,
    );
  });

  it("nbgrader: exercise cells are answers with the solution delimited, checks graded and strict", () => {
    const [plain, solved, graded] = (["exercises", "solutions", "nbgrader"] as const).map(
      notebookCells,
    );
    assert.equal(graded.length, plain.length);
    graded.forEach((cell, i) => {
      const role = cell.metadata.nbgrader!;
      assert.equal(role.grade_id, cell.id);
      const tags = cell.metadata.tags ?? [];
      if (tags.includes("exercise")) {
        assert.deepEqual([role.solution, role.grade, role.locked], [true, false, false]);
        // The stub's hint, then the solution exactly as in the solutions notebook, delimited.
        const stub = plain[i].source.split("\n");
        const head = stub.slice(0, -2); // the signature and the hint
        assert.deepEqual(stub.slice(-2), ["  return notDone();", "}"]);
        const body = solved[i].source.split("\n").slice(head.length - 1, -1);
        assert.equal(
          cell.source,
          [...head, "  // BEGIN SOLUTION", ...body, "  // END SOLUTION", "}"].join("\n"),
        );
      } else if (tags.includes("check") && cell.id !== "summary") {
        assert.deepEqual(
          [role.solution, role.grade, role.locked, role.points],
          [false, true, true, 1],
        );
        assert.equal(cell.source, plain[i].source.replace(/\);$/, ", { strict: true });"));
      } else {
        assert.deepEqual([role.solution, role.grade, role.locked], [false, false, true]);
        if (cell.id === "data") assert.match(cell.source, /const dataPath = "Iris\.csv";/);
        else if (cell.id !== "intro") assert.equal(cell.source, plain[i].source);
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

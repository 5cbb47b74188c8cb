/**
 * A learner edits the hyperparameters of the part-13 notebook and re-runs the cells below,
 * without restarting the kernel: the new values take effect and the printed MSEs are the
 * library's for those values.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { loadIris, oneHot, selectRows } from "../../lib/index";
import { trainReadable } from "../../lib/train/trainReadable";
import { assertClose, repoRoot } from "../support/python";

/**
 * The MSE before and after one step is what the readable training loop (trainingStep per epoch) records for
 * its first two epochs (each epoch's MSE is measured before that epoch's update).
 */
function mseBeforeAndAfter(learningRate: number, nHidden: number, seed: number): number[] {
  const iris = loadIris(join(repoRoot, "data", "Iris.csv"));
  const positions = [1, 51, 101];
  const x = selectRows(iris.features, positions);
  const y = oneHot(selectRows(iris.species, positions)).y;
  return trainReadable({ x, y, learningRate, epochs: 2, nHidden, seed }).history.mse;
}

function printed(texts: string[], label: string): number {
  const match = texts.join("\n").match(new RegExp(`${label} = (\\S+)`));
  if (!match) throw new Error(`no "${label} = …" in the outputs:\n${texts.join("\n")}`);
  return Number(match[1]);
}

describe("editing part 13's hyperparameters inline", () => {
  it("re-running the cells below the edited parameters cell uses the new values", () => {
    const out = execFileSync(
      join(repoRoot, "scripts", "py.sh"),
      [
        join(repoRoot, "test", "support", "rerun_notebook.py"),
        join(repoRoot, "notebooks", "13-backpropagation.ipynb"),
        "learningRate=0.5",
        "nHidden=3",
      ],
      { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 },
    );
    const { first, second } = JSON.parse(out) as { first: string[]; second: string[] };

    const [before, after] = mseBeforeAndAfter(0.1, 2, 10);
    assertClose(printed(first, "MSE before the update"), before, "first run, MSE before", 1e-15);
    assertClose(printed(first, "MSE after the update"), after, "first run, MSE after", 1e-15);

    const [before2, after2] = mseBeforeAndAfter(0.5, 3, 10);
    assertClose(printed(second, "MSE before the update"), before2, "edited run, MSE before", 1e-15);
    assertClose(printed(second, "MSE after the update"), after2, "edited run, MSE after", 1e-15);
    assert.notEqual(before2, before, "nHidden = 3 should change the starting MSE");
    assert.match(second.join("\n"), /weights1 {2}shape \(4,3\)/);
  });
});

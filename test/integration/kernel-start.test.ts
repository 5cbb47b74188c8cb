/**
 * Kernel starts take turns across processes (scripts/kernel_start.py): jupyter_client picks a
 * kernel's ports and lets them go before the kernel binds them, so two processes starting
 * kernels at once can be handed the same ports. A start holds a lock from before the ports are
 * picked until its kernel answers; these tests show that a second start waits for it, and that
 * a notebook run gives the turn back once its kernel answered, not when the run ends. A kernel
 * that cannot start at all is one line from either runner, naming it, with no traceback.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot, venvPython } from "../support/python";

const scratch = mkdtempSync(join(tmpdir(), "kernel-start-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Watched {
  child: ChildProcess;
  /** when each printed line arrived (ms since the test's start) */
  lines: Map<string, number>;
  exited: Promise<number>;
}

const t0 = Date.now();
function watch(script: string, args: string[]): Watched {
  const child = spawn(venvPython, [join(repoRoot, script), ...args], { cwd: repoRoot });
  const lines = new Map<string, number>();
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n").filter(Boolean)) lines.set(line.trim(), Date.now() - t0);
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number>((resolve) =>
    child.on("exit", (code) => {
      if (code !== 0) console.error(`${script} exited ${code}:\n${stderr}`);
      resolve(code ?? 1);
    }),
  );
  return { child, lines, exited };
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("kernel starts take turns across processes", () => {
  it("a second start waits until the first has given the turn back", async () => {
    const first = watch("test/support/kernel_turn.py", ["hold", "1.5"]);
    await until("the first to hold the turn", () => first.lines.has("held"));
    const second = watch("test/support/kernel_turn.py", ["take"]);
    assert.equal(await first.exited, 0);
    assert.equal(await second.exited, 0);
    const held = first.lines.get("held")!;
    const took = second.lines.get("took")!;
    assert.ok(took - held >= 1400, `the second took the turn ${took - held} ms after the first`);
  });

  it("a notebook run gives the turn back once its kernel answered, not at the end", async () => {
    const marker = join(scratch, "cell-ran");
    const notebook = join(scratch, "slow.ipynb");
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, outputs: [], source });
    writeFileSync(
      notebook,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {
          kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
        },
        cells: [
          cell(`require("fs").writeFileSync(${JSON.stringify(marker)}, "ran");`),
          cell("await new Promise((resolve) => setTimeout(resolve, 8000));"),
        ],
      }),
    );
    const run = watch("scripts/execute_notebook.py", [notebook]);
    await until("the notebook's first cell", () => existsSync(marker), 120_000);
    const other = watch("test/support/kernel_turn.py", ["take"]);
    const otherExit = await other.exited;
    const stillRunning = run.child.exitCode === null;
    assert.equal(otherExit, 0);
    assert.ok(stillRunning, "the other start had to wait until the notebook run ended");
    assert.equal(await run.exited, 0);
  });
});

describe("a kernel that cannot start", () => {
  // A kernelspec, beside tslab's in .venv (the project's only Jupyter path), whose process
  // prints why and exits, as a kernel does that cannot bind its port.
  const name = `exits-at-start-${process.pid}`;
  const specDir = join(repoRoot, ".venv", "share", "jupyter", "kernels", name);
  const argv = ["bash", "-c", "echo 'Error: listen EADDRINUSE' >&2; exit 1", "{connection_file}"];
  mkdirSync(specDir, { recursive: true });
  writeFileSync(
    join(specDir, "kernel.json"),
    JSON.stringify({ argv, display_name: "exits at start", language: "typescript" }),
  );
  after(() => rmSync(specDir, { recursive: true, force: true }));
  const notebook = join(repoRoot, "notebooks", "01-feedforward-one-neuron.ipynb");

  for (const [runner, args] of [
    ["execute_notebook.py", ["--kernel", name, notebook]],
    ["notebook.py (npm run notebook)", ["--kernel", name, notebook, "--out", join(scratch, "out")]],
  ] as const) {
    it(`${runner}: exits 1 with one line naming the kernel, and no traceback`, () => {
      const script = join(repoRoot, "scripts", runner.split(" ")[0]);
      const run = spawnSync(venvPython, [script, ...args], { cwd: repoRoot, encoding: "utf8" });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /Error: listen EADDRINUSE/);
      assert.match(
        run.stderr,
        new RegExp(
          `FAILED notebooks/01-feedforward-one-neuron\\.ipynb: the ${name} kernel exited before it answered`,
        ),
      );
      assert.doesNotMatch(run.stderr, /Traceback|AssertionError/);
    });
  }
});

/**
 * ■ on the Deno kernel during a long live training (test/support/deno_interrupt.py, the real
 * kernel through jupyter_client, interrupted as JupyterLab does): the cell ends normally and
 * soon, the kernel process idles, the figure says where the run stopped, and the next cell sees
 * the epochs trained.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import { runPythonJson } from "../support/python";

interface Interrupted {
  interruptToIdleSeconds: number | null;
  lastFigureText: string;
  error: string | null;
  next: string;
  nextError: string | null;
  alive: boolean;
  cpuShareAfter: number;
}

it("■ during trainLive on Deno stops the run at its next chunk and keeps the kernel", () => {
  const result = runPythonJson<Interrupted>("test/support/deno_interrupt.py");
  assert.equal(result.error, null, "the interrupted cell failed");
  assert.ok(result.alive, "the kernel died");
  assert.ok(
    result.interruptToIdleSeconds !== null && result.interruptToIdleSeconds < 5,
    `the cell went idle ${result.interruptToIdleSeconds} s after ■`,
  );
  assert.ok(result.cpuShareAfter < 0.05, `the kernel kept ${result.cpuShareAfter} of a core busy`);
  const stopped = /interrupted at epoch (\d+) of 5000000/.exec(result.lastFigureText);
  assert.ok(stopped, `the figure does not say where it stopped:\n${result.lastFigureText}`);
  assert.equal(result.nextError, null);
  // eslint-disable-next-line no-control-regex
  assert.equal(result.next.replace(/\x1b\[\d+m/g, ""), stopped[1], "the run kept other epochs");
});

/**
 * The patched tslab kernel over the Jupyter protocol, driven by jupyter_client from .venv
 * (test/support/kernel_protocol.py): a failed cell sends an iopub `error` and an execute_reply
 * with the same ename, evalue and traceback, nothing on stderr; after a failure only the
 * requests already waiting are aborted (ipykernel's stop_on_error), one sent after the reply
 * runs; `{ x }` shorthand sees another cell's `x`.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runPythonJson } from "../support/python";

interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}
interface Exchange {
  reply: { status: string; execution_count?: number } & Partial<ErrorContent>;
  iopub: { type: string; content: Record<string, unknown> }[];
}

const run = (scenario: string) =>
  runPythonJson<Exchange[]>("test/support/kernel_protocol.py", [scenario]);

function stdout(exchange: Exchange): string {
  return exchange.iopub
    .filter((m) => m.type === "stream" && m.content.name === "stdout")
    .map((m) => String(m.content.text))
    .join("");
}

/** The one iopub error of a failed request, equal to its reply's error fields. */
function theError(exchange: Exchange): ErrorContent {
  assert.equal(exchange.reply.status, "error");
  const errors = exchange.iopub.filter((m) => m.type === "error");
  assert.equal(errors.length, 1, JSON.stringify(exchange.iopub));
  const sent = errors[0].content as unknown as ErrorContent;
  const { ename, evalue, traceback } = exchange.reply;
  assert.deepEqual({ ename, evalue, traceback }, sent, "reply and iopub error differ");
  assert.ok(
    exchange.iopub.every((m) => !(m.type === "stream" && m.content.name === "stderr")),
    "the failure was also written to stderr",
  );
  return sent;
}

describe("tslab kernel protocol (patched)", () => {
  it("a thrown error: iopub error + reply fields; the cell sent after the reply runs", () => {
    const [failed, next] = run("fail-then-next");
    const error = theError(failed);
    assert.equal(error.ename, "RangeError");
    assert.equal(error.evalue, "deliberate failure");
    assert.ok(error.traceback.some((line) => line.startsWith("RangeError: deliberate failure")));
    assert.ok(
      error.traceback.every((line) => !/tslab[\\/]dist|node:internal/.test(line)),
      error.traceback.join("\n"),
    );
    assert.equal(failed.reply.execution_count, 1);
    assert.equal(next.reply.status, "ok");
    assert.equal(stdout(next), "second cell ran\n");
  });

  it("a request already waiting when a cell fails is aborted, a later one runs", () => {
    const [failed, queued, later] = run("queued");
    assert.equal(theError(failed).evalue, "failure while another cell waits");
    assert.equal(queued.reply.status, "aborted");
    assert.equal(stdout(queued), "");
    assert.equal(later.reply.status, "ok");
    assert.equal(stdout(later), "third\n");
  });

  it("a type-check failure is a TypeScriptError with line:col - message", () => {
    const [failed, next] = run("type-error");
    const error = theError(failed);
    assert.equal(error.ename, "TypeScriptError");
    assert.equal(error.evalue, "1:7 - Type 'string' is not assignable to type 'number'.");
    assert.deepEqual(error.traceback, [error.evalue]);
    assert.equal(next.reply.status, "ok");
    assert.equal(stdout(next), "2\n");
  });

  it("{ x } shorthand reads and writes another cell's x; locals and nesting unchanged", () => {
    const outputs = run("shorthand").map((exchange) => {
      assert.equal(exchange.reply.status, "ok", JSON.stringify(exchange));
      return stdout(exchange).trim();
    });
    assert.deepEqual(outputs, [
      "",
      "{ a: 1 }",
      "{ a: 1, b: { n: 2 }, c: 3 }",
      "5",
      "2",
      "{ a: 'inner' }",
      "{ n: 2, nested: { b: { n: 2 } } }",
    ]);
  });
});

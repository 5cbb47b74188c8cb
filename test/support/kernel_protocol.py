"""Talks to the project's tslab kernel over the Jupyter protocol (jupyter_client) and prints,
as JSON, what it sent back for each request: the execute_reply's content and the iopub
messages (type and content) of that request.

    python test/support/kernel_protocol.py CASE

Cases:
  fail-then-next   a failing cell, then (sent at once after its reply) a cell that prints
  queued           a failing cell and a second one sent before the first replies
  type-error       a cell that does not type-check, then one that runs
  shorthand        `let a = 1`, then `({ a })` and destructuring/nested variants
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import jupyter_paths  # noqa: E402

jupyter_paths.use()

from jupyter_client.manager import start_new_kernel  # noqa: E402
from kernel_start import start_turn  # noqa: E402

TIMEOUT = 120


_replies: dict[str, dict] = {}
_iopub: dict[str, list] = {}
_idle: set[str] = set()


def collect(kc, msg_id: str) -> dict:
    """The reply to `msg_id` and its iopub messages up to the kernel's idle status (messages
    of other requests that arrive meanwhile are kept for their own turn)."""
    while msg_id not in _replies:
        msg = kc.get_shell_msg(timeout=TIMEOUT)
        _replies[msg["parent_header"].get("msg_id")] = msg["content"]
    while msg_id not in _idle:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        parent, kind = msg["parent_header"].get("msg_id"), msg["msg_type"]
        if kind == "status":
            if msg["content"]["execution_state"] == "idle":
                _idle.add(parent)
        else:
            _iopub.setdefault(parent, []).append({"type": kind, "content": msg["content"]})
    return {"reply": _replies[msg_id], "iopub": _iopub.get(msg_id, [])}


def run(kc, code: str) -> dict:
    return collect(kc, kc.execute(code))


def main(case: str) -> None:
    with start_turn():
        km, kc = start_new_kernel(kernel_name="tslab", cwd=str(Path.cwd()))
    try:
        if case == "fail-then-next":
            first = kc.execute('throw new RangeError("deliberate failure");')
            reply = collect(kc, first)
            # Sent the moment the reply is in, as nbclient's allow_errors or papermill do.
            second = run(kc, 'console.log("second cell ran");')
            out = [reply, second]
        elif case == "queued":
            # Both sent before the first replies: the second was waiting, so it is aborted;
            # the third, sent after the replies, runs.
            slow = "const until = Date.now() + 1500; while (Date.now() < until) {}\n"
            first = kc.execute(slow + 'throw new Error("failure while another cell waits");')
            second = kc.execute('console.log("queued cell ran");')
            out = [collect(kc, first), collect(kc, second), run(kc, 'console.log("third");')]
        elif case == "type-error":
            out = [run(kc, 'const count: number = "not a number";'), run(kc, "1 + 1")]
        elif case == "shorthand":
            cells = [
                "let a = 1; const b = { n: 2 };",
                "({ a })",
                "({ a, b, c: 3 })",
                "({ a } = { a: 5 }); a",
                "({ a = b.n } = {}); a",
                "function f() { const a = 'inner'; return { a }; } f()",
                "const { n } = b; ({ n, nested: { b } })",
            ]
            out = [run(kc, code) for code in cells]
        else:
            raise SystemExit(f"unknown case {case!r}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])

"""Interrupts (■, as JupyterLab does: the kernelspec's interrupt_mode) a long live training on
the Deno kernel and reports what a learner sees, as JSON: the seconds from the interrupt to the
cell's idle status, the live figure's last text, whether the cell failed, and the next cell's
result (the epochs the run kept), and the kernel process's share of a core over the 2 s after
the cell ended (a run that went on behind the scenes would keep it busy).

    python test/support/deno_interrupt.py
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import execute_notebook  # noqa: E402,F401  (sets the project's Jupyter paths)
import psutil  # noqa: E402
from jupyter_client.manager import start_new_kernel  # noqa: E402
from kernel_start import start_turn  # noqa: E402

SETUP = (
    'import { loadIris, oneHot, trainLive } from "backprop-lib";\n'
    'const iris = loadIris("../data/Iris.csv");\n'
    "const { y } = oneHot(iris.species);"
)
LONG_RUN = (
    "let run = await trainLive(\n"
    "  { x: iris.features, y: y, learningRate: 0.1, epochs: 5000000, nHidden: 6, seed: 3 },\n"
    '  { name: "Long run" },\n'
    ");"
)
NEXT = "run.history.mse.length"


def execute(kc, code, *, interrupt_after=None, km=None, timeout=60):
    """Runs `code`; returns (outputs, error, seconds from the interrupt to idle)."""
    msg_id = kc.execute(code)
    started = time.monotonic()
    interrupted = None
    outputs, error = [], None
    while True:
        if interrupt_after is not None and interrupted is None:
            if time.monotonic() - started >= interrupt_after:
                km.interrupt_kernel()
                interrupted = time.monotonic()
        if time.monotonic() - started > timeout:
            raise SystemExit(f"no idle status within {timeout} s after: {code[:40]}")
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except Exception:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            latency = None if interrupted is None else time.monotonic() - interrupted
            return outputs, error, latency
        if kind in ("display_data", "update_display_data", "execute_result"):
            outputs.append(str(content["data"].get("text/plain", "")))
        elif kind == "error":
            error = f"{content['ename']}: {content['evalue']}"


def main():
    with start_turn():
        km, kc = start_new_kernel(kernel_name="deno", cwd=str(ROOT / "notebooks"), startup_timeout=60)
    try:
        _, error, _ = execute(kc, SETUP)
        if error:
            raise SystemExit(f"setup cell failed: {error}")
        shown, error, latency = execute(kc, LONG_RUN, interrupt_after=3.0, km=km)
        process = psutil.Process(km.provisioner.pid)
        before = sum(process.cpu_times()[:2])
        time.sleep(2)
        busy = (sum(process.cpu_times()[:2]) - before) / 2
        after, next_error, _ = execute(kc, NEXT)
        print(
            json.dumps(
                {
                    "interruptToIdleSeconds": latency,
                    "lastFigureText": shown[-1] if shown else "",
                    "error": error,
                    "next": after[-1] if after else "",
                    "nextError": next_error,
                    "alive": km.is_alive(),
                    "cpuShareAfter": busy,
                }
            )
        )
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()

"""Run a notebook headlessly with parameters (papermill underneath); hand back the executed
notebook, an offline HTML report and, for training notebooks, the run's results.

    npm run notebook -- NOTEBOOK [--param name=value ...] [--out DIR] [--timeout SECONDS]

NOTEBOOK is a path, or a name in notebooks/ (`13-backpropagation`). The cell tagged `parameters`
holds the defaults as TypeScript declarations (`let learningRate = 0.1;`); given values are
checked against the defaults' types before anything runs, then papermill writes them (through
the project's TypeScript translator, python/) into a cell tagged `injected-parameters` after it.
A notebook that declares `outputDir` gets the output folder as that parameter and writes its own
results there (backprop-lib's `saveRun`).

Output (default runs/<notebook>-<timestamp>/, git-ignored):
  <notebook>.ipynb   the executed notebook, as papermill writes it
  <notebook>.html    standalone report; Plotly/Vega-Lite figures interactive offline
  run.json           notebook, parameters, per-cell seconds, status, files
  weights.json, history.csv, config.json
                     what the notebook saved into outputDir (training notebooks)

Exit status: 0 ok, 1 a cell failed (named, with its error text; the partial notebook and
report are still written), 2 bad arguments or parameters (nothing runs).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.dont_write_bytecode = True  # no scripts/__pycache__ in the work tree
import execute_notebook as runner  # noqa: E402  (sets the project's Jupyter paths first)
import nbformat  # noqa: E402
import papermill  # noqa: E402
from kernel_start import KernelStartError, start_turn  # noqa: E402
from backprop_papermill.declarations import Declaration, declarations  # noqa: E402
from backprop_papermill.translator import TypeScriptTranslator  # noqa: E402
from nbclient.exceptions import CellTimeoutError, DeadKernelError  # noqa: E402
from papermill.exceptions import PapermillExecutionError  # noqa: E402
from papermill.execute import ERROR_MARKER_TAG  # noqa: E402

REPO_ROOT = runner.REPO_ROOT
PARAMETERS_TAG = "parameters"
CHECK_TAG = "check"
RAISES_TAG = "raises-exception"
OUTPUT_PARAMETER = "outputDir"
EXPECTED = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "string": "a string",
}


class UsageError(Exception):
    """Bad command line or parameters: reported before any cell runs (exit 2)."""


# --- parameters ---------------------------------------------------------------------------------


def _describe(d: Declaration) -> str:
    return f"{d.name} ({d.kind}, default {d.literal})"


def coerce(d: Declaration, text: str):
    """The command-line text as a value of the default's type, or UsageError."""
    bad = UsageError(
        f"parameter {d.name} expects {EXPECTED[d.kind]} (default {d.literal}), got '{text}'"
    )
    if d.kind == "string":
        return text
    if d.kind == "boolean":
        if text not in ("true", "false"):
            raise bad
        return text == "true"
    if d.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise bad
        return int(text)
    try:
        value = float(text)
    except ValueError:
        raise bad from None
    if not math.isfinite(value) or "_" in text:
        raise bad
    return value


def parameters_of(nb) -> dict[str, Declaration] | None:
    """The declarations of the cell tagged `parameters`, or None without one."""
    for cell in nb.cells:
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.metadata.get("tags", []):
            return {d.name: d for d in declarations(cell.source)}
    return None


def check_parameters(declared, given: list[str], label: str) -> dict[str, object]:
    """`name=value` strings checked against the defaults; the values by name."""
    if not given:
        return {}
    if declared is None:
        raise UsageError(
            f"{label} has no cell tagged '{PARAMETERS_TAG}', so it takes no parameters"
        )
    settable = {n: d for n, d in declared.items() if d.kind and n != OUTPUT_PARAMETER}
    valid = "; ".join(_describe(d) for d in settable.values()) or "none"
    values: dict[str, object] = {}
    for item in given:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--param expects name=value, got '{item}'. Valid parameters: {valid}")
        if name not in settable:
            why = (
                "the runner sets it to the output folder; use --out"
                if name == OUTPUT_PARAMETER
                else "its default is not a number, string or boolean literal"
                if name in declared
                else "no such parameter"
            )
            raise UsageError(
                f"unknown parameter '{name}' for {label} ({why}). Valid parameters: {valid}"
            )
        if name in values:
            raise UsageError(f"parameter {name} is given twice")
        try:
            values[name] = coerce(settable[name], text)
        except UsageError as err:
            raise UsageError(f"{err}. Valid parameters: {valid}") from None
    return values


def shown_values(values: dict[str, object]) -> str:
    return ", ".join(f"{k} = {TypeScriptTranslator.translate(v)}" for k, v in values.items())


# --- command line -----------------------------------------------------------------------------


def _user_cwd() -> Path:
    """npm runs scripts from the repo root; INIT_CWD is where the user typed the command."""
    return Path(os.environ.get("INIT_CWD") or os.getcwd())


def resolve_notebook(name: str) -> Path:
    candidates = [_user_cwd() / name, REPO_ROOT / name, REPO_ROOT / "notebooks" / name]
    candidates += [c.with_name(c.name + ".ipynb") for c in candidates if c.suffix != ".ipynb"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    available = ", ".join(p.stem for p in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")))
    raise UsageError(f"notebook '{name}' not found (notebooks: {available or 'none'})")


def default_out_dir(stem: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = REPO_ROOT / "runs" / f"{stem}-{stamp}"
    n = 2
    while out.exists():
        out = REPO_ROOT / "runs" / f"{stem}-{stamp}-{n}"
        n += 1
    return out


def expected_errors_only(nb) -> bool:
    """Every error output is in a cell tagged raises-exception (a deliberate error)."""
    failed = [c for c in nb.cells if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    return bool(failed) and all(RAISES_TAG in c.metadata.get("tags", []) for c in failed)


def git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def parse_args(argv: list[str] | None):
    parser = argparse.ArgumentParser(
        prog="npm run notebook --",
        description="Run a notebook headlessly with parameters; write the executed notebook, "
        "an offline HTML report and (training notebooks) the run's results.",
    )
    parser.add_argument("notebook", help="path, or a name in notebooks/ (e.g. 13-backpropagation)")
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a default of the cell tagged 'parameters' (repeatable)",
    )
    parser.add_argument("--out", type=Path, help="output folder (default runs/<notebook>-<time>)")
    parser.add_argument("--timeout", type=int, default=runner.DEFAULT_TIMEOUT, help="s per cell")
    parser.add_argument(
        "--kernel", "-k", help="kernel to run on (tslab or deno; default: the notebook's, tslab)"
    )
    parser.add_argument("--no-report", action="store_true", help="skip the HTML report")
    parser.add_argument("--list-params", action="store_true", help="print the parameters, exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        path = resolve_notebook(args.notebook)
        label = runner.display_path(path)
        declared = parameters_of(nbformat.read(path, as_version=4))
        if args.list_params:
            for d in (declared or {}).values():
                if d.kind and d.name != OUTPUT_PARAMETER:
                    print(_describe(d))
            return 0
        values = check_parameters(declared, args.param, label)
    except UsageError as err:
        print(f"notebook: {err}", file=sys.stderr)
        return 2

    out_dir = (_user_cwd() / args.out).resolve() if args.out else default_out_dir(path.stem)
    out_dir.mkdir(parents=True, exist_ok=True)
    notebook_out = out_dir / path.name
    parameters = dict(values)
    if declared and OUTPUT_PARAMETER in declared:
        parameters[OUTPUT_PARAMETER] = str(out_dir)

    print(f"{label}: running in {runner.display_path(out_dir)}/", flush=True)
    if values:
        print(f"parameters: {shown_values(values)}")
    cell_seconds: dict[int, float] = {}
    current: list[int] = []
    cell_started: list[float] = []

    # nbclient's hooks, which papermill hands through: called for every cell, so code cells
    # with source (the ones sent to the kernel) are picked out here.
    def on_cell_start(cell, cell_index: int) -> None:
        if not runner.runs(cell):
            return
        current[:] = [cell_index]
        cell_started[:] = [time.monotonic()]
        print(f"[{cell_index:>3}] {runner.first_line(cell)[:70]:<70} ", end="", flush=True)

    def on_cell_executed(cell, cell_index: int, execute_reply) -> None:
        seconds = time.monotonic() - cell_started[0]
        cell_seconds[cell_index] = round(seconds, 3)
        failed = execute_reply.get("content", {}).get("status") == "error"
        if failed and RAISES_TAG in cell.metadata.get("tags", []):
            print(f"{seconds:7.2f}s  raised, as its tag says", flush=True)
        else:
            print("FAILED" if failed else f"{seconds:7.2f}s", flush=True)
        if CHECK_TAG in cell.metadata.get("tags", []):  # an exercise's verdict, for marking
            for output in cell.get("outputs", []):
                text = "".join(output.get("data", {}).get("text/plain", "")).rstrip()
                if text:
                    print("\n".join("      " + line for line in text.splitlines()), flush=True)

    started_at = datetime.now(timezone.utc)
    started = time.monotonic()
    failure: tuple[int, str] | None = None
    try:
        # the kernel start takes its turn (kernel_start.py), given back once the kernel answered
        with start_turn() as end_turn:
            papermill.execute_notebook(
                str(path),
                str(notebook_out),
                parameters=parameters,
                kernel_name=args.kernel,
                cwd=str(path.parent),
                progress_bar=False,
                execution_timeout=args.timeout,
                on_notebook_start=end_turn,
                on_cell_start=on_cell_start,
                on_cell_executed=on_cell_executed,
            )
    except PapermillExecutionError as err:
        failure = (err.cell_index, "")
    except CellTimeoutError:  # papermill has closed the cell's progress line
        failure = (current[0], f"timed out after {args.timeout} s (raise --timeout)")
    except DeadKernelError:
        failure = (current[0], "the kernel died")
    except KernelStartError as err:
        kernel = args.kernel or runner.kernel_name_of(nbformat.read(path, as_version=4))
        print(f"FAILED {label}: the {kernel} kernel {err}; no cell ran", file=sys.stderr)
        return 1
    seconds = round(time.monotonic() - started, 3)

    nb = nbformat.read(notebook_out, as_version=4)
    if failure and expected_errors_only(nb):
        # papermill raises for any error output, even in a cell tagged raises-exception (which
        # nbclient ran past); such a run succeeded, so its error notes come out again
        nb.cells = [c for c in nb.cells if ERROR_MARKER_TAG not in c.metadata.get("tags", [])]
        nbformat.write(nb, notebook_out)
        failure = None
    error_text = ""
    if failure:
        index, error_text = failure
        # papermill marks the cell that raised; it also inserts error notes above it.
        marked = [c for c in nb.cells if c.metadata.get("papermill", {}).get("status") == "failed"]
        cell = marked[0] if marked else nb.cells[index]
        error_text = "\n".join(t for t in (error_text, runner.cell_error_text(cell)) if t)
        error_message = f"{label}: cell {index} (`{runner.first_line(cell)}`) failed:\n{error_text}"

    info = {
        "notebook": label,
        "parameters": values,
        "status": "failed" if failure else "ok",
        "started": started_at.isoformat(timespec="seconds"),
        "seconds": seconds,
        "commit": git_commit(),
    }
    own = {notebook_out.name, "run.json"}
    report = None
    if not args.no_report:
        import report as report_module

        header = {**info, "parameters": shown_values(values)}
        report = report_module.write_report(nb, out_dir / f"{path.stem}.html", path.stem, header)
        own.add(report.name)
    # What the notebook wrote into its output folder during this run.
    start_wall = started_at.timestamp() - 1
    exports = sorted(
        f.name
        for f in out_dir.iterdir()
        if f.is_file() and f.name not in own and f.stat().st_mtime >= start_wall
    )
    run_json = {
        **info,
        "failed_cell": failure[0] if failure else None,
        "error": error_text if failure else None,
        "cell_seconds": {str(k): v for k, v in cell_seconds.items()},
        "files": sorted(own | set(exports)),
    }
    (out_dir / "run.json").write_text(json.dumps(run_json, indent=1) + "\n", encoding="utf-8")

    print(f"executed notebook: {runner.display_path(notebook_out)}")
    if report:
        print(f"report:            {runner.display_path(report)}")
    if exports:
        print(f"run results:       {', '.join(runner.display_path(out_dir / f) for f in exports)}")
    if failure:
        print(f"FAILED {error_message}", file=sys.stderr)
        return 1
    print(f"done in {seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

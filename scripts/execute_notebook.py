"""Execute notebooks headlessly through the project's tslab kernel (nbclient).

    python scripts/execute_notebook.py NOTEBOOK... (--inplace | --output PATH | --check)
    python scripts/execute_notebook.py --all --check   # notebooks/*.ipynb, notebooks/solutions/*.ipynb

  --inplace   regenerate the committed outputs (normalised: no timing metadata, no absolute
              paths, execution counts kept)
  --output    write the executed notebook elsewhere (one input notebook only)
  --check     execute a copy in memory and fail if its outputs differ from the committed ones
  (none)      just execute and report success or the failing cell

Cells tagged `volatile-output` (e.g. wall-clock timings) are executed but their outputs are
not compared by --check. A cell tagged `raises-exception` may fail (nbclient honours the tag):
its error is kept as output and the run goes on; any other failing cell stops the run, and so
does a cell the kernel aborted instead of running.

The kernel (tslab with patches/tslab+*.patch) reports a failed cell as Jupyter specifies: an
`error` output (ename, evalue, traceback) and the same fields in execute_reply; nbclient turns
that into CellExecutionError, and this script turns it into a message naming the cell index,
the first line of its source and the error's traceback.
`run_notebook` is also used by bench/notebook_times.py; parameterised runs (`npm run notebook`)
go through papermill (scripts/notebook.py).
"""

from __future__ import annotations

import argparse
import copy
import difflib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TIMEOUT = int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "600"))
VOLATILE_TAG = "volatile-output"


sys.dont_write_bytecode = True  # no scripts/__pycache__ in the work tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import jupyter_paths  # noqa: E402

jupyter_paths.use()  # before any Jupyter import, so running this file directly is safe too

import nbformat  # noqa: E402  (imported after the Jupyter paths are fixed)
from nbclient import NotebookClient  # noqa: E402
from kernel_start import KernelStartError, start_turn  # noqa: E402
from nbclient.exceptions import (  # noqa: E402
    CellExecutionError,
    CellTimeoutError,
    DeadKernelError,
)


class NotebookRunError(Exception):
    """A notebook could not be executed; the message names the cell and its error text."""

    def __init__(self, message: str, cell_index: int | None = None, error_text: str = ""):
        super().__init__(message)
        self.cell_index = cell_index
        self.error_text = error_text


@dataclass
class CellProgress:
    """One executed code cell, for progress lines."""

    index: int
    first_line: str
    seconds: float


def first_line(cell) -> str:
    """The first non-blank line of a cell's source, shortened for one-line messages."""
    for line in cell.source.splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


_INTERNAL_FRAME = re.compile(r"^\s+at .*(\(node:|node:internal|/tslab/dist/|sigintHandlersWrap)")


def cell_error_text(cell) -> str:
    """A failed cell's error output (type-check errors or the thrown error's stack), without
    the kernel's own stack frames, which only add noise and absolute paths."""
    parts = [
        "\n".join(out.get("traceback", [])) or f"{out.get('ename')}: {out.get('evalue')}"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    lines = "".join(p if p.endswith("\n") else p + "\n" for p in parts).splitlines()
    return "\n".join(line for line in lines if not _INTERNAL_FRAME.match(line)).strip()


def kernel_name_of(nb) -> str:
    spec = nb.metadata.get("kernelspec") or {}
    name = spec.get("name")
    if not name:
        raise NotebookRunError("notebook metadata has no kernelspec.name (expected 'tslab')")
    return name


def runs(cell) -> bool:
    """nbclient skips markdown/raw cells and empty code cells."""
    return cell.cell_type == "code" and bool(cell.source.strip())


def run_notebook(
    nb,
    cwd: Path,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    label: str = "notebook",
    on_cell: Callable[[CellProgress], None] | None = None,
    kernel_name: str | None = None,
):
    """Execute `nb` in place through `kernel_name` (default: the kernel named in its metadata),
    with `cwd` as the kernel's working directory; `on_cell(progress)` is called after each code
    cell that runs (nbclient's on_cell_start / on_cell_executed hooks). Raises NotebookRunError
    naming the failing cell."""
    current = {"index": 0, "started": 0.0}

    def cell_started(cell, cell_index: int) -> None:
        current.update(index=cell_index, started=time.monotonic())

    def cell_executed(cell, cell_index: int, execute_reply) -> None:
        # nbclient passes an aborted cell silently; a cell the kernel never ran is a failure
        if execute_reply["content"].get("status") == "aborted":
            raise failed("the kernel aborted it without running it")
        if on_cell and runs(cell):
            seconds = time.monotonic() - current["started"]
            on_cell(CellProgress(cell_index, first_line(cell), seconds))

    def failed(text: str, separator: str = ": ") -> NotebookRunError:
        index = current["index"]
        where = f"{label}: cell {index} (`{first_line(nb.cells[index])}`) failed"
        return NotebookRunError(f"{where}{separator}{text}", index, text)

    name = kernel_name or kernel_name_of(nb)
    try:
        # The kernel start takes its turn (kernel_start.py), given back once the kernel answered.
        with start_turn() as end_turn:
            NotebookClient(
                nb,
                kernel_name=name,
                timeout=timeout,
                resources={"metadata": {"path": str(cwd)}},
                allow_errors=False,
                record_timing=False,
                coalesce_streams=True,
                on_notebook_start=end_turn,
                on_cell_start=cell_started,
                on_cell_executed=cell_executed,
            ).execute()
    except CellExecutionError as err:
        raise failed(cell_error_text(nb.cells[current["index"]]) or str(err), ":\n") from None
    except CellTimeoutError:
        raise failed(f"timed out after {timeout} s (raise NOTEBOOK_CELL_TIMEOUT or --timeout)") from None
    except DeadKernelError:
        raise failed(f"the kernel died\n{cell_error_text(nb.cells[current['index']])}".rstrip()) from None
    except KernelStartError as err:
        raise NotebookRunError(f"{label}: the {name} kernel {err}") from None


# --- normalisation -----------------------------------------------------------------------------

_HOME = os.path.expanduser("~")


def _scrub(text: str) -> str:
    """Replace machine-specific absolute paths in output text."""
    text = text.replace(str(REPO_ROOT), "<repo>")
    if _HOME not in ("", "/"):
        text = re.sub(re.escape(_HOME) + r"(?=/|\b)", "~", text)
    return text


def _scrub_value(value):
    if isinstance(value, str):
        return _scrub(value)
    if isinstance(value, list):
        return [_scrub_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_value(v) for k, v in value.items()}
    return value


def normalise(nb):
    """Make an executed notebook reproducible for committing: no timing metadata or transient
    display ids, no absolute paths in outputs; execution counts and outputs kept."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            out.pop("transient", None)
            for key in ("text", "traceback", "data"):
                if key in out:
                    out[key] = nbformat.from_dict(_scrub_value(out[key]))
    nb.metadata.pop("papermill", None)
    return nb


def comparable(nb) -> list[dict]:
    """The parts of each cell that --check compares."""
    cells = []
    for cell in nb.cells:
        entry = {"cell_type": cell.cell_type, "source": cell.source}
        if cell.cell_type == "code":
            entry["execution_count"] = cell.get("execution_count")
            if VOLATILE_TAG not in cell.metadata.get("tags", []):
                entry["outputs"] = cell.get("outputs", [])
        cells.append(json.loads(json.dumps(entry, sort_keys=True)))
    return cells


def _text(output) -> str:
    text = output.get("text", "")
    return "".join(text) if isinstance(text, list) else text


def _arrived_first(had: list, got: list) -> bool:
    """`got` is the start of `had`, its last output perhaps a stream cut short, and what is
    missing is displays or printed text."""
    if len(got) > len(had):
        return False
    if not got:
        return bool(had) and all(out.get("output_type") in ("display_data", "stream") for out in had)
    *whole, last = got
    old = had[len(got) - 1]
    if had[: len(whole)] != whole:
        return False
    cut_stream = (
        last.get("output_type") == old.get("output_type") == "stream"
        and last.get("name") == old.get("name")
        and _text(old).startswith(_text(last))
    )
    if last != old and not cut_stream:
        return False
    missing = had[len(got) :]
    if last == old and not missing:
        return False
    return all(out.get("output_type") in ("display_data", "stream") for out in missing)


def late_outputs(committed, executed) -> list[int]:
    """Cells whose run lacks trailing outputs (displays, or the end of the printed text) that the
    committed run has, while all it has equals the committed ones. Deno's kernel (2.9.6) can
    send a cell's last outputs after its idle status, and Jupyter clients (nbclient,
    JupyterLab) drop what comes after idle. For a run on another kernel, --check reports these
    cells and compares the rest: the outputs that arrived must be the committed ones, in
    order."""
    cells = []
    for index, (old, new) in enumerate(zip(committed.cells, executed.cells)):
        if old.cell_type != "code" or VOLATILE_TAG in old.metadata.get("tags", []):
            continue
        had, got = old.get("outputs", []), new.get("outputs", [])
        if _arrived_first(had, got):
            new.outputs = copy.deepcopy(had)
            cells.append(index)
    return cells


def stale_report(committed, fresh, max_cells: int = 3, max_lines: int = 30) -> str:
    """Empty when the committed notebook matches a fresh execution, else a short diff."""
    old, new = comparable(normalise(copy.deepcopy(committed))), comparable(fresh)
    if len(old) != len(new):
        return f"cell count differs: committed {len(old)}, executed {len(new)}"
    reports = []
    for index, (a, b) in enumerate(zip(old, new)):
        if a == b:
            continue
        if len(reports) == max_cells:
            reports.append("... (more cells differ)")
            break
        a_lines = json.dumps(a, indent=1, sort_keys=True).splitlines()
        b_lines = json.dumps(b, indent=1, sort_keys=True).splitlines()
        diff = list(
            difflib.unified_diff(a_lines, b_lines, "committed", "executed", n=1, lineterm="")
        )[2:]
        if len(diff) > max_lines:
            diff = diff[:max_lines] + [f"... ({len(diff) - max_lines} more diff lines)"]
        reports.append(f"cell {index} (`{first_line(committed.cells[index])}`):\n" + "\n".join(diff))
    return "\n".join(reports)


def write_notebook(nb, path: Path) -> None:
    """Validate and write atomically (a half-written notebook would break the lab)."""
    nbformat.validate(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, suffix=".ipynb.tmp", delete=False
    ) as tmp:
        nbformat.write(nb, tmp)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp.name, 0o666 & ~umask)  # NamedTemporaryFile creates 0600
    os.replace(tmp.name, path)


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def process(
    path: Path, mode: str, output: Path | None, timeout: int, quiet: bool, kernel: str | None = None
) -> bool:
    label = display_path(path)
    committed = nbformat.read(path, as_version=4)
    executed = copy.deepcopy(committed)

    def progress(p: CellProgress) -> None:
        if not quiet:
            print(f"  [{p.index:>3}] {p.seconds:6.2f}s  {p.first_line}", file=sys.stderr, flush=True)

    started = time.monotonic()
    if not quiet:
        print(f"{label}: executing", file=sys.stderr, flush=True)
    try:
        run_notebook(
            executed,
            path.parent.resolve(),
            timeout=timeout,
            label=label,
            on_cell=progress,
            kernel_name=kernel,
        )
    except NotebookRunError as err:
        print(f"FAILED {err}", file=sys.stderr, flush=True)
        return False
    normalise(executed)
    seconds = time.monotonic() - started
    if mode == "check":
        late = []
        if kernel and kernel != kernel_name_of(committed):
            late = late_outputs(normalise(copy.deepcopy(committed)), executed)
        report = stale_report(committed, executed)
        if late:
            print(
                f"LATE {label}: the last outputs of cells {late} came after the kernel's "
                "idle status and were dropped",
                file=sys.stderr,
            )
        if report:
            print(
                f"STALE {label}: committed outputs differ from a fresh run "
                f"(regenerate with `npm run notebooks:execute`):\n{report}",
                file=sys.stderr,
            )
            return False
        print(f"ok {label}: outputs up to date ({seconds:.1f}s)", file=sys.stderr)
    elif mode == "inplace":
        write_notebook(executed, path)
        print(f"ok {label}: outputs regenerated ({seconds:.1f}s)", file=sys.stderr)
    elif mode == "output":
        assert output is not None
        write_notebook(executed, output)
        print(f"ok {label}: executed into {display_path(output)} ({seconds:.1f}s)", file=sys.stderr)
    else:
        print(f"ok {label}: executed ({seconds:.1f}s)", file=sys.stderr)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument(
        "--all", action="store_true", help="every notebooks/*.ipynb and notebooks/solutions/*.ipynb"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--inplace", action="store_true")
    mode.add_argument("--output", type=Path)
    mode.add_argument("--check", action="store_true")
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds per cell")
    parser.add_argument("--quiet", action="store_true", help="no per-cell progress lines")
    parser.add_argument(
        "--kernel",
        help="run on this kernel instead of the notebook's (e.g. deno); --check then compares "
        "the outputs with the committed ones as late_outputs() describes",
    )
    args = parser.parse_args(argv)

    paths = list(args.notebooks)
    if args.all:
        paths += sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
        paths += sorted((REPO_ROOT / "notebooks" / "solutions").glob("*.ipynb"))
    if not paths:
        parser.error("no notebooks given (pass paths or --all)")
    if args.output and len(paths) != 1:
        parser.error("--output takes exactly one input notebook")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        parser.error(f"not a file: {', '.join(missing)}")
    mode_name = (
        "check" if args.check else "inplace" if args.inplace else "output" if args.output else "run"
    )
    if args.kernel and mode_name == "inplace":
        parser.error("--inplace keeps the outputs of the notebook's own kernel; drop --kernel")
    results = [
        process(p, mode_name, args.output, args.timeout, args.quiet, args.kernel) for p in paths
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Cold wall time of each notebook, headless: kernel start → last cell done.

    .venv/bin/python bench/notebook_times.py [--kernel deno] NOTEBOOK...   → JSON on stdout

Uses scripts/execute_notebook.py's `run_notebook` (nbclient, the project's tslab kernel, or the
one given with --kernel): a new
kernel per notebook, so each time includes the kernel's start-up and first TypeScript compile.
Also reports the time outside any cell (kernel start/stop) and the three slowest cells.
Needs the built library (`npm run build`), which notebooks import as `backprop-lib`.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import nbformat  # noqa: E402
from execute_notebook import CellProgress, NotebookRunError, run_notebook  # noqa: E402


def main() -> None:
    results = []
    args = sys.argv[1:]
    kernel = None
    if args[:1] == ["--kernel"]:
        kernel, args = args[1], args[2:]
    for name in args:
        path = Path(name).resolve()
        nb = nbformat.read(path, as_version=4)
        cells: list[CellProgress] = []
        started = time.monotonic()
        try:
            run_notebook(
                nb, path.parent, label=path.name, on_cell=cells.append, kernel_name=kernel
            )
            seconds = time.monotonic() - started
            slowest = sorted(cells, key=lambda c: -c.seconds)[:3]
            results.append(
                {
                    "notebook": path.name,
                    "seconds": seconds,
                    # kernel start-up and shutdown: the part no cell accounts for
                    "kernelSeconds": seconds - sum(c.seconds for c in cells),
                    "cells": len(cells),
                    "slowest": [[c.index, round(c.seconds, 2), c.first_line] for c in slowest],
                }
            )
        except NotebookRunError as err:
            results.append({"notebook": path.name, "error": str(err).splitlines()[0]})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

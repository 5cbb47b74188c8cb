"""Papermill's nbclient engine with per-cell callbacks, for runners that print their own progress.

    papermill.execute_notebook(..., engine_name="tslab-progress",
                               on_cell_start=f(index, cell), on_cell_end=g(index, cell, seconds))

Both are called for code cells with source only (the ones nbclient sends to the kernel);
`cell.metadata.papermill.status` tells whether the cell failed.

A cell tagged `raises-exception` may fail without stopping the run (nbclient honours the tag);
tslab drops requests arriving within 200 ms of a failed cell, so the next cell waits that out.
"""

from __future__ import annotations

import time

from papermill.engines import NBClientEngine

# tslab's execQueue.reset(200) after a failed cell, with a margin.
ABORT_WINDOW_SECONDS = 0.3


def _runs(cell) -> bool:
    return cell.get("cell_type") == "code" and bool(cell.get("source", "").strip())


class ProgressEngine(NBClientEngine):
    @classmethod
    def execute_managed_notebook(
        cls, nb_man, kernel_name, on_cell_start=None, on_cell_end=None, **kwargs
    ):
        cell_start, cell_complete = nb_man.cell_start, nb_man.cell_complete
        started: dict[int, float] = {}

        def start(cell, cell_index=None, **kw):
            result = cell_start(cell, cell_index, **kw)
            if _runs(cell):
                started[cell_index] = time.monotonic()
                if on_cell_start:
                    on_cell_start(cell_index, cell)
            return result

        def complete(cell, cell_index=None, **kw):
            result = cell_complete(cell, cell_index, **kw)
            if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                time.sleep(ABORT_WINDOW_SECONDS)
            if cell_index in started and on_cell_end:
                on_cell_end(cell_index, cell, time.monotonic() - started.pop(cell_index))
            return result

        nb_man.cell_start, nb_man.cell_complete = start, complete
        return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

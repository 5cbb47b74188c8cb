"""The engine entry point that makes plain `papermill` load this package (and so register the
TypeScript translator, see __init__.py). It runs a notebook exactly as papermill's nbclient
engine does.

Per-cell progress needs no engine of its own: papermill hands extra keyword arguments to
nbclient, so a runner passes nbclient's hooks,

    papermill.execute_notebook(..., on_cell_start=f(cell, cell_index),
                               on_cell_executed=g(cell, cell_index, execute_reply))

and `execute_reply["content"]["status"]` tells whether the cell failed.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine


class TslabEngine(NBClientEngine):
    """Papermill's nbclient engine, registered under this package so that papermill imports it."""

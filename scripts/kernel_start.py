"""Starting kernels: turns across the project's processes, and a start that fails.

jupyter_client picks five free ports, writes them into the connection file and lets them go;
the kernel binds them a moment later. A second process starting a kernel in that moment can be
handed the same ports, and one of the two kernels then exits with EADDRINUSE before it answers
(jupyter_client issue #487: its port cache guards only its own process). The runners and test
helpers start kernels side by side, so each start holds a lock in the project's Jupyter
runtime folder from before the ports are picked until the kernel has answered kernel_info (its
ports are bound by then), and another process's start waits its turn.

    with start_turn() as end_turn:   # end_turn: nbclient's on_notebook_start hook
        NotebookClient(nb, ..., on_notebook_start=end_turn).execute()
    with start_turn():
        km, kc = start_new_kernel(...)

A kernel that exits before it answers (it cannot start) comes out of the block as
KernelStartError, which the runners report in one line, without nbclient's exit-time traceback.
"""

from __future__ import annotations

import atexit
import fcntl
import gc
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


def _lock_path() -> Path:
    folder = Path(os.environ["JUPYTER_RUNTIME_DIR"])  # set by jupyter_paths.use()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "kernel-start.lock"


class KernelStartError(Exception):
    """The kernel process exited before it answered kernel_info: it could not start (its own
    output says why)."""


@contextmanager
def start_turn() -> Iterator[Callable[..., None]]:
    """Waits for the turn and yields its release, which may be called more than once and takes
    any arguments, so it can be nbclient's on_notebook_start hook (called once the kernel has
    answered); the turn is given back at the end of the block in any case."""
    handle = open(_lock_path(), "a")
    fcntl.flock(handle, fcntl.LOCK_EX)

    def release(*_args: object, **_kwargs: object) -> None:
        if not handle.closed:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    try:
        yield release
    except RuntimeError as error:
        # what nbclient and jupyter_client raise for a kernel that exits before it answers
        if "died before replying to kernel_info" not in str(error):
            raise
        _forget_failed_clients()
        raise KernelStartError("exited before it answered (its output above says why)") from None
    finally:
        release()


def _forget_failed_clients() -> None:
    """nbclient registers an exit-time cleanup before it starts a kernel and leaves it registered
    when the start fails; at exit it would then fail on the kernel manager it already dropped,
    with a traceback. Unregister the cleanups of the clients left without a kernel manager
    (papermill makes its client itself, so they are found among the live objects)."""
    from nbclient import NotebookClient

    for obj in gc.get_objects():
        if isinstance(obj, NotebookClient) and obj.km is None:
            atexit.unregister(obj._cleanup_kernel)

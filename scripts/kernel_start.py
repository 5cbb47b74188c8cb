"""Starting kernels: turns across the project's processes, and a start that fails.

jupyter_client picks five free ports, writes them into the connection file and lets them go;
the kernel binds them a moment later. A second process starting a kernel in that moment can be
handed the same ports, and one of the two kernels then exits with EADDRINUSE before it answers
(jupyter_client issue #487: its port cache guards only its own process). The runners and test
helpers start kernels side by side, so each start holds a lock in the project's Jupyter
runtime folder from before the ports are picked until the kernel has answered kernel_info (its
ports are bound by then), and another process's start waits its turn.

    release = take_turn()            # then nbclient/papermill with on_notebook_start=release
    with start_turn(): km, kc = start_new_kernel(...)

A kernel that exits before it answers (it cannot start) is reported by the runners in one line
(`never_answered`), without nbclient's exit-time traceback (`forget_failed_clients`).
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


def take_turn() -> Callable[..., None]:
    """Waits for the lock and returns its release, which may be called more than once and takes
    any arguments, so it can be nbclient's on_notebook_start hook (called once the kernel has
    answered) and also run in a `finally`."""
    handle = open(_lock_path(), "a")
    fcntl.flock(handle, fcntl.LOCK_EX)

    def release(*_args: object, **_kwargs: object) -> None:
        if not handle.closed:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    return release


@contextmanager
def start_turn() -> Iterator[None]:
    """Holds the lock for a block that starts a kernel and waits until it is ready."""
    release = take_turn()
    try:
        yield
    finally:
        release()


def never_answered(error: BaseException) -> bool:
    """The error nbclient and jupyter_client raise when the kernel process exits before it
    answers kernel_info (a kernel that cannot start: its output above says why)."""
    return isinstance(error, RuntimeError) and "died before replying to kernel_info" in str(error)


def forget_failed_clients() -> None:
    """nbclient registers an exit-time cleanup before it starts a kernel and leaves it registered
    when the start fails; at exit it would then fail on the kernel manager it already dropped,
    with a traceback. Unregister the cleanups of the clients left without a kernel manager
    (papermill makes its client itself, so they are found among the live objects)."""
    from nbclient import NotebookClient

    for obj in gc.get_objects():
        if isinstance(obj, NotebookClient) and obj.km is None:
            atexit.unregister(obj._cleanup_kernel)

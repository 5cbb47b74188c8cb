"""Takes the kernel-start turn of scripts/kernel_start.py as a kernel start would, printing a
line when it has it.

    python test/support/kernel_turn.py hold SECONDS   # "held", keeps it SECONDS, "released"
    python test/support/kernel_turn.py take           # "took" once it has it
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import jupyter_paths  # noqa: E402

jupyter_paths.use()

from kernel_start import start_turn  # noqa: E402


def main(mode: str, seconds: str = "0") -> None:
    with start_turn():
        print("held" if mode == "hold" else "took", flush=True)
        time.sleep(float(seconds))
    if mode == "hold":
        print("released", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])

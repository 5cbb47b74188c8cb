"""The project's Jupyter paths for Python scripts, read from scripts/jupyter-paths.env (which
scripts/env.sh reads too). Import and call `use()` before importing any Jupyter package.

    python scripts/jupyter_paths.py    # prints them as NAME=VALUE lines
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path(__file__).with_name("jupyter-paths.env")


def paths() -> dict[str, str]:
    values = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value.replace("{root}", str(REPO_ROOT))
    return values


def use() -> None:
    os.environ.update(paths())


if __name__ == "__main__":
    for name, value in paths().items():
        print(f"{name}={value}")

"""The top-level declarations of a TypeScript cell, as TypeScript's own parser reads them."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_SCRIPT = Path(__file__).with_name("declarations.mjs")


@dataclass(frozen=True)
class Declaration:
    name: str
    keyword: str  # let | const | var
    annotation: str | None
    kind: str | None  # integer | number | string | boolean; None: not a literal default
    value: object
    literal: str | None
    line: int


def declarations(source: str) -> list[Declaration]:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("reading a TypeScript parameters cell needs Node.js ('node' on PATH)")
    done = subprocess.run(
        [node, str(_SCRIPT)], input=source, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"could not parse the parameters cell: {done.stderr.strip()}")
    return [Declaration(**d) for d in json.loads(done.stdout)]

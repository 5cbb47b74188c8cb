"""Run a notebook headlessly with parameters; hand back the executed notebook, an offline HTML
report and, for training notebooks, the run's results.

    npm run notebook -- NOTEBOOK [--param name=value ...] [--out DIR] [--timeout SECONDS]

NOTEBOOK is a path, or a name in notebooks/ (`13-backpropagation`). Parameters follow
papermill's convention: the cell tagged `parameters` holds the defaults as TypeScript
declarations (`let learningRate = 0.1;`); given values are written, type-checked against the
defaults, into a new cell tagged `injected-parameters` right after it. tslab lets a later cell
declare the same name again (`let` or `const`), and every cell below sees the new value.

Output (default runs/<notebook>-<timestamp>/, git-ignored):
  <notebook>.ipynb   the executed notebook
  <notebook>.html    standalone report; Plotly/Vega-Lite figures interactive offline
  run.json           notebook, parameters, per-cell seconds, status, exported files
  weights.json, history.csv, config.json
                     for notebooks that call recordRunResults(run, { split }) (backprop-lib)

Exit status: 0 ok, 1 a cell failed (named, with its error text; the partial notebook and
report are still written), 2 bad arguments or parameters (nothing runs).
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

sys.dont_write_bytecode = True  # no scripts/__pycache__ in the work tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import execute_notebook as runner  # noqa: E402  (also fixes the Jupyter paths)
import nbformat  # noqa: E402

REPO_ROOT = runner.REPO_ROOT
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
EXPORT_MARKER = "__RUN_EXPORTS__"
CHECK_TAG = "check"


class UsageError(Exception):
    """Bad command line or parameters: reported before any cell runs (exit 2)."""


# --- parameters ---------------------------------------------------------------------------------

_DECLARATION = re.compile(
    r"^\s*(?P<keyword>let|const|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*"
    r"(?::\s*(?P<annotation>[A-Za-z]+)\s*)?=\s*(?P<rest>.*)$"
)
_NUMBER = r"[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?"
_LITERAL = re.compile(
    rf"""(?P<literal>true|false|{_NUMBER}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"\s*;?\s*(?://.*)?$"
)
KINDS = ("integer", "number", "string", "boolean")


@dataclass
class Parameter:
    """One default from the parameters cell."""

    name: str
    keyword: str
    annotation: str | None
    kind: str  # integer | number | string | boolean
    default: object
    literal: str


def _literal_value(literal: str):
    if literal in ("true", "false"):
        return "boolean", literal == "true"
    if literal[0] in "\"'":
        return "string", ast.literal_eval(literal)  # JS and Python escapes agree here
    text = literal.replace("_", "")
    if re.fullmatch(r"[+-]?\d+", text):
        return "integer", int(text)
    return "number", float(text)


def parse_parameters(source: str) -> tuple[dict[str, Parameter], list[str]]:
    """Defaults declared in a parameters cell, and the names declared there whose value is not
    a literal (those cannot be set from the command line)."""
    params: dict[str, Parameter] = {}
    others: list[str] = []
    for line in source.splitlines():
        decl = _DECLARATION.match(line)
        if not decl:
            continue
        name, annotation = decl["name"], decl["annotation"]
        literal = _LITERAL.match(decl["rest"].strip())
        if not literal:
            others.append(name)
            continue
        kind, value = _literal_value(literal["literal"])
        if annotation == "number" and kind == "integer":
            kind, value = "number", float(value)  # `let x: number = 1` accepts 0.5 too
        if annotation and annotation not in ("number", "string", "boolean"):
            others.append(name)
            continue
        params[name] = Parameter(name, decl["keyword"], annotation, kind, value, literal["literal"])
    return params, others


def _describe(p: Parameter) -> str:
    return f"{p.name} ({p.kind}, default {p.literal})"


def coerce(param: Parameter, text: str):
    """The command-line text as a value of the default's type, or UsageError."""
    expected = {
        "integer": "an integer",
        "number": "a number",
        "boolean": "true or false",
        "string": "a string",
    }[param.kind]
    bad = UsageError(
        f"parameter {param.name} expects {expected} (default {param.literal}), got '{text}'"
    )
    if param.kind == "string":
        return text
    if param.kind == "boolean":
        if text not in ("true", "false"):
            raise bad
        return text == "true"
    if param.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise bad
        return int(text)
    if not re.fullmatch(_NUMBER, text.strip()) or "_" in text:
        raise bad
    value = float(text)
    if not math.isfinite(value):
        raise bad
    return value


def ts_literal(value) -> str:
    """A TypeScript literal for a coerced value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def parameters_cell_index(nb) -> int | None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.metadata.get("tags", []):
            return index
    return None


def inject_parameters(nb, given: list[str], label: str) -> dict[str, object]:
    """Validates `name=value` strings against the parameters cell and inserts the
    injected-parameters cell after it. Returns the coerced values (by name)."""
    # A notebook that was itself produced by a run may carry an old injected cell.
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    if not given:
        return {}
    index = parameters_cell_index(nb)
    if index is None:
        raise UsageError(
            f"{label} has no cell tagged '{PARAMETERS_TAG}', so it takes no parameters"
        )
    params, others = parse_parameters(nb.cells[index].source)
    valid = "; ".join(_describe(p) for p in params.values()) or "none"
    values: dict[str, object] = {}
    for item in given:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--param expects name=value, got '{item}'. Valid parameters: {valid}")
        if name not in params:
            why = (
                "its default is not a number, string or boolean literal"
                if name in others
                else "no such parameter"
            )
            raise UsageError(
                f"unknown parameter '{name}' for {label} ({why}). Valid parameters: {valid}"
            )
        if name in values:
            raise UsageError(f"parameter {name} is given twice")
        try:
            values[name] = coerce(params[name], text)
        except UsageError as err:
            raise UsageError(f"{err}. Valid parameters: {valid}") from None
    lines = ["// Injected by `npm run notebook` (the defaults are in the cell above)."]
    for name, value in values.items():
        p = params[name]
        annotation = f": {p.annotation}" if p.annotation else ""
        lines.append(f"{p.keyword} {name}{annotation} = {ts_literal(value)};")
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["tags"] = [INJECTED_TAG]
    nb.cells.insert(index + 1, cell)
    return values


# --- training exports -----------------------------------------------------------------------------


def export_snippet(out_dir: Path) -> str:
    """Runs after the last cell, in the same kernel: backprop-lib's exportRunResults writes the
    run the notebook recorded with recordRunResults (nothing for other notebooks)."""
    target = json.dumps(str(out_dir))
    return f"""{{
  let exporter: ((dir: string) => string[]) | undefined;
  try {{
    exporter = require("backprop-lib").exportRunResults;
  }} catch {{
    exporter = undefined; // backprop-lib is not resolvable from this notebook's folder
  }}
  console.log("{EXPORT_MARKER}" + JSON.stringify(exporter ? exporter({target}) : null));
}}"""


def exported_files(cell) -> list[str] | None:
    for output in cell.get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(EXPORT_MARKER):
                return json.loads(line[len(EXPORT_MARKER) :])
    return None


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


def shown(path: Path) -> str:
    return runner.display_path(path)


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
    parser.add_argument("--no-report", action="store_true", help="skip the HTML report")
    parser.add_argument("--list-params", action="store_true", help="print the parameters, exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        path = resolve_notebook(args.notebook)
        label = shown(path)
        nb = nbformat.read(path, as_version=4)
        if args.list_params:
            index = parameters_cell_index(nb)
            params = parse_parameters(nb.cells[index].source)[0] if index is not None else {}
            for p in params.values():
                print(_describe(p))
            return 0
        values = inject_parameters(nb, args.param, label)
    except UsageError as err:
        print(f"notebook: {err}", file=sys.stderr)
        return 2

    out_dir = (_user_cwd() / args.out).resolve() if args.out else default_out_dir(path.stem)
    out_dir.mkdir(parents=True, exist_ok=True)
    for cell in nb.cells:  # start clean, so a failed run never shows stale outputs
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None

    print(f"{label}: running in {shown(out_dir)}/", flush=True)
    if values:
        print("parameters: " + ", ".join(f"{k} = {ts_literal(v)}" for k, v in values.items()))
    cell_seconds: dict[int, float] = {}

    def on_start(index: int, cell) -> None:
        print(f"[{index:>3}] {runner.first_line(cell)[:70]:<70} ", end="", flush=True)

    def on_done(progress: runner.CellProgress) -> None:
        cell_seconds[progress.index] = round(progress.seconds, 3)
        print(f"{progress.seconds:7.2f}s", flush=True)
        cell = nb.cells[progress.index]
        if CHECK_TAG in cell.metadata.get("tags", []):  # an exercise's verdict, for marking
            for output in cell.get("outputs", []):
                text = "".join(output.get("data", {}).get("text/plain", "")).rstrip()
                if text:
                    print("\n".join("      " + line for line in text.splitlines()), flush=True)

    started_at = datetime.now(timezone.utc)
    started = time.monotonic()
    error: runner.NotebookRunError | None = None
    exports: list[str] = []
    try:
        extra = runner.run_notebook(
            nb,
            path.parent,
            timeout=args.timeout,
            label=label,
            on_cell=on_done,
            on_cell_start=on_start,
            after_sources=[export_snippet(out_dir)],
        )
        exports = exported_files(extra[0]) or []
    except runner.NotebookRunError as err:
        error = err
        print("FAILED", flush=True)
    seconds = round(time.monotonic() - started, 3)

    runner.normalise(nb)
    notebook_out = out_dir / path.name
    runner.write_notebook(nb, notebook_out)
    info = {
        "notebook": label,
        "parameters": {k: v for k, v in values.items()},
        "status": "failed" if error else "ok",
        "started": started_at.isoformat(timespec="seconds"),
        "seconds": seconds,
        "commit": git_commit(),
    }
    report = None
    if not args.no_report:
        import report as report_module

        header = dict(info)
        header["parameters"] = ", ".join(f"{k} = {ts_literal(v)}" for k, v in values.items())
        report = report_module.write_report(
            nb, out_dir / f"{path.stem}.html", f"{path.stem}", header
        )
    run_json = {
        **info,
        "failed_cell": error.cell_index if error else None,
        "error": error.error_text if error else None,
        "cell_seconds": {str(k): v for k, v in cell_seconds.items()},
        "files": sorted(
            [notebook_out.name, "run.json"] + ([report.name] if report else []) + exports
        ),
    }
    (out_dir / "run.json").write_text(json.dumps(run_json, indent=1) + "\n", encoding="utf-8")

    print(f"executed notebook: {shown(notebook_out)}")
    if report:
        print(f"report:            {shown(report)}")
    if exports:
        print(f"run results:       {', '.join(shown(out_dir / f) for f in exports)}")
    if error:
        print(f"FAILED {error}", file=sys.stderr)
        return 1
    print(f"done in {seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Executes a notebook in one tslab kernel, then edits the cell tagged `parameters` the way a
learner would (replacing the given `let name = value;` lines) and re-runs that cell and every cell
below it in the same kernel, without a restart. Prints the text/plain and stream outputs of both
passes as JSON: {"first": [...], "second": [...]}, one string per code cell.

    python test/support/rerun_notebook.py NOTEBOOK name=value [name=value ...]
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import execute_notebook  # noqa: E402,F401  (sets the project's Jupyter paths)
import nbformat  # noqa: E402
from kernel_start import start_turn  # noqa: E402
from nbclient import NotebookClient  # noqa: E402


def cell_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "\n".join(parts)


def main():
    path = Path(sys.argv[1]).resolve()
    edits = dict(arg.split("=", 1) for arg in sys.argv[2:])
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    params = next(
        i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])
    )
    # the kernel start's turn (scripts/kernel_start.py), given back once the kernel answered
    with start_turn() as end_turn:
        client = NotebookClient(
            nb,
            kernel_name="tslab",
            timeout=300,
            resources={"metadata": {"path": str(path.parent)}},
            on_notebook_start=end_turn,
        )
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            first = [cell_text(c) for c in nb.cells if c.cell_type == "code"]
            source = nb.cells[params].source
            for name, value in edits.items():
                source, count = re.subn(
                    rf"^(let|const) {re.escape(name)} = [^;]*;", rf"\1 {name} = {value};", source, flags=re.M
                )
                if count != 1:
                    raise SystemExit(f"parameter {name} not found in the parameters cell")
            nb.cells[params].source = source
            for index in range(params, len(nb.cells)):
                client.execute_cell(nb.cells[index], index)
            second = [cell_text(c) for c in nb.cells if c.cell_type == "code"]

    json.dump({"first": first, "second": second}, sys.stdout)


if __name__ == "__main__":
    main()

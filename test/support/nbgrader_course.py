"""Runs the nbgrader course (nbgrader/) end to end on a copy, with the real nbgrader and the
project's tslab kernel, and prints what it did as JSON:

    python test/support/nbgrader_course.py SUBMISSIONS.json FEEDBACK_DIR

SUBMISSIONS.json maps a student id to {exercise id: the source of that exercise cell}; an
exercise left out keeps the released stub, and the special value "solution" takes the
solution from the source notebook. The copy lives in runs/ (git-ignored) so that the kernel,
started in the assignment's folder, finds the repository's node_modules; it is removed at the
end. Each student's feedback HTML is copied to FEEDBACK_DIR/<student>.html.

Steps: generate_assignment, one submission per student (the released notebook with those cells
filled in, plus the released Iris.csv), autograde, generate_feedback. The JSON holds the
released exercise cells, the gradebook's score of every graded cell per student, the
autograded check cells' errors and the feedback HTML's path and text.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "scripts"))
import jupyter_paths  # noqa: E402

jupyter_paths.use()

import nbformat  # noqa: E402
from nbgrader.api import Gradebook  # noqa: E402

ASSIGNMENT = "13-exercises"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
VENV_BIN = REPO_ROOT / ".venv" / "bin"


def nbgrader(course: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def exercise_id(cell) -> str | None:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
    return grade_id.removeprefix("exercise-") if grade_id.startswith("exercise-") else None


def solutions(source: Path) -> dict[str, str]:
    """Each exercise cell of the source notebook without the solution delimiters."""
    nb = nbformat.read(source, as_version=4)
    out = {}
    for cell in nb.cells:
        if (ex := exercise_id(cell)) is not None:
            lines = [line for line in cell.source.splitlines() if "SOLUTION" not in line]
            out[ex] = "\n".join(lines)
    return out


def text_of(page: str) -> str:
    """The feedback HTML as text: no scripts, styles or tags, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def main(spec_path: str, feedback_dir: str) -> None:
    spec: dict[str, dict[str, str]] = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    (REPO_ROOT / "runs").mkdir(exist_ok=True)
    course = Path(tempfile.mkdtemp(prefix="nbgrader-course-", dir=REPO_ROOT / "runs"))
    try:
        shutil.copy(REPO_ROOT / "nbgrader" / "nbgrader_config.py", course)
        shutil.copytree(REPO_ROOT / "nbgrader" / "source", course / "source")

        nbgrader(course, "generate_assignment", ASSIGNMENT)
        release = course / "release" / ASSIGNMENT
        released = nbformat.read(release / NOTEBOOK, as_version=4)
        solved = solutions(course / "source" / ASSIGNMENT / NOTEBOOK)

        for student, cells in spec.items():
            nb = nbformat.read(release / NOTEBOOK, as_version=4)
            for cell in nb.cells:
                ex = exercise_id(cell)
                if ex in cells:
                    cell.source = solved[ex] if cells[ex] == "solution" else cells[ex]
            folder = course / "submitted" / student / ASSIGNMENT
            folder.mkdir(parents=True)
            shutil.copy(release / "Iris.csv", folder)
            nbformat.write(nb, folder / NOTEBOOK)

        nbgrader(course, "autograde", ASSIGNMENT, "--create")
        nbgrader(course, "generate_feedback", ASSIGNMENT)

        result = {
            "release": {
                "files": sorted(p.name for p in release.iterdir()),
                "exercises": {
                    exercise_id(c): c.source for c in released.cells if exercise_id(c) is not None
                },
            },
            "students": {},
        }
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            for student in spec:
                submission = gb.find_submission_notebook(NOTEBOOK.removesuffix(".ipynb"), ASSIGNMENT, student)
                scores = {
                    grade.name: [grade.score, grade.max_score] for grade in submission.grades
                }
                graded = nbformat.read(
                    course / "autograded" / student / ASSIGNMENT / NOTEBOOK, as_version=4
                )
                errors = {}
                for cell in graded.cells:
                    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                    for out in cell.get("outputs", []):
                        if out.output_type == "error":
                            errors[grade_id] = {"ename": out.ename, "evalue": out.evalue}
                feedback = course / "feedback" / student / ASSIGNMENT / NOTEBOOK.replace(
                    ".ipynb", ".html"
                )
                page = feedback.read_text(encoding="utf-8")
                kept = Path(feedback_dir) / f"{student}.html"
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(feedback, kept)
                result["students"][student] = {
                    "score": submission.score,
                    "maxScore": submission.max_score,
                    "scores": scores,
                    "errors": errors,
                    "feedbackText": text_of(page),
                    "feedbackPath": str(kept),
                }
    finally:
        shutil.rmtree(course, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

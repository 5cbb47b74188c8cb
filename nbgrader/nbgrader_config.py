"""nbgrader's configuration for the part-13 exercises (this folder is the course directory).

source/13-exercises/ is written by scripts/exercise-notebooks.ts from the same source as
notebooks/13-exercises.ipynb; run nbgrader from this folder through the project's Python so
the Jupyter paths stay inside the clone, e.g.

    cd nbgrader && bash ../scripts/py.sh -m nbgrader generate_assignment 13-exercises
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "backprop-13"
# The exercise cells hold the solution between `// BEGIN SOLUTION` and `// END SOLUTION`
# (nbgrader finds the delimiter inside a TypeScript comment); the released notebook gets the
# stub the exercise notebook starts from. Keyed by the kernelspec's language.
c.ClearSolutions.code_stub = {"typescript": "return notDone();"}
# The training-loop check trains part 14's attempt 1; the kernel type-checks every cell.
c.Execute.timeout = 600

# shellcheck shell=bash
# Sourced by setup.sh, lab.sh, test.sh and py.sh: the one place that pins every
# Jupyter path to the project so nothing in the user's global Jupyter (~/.jupyter,
# ~/.local/share/jupyter, ~/.ipython) is read or written.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export ROOT VENV
# The Jupyter paths come from scripts/jupyter-paths.env, which the Python scripts read too.
while IFS='=' read -r name value; do
  [[ -z $name || $name == \#* ]] && continue
  export "$name=${value//\{root\}/$ROOT}"
done <"$ROOT/scripts/jupyter-paths.env"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PYTHONDONTWRITEBYTECODE=1

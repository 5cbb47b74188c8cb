#!/usr/bin/env bash
# Runs a project Python script with the project's .venv and Jupyter paths, after making sure
# setup is done (skipped when BACKPROP_SKIP_SETUP=1, e.g. inside `npm test`, which ran it).
#   bash scripts/py.sh scripts/execute_notebook.py --all --check
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [[ ${BACKPROP_SKIP_SETUP:-} != 1 ]]; then
  bash "$ROOT/scripts/setup.sh" --quiet >&2
fi
# As an activated venv: tools that call the venv's commands by name (nbgrader runs alembic) find them.
export PATH="$VENV/bin:$PATH"
exec "$VENV/bin/python" "$@"

# shellcheck shell=bash
# Sourced by setup.sh, lab.sh, test.sh and notebook.sh: one place that pins every
# Jupyter path to the project so nothing in the user's global Jupyter (~/.jupyter,
# ~/.local/share/jupyter, ~/.ipython) is read or written.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export ROOT VENV
export JUPYTER_PLATFORM_DIRS=1
export JUPYTER_CONFIG_DIR="$VENV/etc/jupyter"
export JUPYTER_DATA_DIR="$VENV/share/jupyter"
export JUPYTER_RUNTIME_DIR="$ROOT/.jupyter-runtime"
# The committed server/lab configuration (jupyter/jupyter_server_config.py).
export JUPYTER_CONFIG_PATH="$ROOT/jupyter"
export JUPYTER_PATH="$VENV/share/jupyter"
export JUPYTER_PREFER_ENV_PATH=1
export JUPYTERLAB_SETTINGS_DIR="$VENV/etc/jupyter/lab/user-settings"
export JUPYTERLAB_WORKSPACES_DIR="$VENV/etc/jupyter/lab/workspaces"
export IPYTHONDIR="$VENV/etc/ipython"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PYTHONDONTWRITEBYTECODE=1

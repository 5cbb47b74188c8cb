#!/usr/bin/env bash
# Starts JupyterLab (from .venv, tslab kernel) on 127.0.0.1 with token auth and XSRF checks,
# opening the backpropagation notebook. Server settings live in jupyter/jupyter_server_config.py.
#
#   npm run lab [-- [--port N] [--no-browser] [--print-config] [jupyter lab options...]]
#     --port N          listen on N exactly (default 8888, next free port if taken)
#     --no-browser      do not open a browser
#     --print-config    print the effective server configuration as JSON and exit
#     other options are passed to `jupyter lab` (e.g. --LabApp.expose_app_in_browser=True)
#   JUPYTER_TOKEN=...   use this token instead of a random one (never empty)
#   BACKPROP_SKIP_SETUP=1  skip scripts/setup.sh (npm test sets it after running setup once)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

NOTEBOOK="notebooks/13-backpropagation.ipynb"
PORT=""
PRINT_CONFIG=0
ARGS=()
die() {
  echo "lab: $*" >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --port)
      [[ $# -ge 2 ]] || die "--port needs a value"
      PORT="$2"
      shift 2
      continue
      ;;
    --port=*) PORT="${1#--port=}" ;;
    --print-config) PRINT_CONFIG=1 ;;
    -h | --help)
      sed -n "2,11p" "$0"
      exit 0
      ;;
    # Refuse options that would weaken the committed security settings.
    *token=) die "an empty token would disable authentication; refusing '$1'" ;;
    *disable_check_xsrf=[Tt]rue) die "XSRF checks stay on; refusing '$1'" ;;
    --ip=* | --ServerApp.ip=*)
      [[ ${1#*=} == 127.0.0.1 ]] || die "the lab listens on 127.0.0.1 only; refusing '$1'"
      ARGS+=("$1")
      ;;
    --ip | --ServerApp.ip) die "use --ip=127.0.0.1 form (and only 127.0.0.1)" ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
if [[ -n $PORT ]]; then
  [[ $PORT =~ ^[0-9]+$ ]] || die "--port expects a number, got '$PORT'"
  # An explicit port is a contract (tests connect to it): fail instead of moving on.
  ARGS+=("--ServerApp.port=$PORT" "--ServerApp.port_retries=0")
fi
[[ $(id -u) == 0 ]] && ARGS+=("--allow-root")

# Without JUPYTER_TOKEN, Jupyter makes a random token and prints the URL that carries it.
if [[ -n ${JUPYTER_TOKEN+set} && -z $JUPYTER_TOKEN ]]; then
  die "JUPYTER_TOKEN is set but empty: an empty token would disable authentication"
fi

# Setup first, unless the caller (npm test) has just done it.
if [[ ${BACKPROP_SKIP_SETUP:-} != 1 ]]; then
  bash scripts/setup.sh --quiet >&2
fi
if [[ $PRINT_CONFIG == 1 ]]; then
  exec "$VENV/bin/python" scripts/server_config.py "${ARGS[@]}"
fi
if [[ -f $NOTEBOOK ]]; then
  ARGS+=("$NOTEBOOK")
else
  echo "lab: $NOTEBOOK not found; opening the file browser" >&2
fi
exec "$VENV/bin/jupyter" lab "${ARGS[@]}"

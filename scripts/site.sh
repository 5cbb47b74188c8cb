#!/usr/bin/env bash
# Builds the notebooks as a static JupyterLite site in site/ (every notebooks/*.ipynb and data/;
# not notebooks/solutions, which is for teachers), with the project's TypeScript kernel
# (lite/) as a federated extension. The folder works from any static host.
#
#   npm run site                      build site/
#   npm run site -- --serve [--port N]  build, then serve it on http://127.0.0.1:N/ (default 8000)
#   npm run site -- --serve-only        serve the last build
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

SERVE=0
BUILD=1
PORT=8000
while (($# > 0)); do
  case "$1" in
    --serve) SERVE=1 ;;
    --serve-only) SERVE=1 BUILD=0 ;;
    --port)
      PORT="${2:?site: --port needs a number}"
      shift
      ;;
    -h | --help)
      sed -n '2,9p' "$0"
      exit 0
      ;;
    *)
      echo "site: unknown option '$1' (expected --serve, --serve-only, --port N)" >&2
      exit 2
      ;;
  esac
  shift
done

SITE="$ROOT/site"
STAGE="$ROOT/lite/build/stage"

if [[ $BUILD == 1 ]]; then
  START=$SECONDS
  # Inside `npm test` setup has run already and must not run again concurrently.
  [[ ${BACKPROP_SKIP_SETUP:-} == 1 ]] || bash scripts/setup.sh --quiet
  # The kernel's build tools live in lite/ with their own lockfile, so the lessons' setup stays
  # small; they are installed on the first site build.
  if [[ ! -f lite/node_modules/.package-lock.json || lite/package-lock.json -nt lite/node_modules/.package-lock.json ]]; then
    echo "site: installing the kernel's build tools (npm ci in lite/)"
    if [[ ${CI:-} == "true" || ! -x "$(command -v flock)" ]]; then
      npm ci --prefix lite --no-audit --no-fund
    else
      flock /tmp/npm.lock npm ci --prefix lite --no-audit --no-fund
    fi
  fi
  echo "site: type-checking the kernel"
  node node_modules/typescript/bin/tsc -p lite --noEmit
  node lite/build.mjs
  echo "site: building the JupyterLite extension"
  rm -rf lite/build/labextensions
  PATH="$VENV/bin:$PATH" "$VENV/bin/jupyter-builder" build lite >lite/build/labextension.log 2>&1 ||
    {
      cat lite/build/labextension.log >&2
      exit 1
    }

  # Contents: the folders the notebooks' relative paths (../data/Iris.csv) expect.
  rm -rf "$STAGE"
  mkdir -p "$STAGE/contents" "$STAGE/lite-dir"
  mkdir -p "$STAGE/contents/notebooks"
  cp notebooks/*.ipynb "$STAGE/contents/notebooks/"
  mkdir -p "$STAGE/contents/data"
  cp data/*.csv "$STAGE/contents/data/"
  # The same settings as the project's JupyterLab (no notebook windowing, no news).
  cp jupyter/lab/overrides.json lite/jupyter-lite.json "$STAGE/lite-dir/"

  echo "site: building site/ (jupyter lite build)"
  rm -rf "$SITE"
  (cd "$STAGE/lite-dir" && "$VENV/bin/jupyter" lite build \
    --contents "$STAGE/contents" \
    --output-dir "$SITE" \
    --no-sourcemaps \
    --FederatedExtensionAddon.extra_labextensions_path="$ROOT/lite/build/labextensions" \
    --LiteBuildConfig.ignore_contents='\.ipynb_checkpoints' \
    >"$ROOT/lite/build/jupyter-lite.log" 2>&1) || {
    cat lite/build/jupyter-lite.log >&2
    exit 1
  }
  SIZE="$(du -sh "$SITE" | cut -f1)"
  echo "site: built site/ ($SIZE) in $((SECONDS - START)) s"
fi

if [[ $SERVE == 1 ]]; then
  [[ -f $SITE/index.html ]] || {
    echo "site: no site/ yet: run npm run site first" >&2
    exit 1
  }
  echo "site: serving http://127.0.0.1:$PORT/ (Ctrl+C stops)"
  exec "$VENV/bin/python" -m http.server --bind 127.0.0.1 --directory "$SITE" "$PORT"
fi

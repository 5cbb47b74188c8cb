#!/usr/bin/env bash
# THE test command (`npm test`, called by .ci/run): setup (including Chromium for the browser
# tests), then one node:test run over the unit, integration and browser tests that exist.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

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
FILES=(test/unit/*.test.ts test/integration/*.test.ts test/browser/*.test.ts)
shopt -u nullglob
if ((${#FILES[@]} == 0)); then
  echo "test: no test files found under test/{unit,integration,browser}" >&2
  exit 1
fi
exec node --import tsx --test --test-reporter=spec "$@" "${FILES[@]}"

#!/usr/bin/env bash
# npm run bench:setup — the bench-only Python environment .venv-bench (JAX, jaxlib, NumPy,
# threadpoolctl from bench/requirements-bench.lock), separate from the users' .venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-bench"
LOCK="$ROOT/bench/requirements-bench.lock"
command -v python3 >/dev/null || {
  echo "bench:setup: python3 is required" >&2
  exit 1
}
if [[ ! -x "$VENV/bin/python" ]]; then
  echo "bench:setup: creating .venv-bench with $(python3 --version)"
  python3 -m venv "$VENV"
fi
STAMP="$VENV/.requirements-bench.lock.sha256"
SUM="$(sha256sum "$LOCK" | cut -d' ' -f1)"
if [[ ! -f $STAMP || "$(cat "$STAMP")" != "$SUM" ]]; then
  echo "bench:setup: installing bench/requirements-bench.lock"
  "$VENV/bin/python" -m pip install --quiet --no-input -r "$LOCK"
  echo "$SUM" >"$STAMP"
fi
"$VENV/bin/python" -c 'import jax, numpy, threadpoolctl; print(f"bench:setup: ready (JAX {jax.__version__}, NumPy {numpy.__version__})")'

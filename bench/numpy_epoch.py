"""NumPy side of `npm run bench`: times the lesson's training equations in NumPy.

    .venv/bin/python bench/numpy_epoch.py CASES.json   → JSON on stdout

CASES.json: {"repetitions": R, "cases": [{"name", "x", "y", "weights1", "weights2",
"learningRate", "epochs"}, ...]}. For each case the project's NumPy reference loop
(test/reference/network.py's `fit`: np.dot, 1 / (1 + np.exp(-x)), the loss and hit rate of
each epoch appended to lists) runs `epochs` epochs R times from the given weights; the
result is the median µs per epoch, plus the final MSE of one run so the Node side can check
that both sides computed the same thing. With threadpoolctl (the
bench environment, npm run bench:setup) it also reports the BLAS library, kernel and threads.
"""

import json
import os
import statistics
import sys
import time

import numpy as np

# The NumPy reference the parity tests compare the library with.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "test", "reference"))
from network import fit  # noqa: E402


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    results = []
    for case in spec["cases"]:
        x, y = np.array(case["x"], dtype=float), np.array(case["y"], dtype=float)
        w1, w2 = np.array(case["weights1"], dtype=float), np.array(case["weights2"], dtype=float)
        lr, epochs = float(case["learningRate"]), int(case["epochs"])
        fit(x, y, w1, w2, lr, min(epochs, 50))  # warm-up
        times = []
        for _ in range(spec["repetitions"]):
            started = time.perf_counter()
            losses, _, _, _ = fit(x, y, w1, w2, lr, epochs)
            times.append((time.perf_counter() - started) / epochs * 1e6)
        results.append(
            {
                "name": case["name"],
                "usPerEpoch": statistics.median(times),
                "finalMse": float(losses[-1]),
            }
        )
    json.dump({"numpy": np.__version__, "blas": blas_info(), "results": results}, sys.stdout)


def blas_info() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS unknown (threadpoolctl missing: npm run bench:setup)"
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    return "; ".join(
        f"{p['internal_api']} {p.get('version')}, kernel {p.get('architecture')}, "
        f"{p['num_threads']} thread(s)"
        for p in pools
    ) or "no BLAS loaded"


if __name__ == "__main__":
    main()

"""Write test/fixtures/numpy-vectors.json: reference draws from NumPy's legacy RandomState.

The TypeScript RandomState (lib/random) must reproduce these bit for bit, so the numbers
are written with Python's float repr (shortest string that round-trips to the same double),
which JSON.parse reads back to the identical IEEE-754 value.

Re-run with the project venv after changing anything here:
    .venv/bin/python test/generate_numpy_vectors.py
"""

import json
import math
import pathlib

import numpy as np

SEEDS = [0, 1, 3, 4, 7, 10, 42, 12345, 2**32 - 1]
PERMUTATION_SIZES = [1, 2, 3, 10, 150, 1000]
COUNT = 1000

# A mixed sequence of calls on one generator: exercises the cached second Gaussian
# (has_gauss) across random_sample, permutation and re-seeding.
INTERLEAVED_OPS = [
    ["standard_normal", 1],
    ["random_sample", 1],
    ["standard_normal", 1],
    ["standard_normal", 3],
    ["permutation", 5],
    ["standard_normal", 1],
    ["normal", 1.5, 2.0, [1, 3]],
    ["random_sample", 3],
    ["standard_normal", 1],
    ["seed"],
    ["standard_normal", 1],
    ["permutation", 7],
    ["standard_normal", 1],
    ["normal", 0.0, 0.5, [4, 2]],
    ["normal", -3.0, 0.0, [2, 2]],
    ["random_sample", 2],
    ["normal", 0.0, 0.5, [2, 3]],
    ["permutation", 1],
    ["standard_normal", 2],
    ["randint", 1, 10, [2, 2]],
    ["standard_normal", 1],
    ["randint", -5, 1000, [3, 4]],
    ["randint", 0, 2**32, [1, 3]],
    ["randint", 7, 8, [1, 2]],
    ["randint", -(2**31), 2**31 - 1, [2, 3]],
]


def run_op(rs, seed, op):
    """Apply one interleaved op to rs and return its output as plain Python values."""
    name = op[0]
    if name == "seed":
        rs.seed(seed)
        return None
    if name == "random_sample":
        return rs.random_sample(op[1]).tolist()
    if name == "standard_normal":
        return rs.standard_normal(op[1]).tolist()
    if name == "normal":
        return rs.normal(loc=op[1], scale=op[2], size=tuple(op[3])).tolist()
    if name == "permutation":
        return rs.permutation(op[1]).tolist()
    if name == "randint":
        return rs.randint(op[1], op[2], size=tuple(op[3])).tolist()
    raise ValueError(f"unknown op {name}")


def vectors_for(seed):
    raw = np.random.RandomState(seed)._bit_generator.random_raw(COUNT)

    # The tutorial's initialisation, literally: global seed, then two weight matrices.
    np.random.seed(seed)
    w1 = np.random.normal(scale=0.5, size=(4, 2)).tolist()
    w2 = np.random.normal(scale=0.5, size=(2, 3)).tolist()

    rs = np.random.RandomState(seed)
    interleaved = [run_op(rs, seed, op) for op in INTERLEAVED_OPS]

    return {
        "seed": seed,
        "uint32": [int(v) for v in raw],
        "randomSample": np.random.RandomState(seed).random_sample(COUNT).tolist(),
        "standardNormal": np.random.RandomState(seed).standard_normal(COUNT).tolist(),
        "tutorialNormal": [w1, w2],
        "permutations": {
            str(n): np.random.RandomState(seed).permutation(n).tolist() for n in PERMUTATION_SIZES
        },
        "interleaved": interleaved,
    }


def log_vectors():
    """Inputs and outputs of the C library's log(), which NumPy's legacy Gaussian calls.

    math.log calls the same libm log() as NumPy's C code (np.log does not: it has its own
    SIMD loops and differs in the last bit for some inputs, so it is not the reference).
    """
    rs = np.random.RandomState(2024)
    inputs = (
        rs.random_sample(2000).tolist()
        + (0.93 + 0.14 * rs.random_sample(1000)).tolist()
        + np.exp((rs.random_sample(1000) - 0.5) * 1400).tolist()
        + (rs.random_sample(100) * 2.2250738585072014e-308).tolist()
        + [5e-324, 2.2250738585072014e-308, 0.9375, 1.064697265625, 1.0646972656249998, 1.0]
        + [2.0, 0.5, 1e-300, 1.7976931348623157e308]
    )
    inputs = [x for x in inputs if x > 0]
    return {"inputs": inputs, "outputs": [math.log(x) for x in inputs]}


def main():
    out = {
        "generator": "test/generate_numpy_vectors.py",
        "numpy": np.__version__,
        "count": COUNT,
        "interleavedOps": INTERLEAVED_OPS,
        "seeds": [vectors_for(s) for s in SEEDS],
        "log": log_vectors(),
    }
    path = pathlib.Path(__file__).parent / "fixtures" / "numpy-vectors.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes, numpy {np.__version__})")


if __name__ == "__main__":
    main()

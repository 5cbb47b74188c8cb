"""JAX side of `npm run bench`: the tutorial's training equations, compiled by XLA.

    .venv-bench/bin/python bench/jax_epoch.py CASES.json   → JSON on stdout

Same CASES.json as bench/numpy_epoch.py. For each case, `epochs` epochs run as one jax.jit
over lax.fori_loop in float64 (jax_enable_x64), storing each epoch's MSE and accuracy like the
tutorial's monitoring lists; the first call (compilation) is not timed.
"""

import json
import statistics
import sys
import time

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
from jax import lax  # noqa: E402


def trainer(epochs):
    @jax.jit
    def train(x, y, weights_1, weights_2, learning_rate):
        N = y.size

        def epoch(i, carry):
            weights_1, weights_2, mse, acc = carry
            hidden = 1 / (1 + jnp.exp(-jnp.dot(x, weights_1)))
            output = 1 / (1 + jnp.exp(-jnp.dot(hidden, weights_2)))
            mse = mse.at[i].set(((output - y) ** 2).sum() / (2 * N))
            acc = acc.at[i].set((output.argmax(axis=1) == y.argmax(axis=1)).mean())
            output_delta = (output - y) * output * (1 - output)
            hidden_delta = jnp.dot(output_delta, weights_2.T) * hidden * (1 - hidden)
            weights_2 = weights_2 - learning_rate * (jnp.dot(hidden.T, output_delta) / N)
            weights_1 = weights_1 - learning_rate * (jnp.dot(x.T, hidden_delta) / N)
            return weights_1, weights_2, mse, acc

        start = (weights_1, weights_2, jnp.zeros(epochs), jnp.zeros(epochs))
        return lax.fori_loop(0, epochs, epoch, start)

    return train


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    results = []
    for case in spec["cases"]:
        x, y = jnp.array(case["x"], dtype=jnp.float64), jnp.array(case["y"], dtype=jnp.float64)
        w1 = jnp.array(case["weights1"], dtype=jnp.float64)
        w2 = jnp.array(case["weights2"], dtype=jnp.float64)
        lr, epochs = float(case["learningRate"]), int(case["epochs"])
        train = trainer(epochs)
        jax.block_until_ready(train(x, y, w1, w2, lr))  # compile
        times = []
        for _ in range(spec["repetitions"]):
            started = time.perf_counter()
            _, _, mse, _ = jax.block_until_ready(train(x, y, w1, w2, lr))
            times.append((time.perf_counter() - started) / epochs * 1e6)
        results.append(
            {"name": case["name"], "usPerEpoch": statistics.median(times), "finalMse": float(mse[-1])}
        )
    devices = ", ".join(str(d) for d in jax.devices())
    json.dump({"jax": f"JAX {jax.__version__} ({devices})", "results": results}, sys.stdout)


if __name__ == "__main__":
    main()

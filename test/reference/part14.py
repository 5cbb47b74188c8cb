"""Part 14's five training attempts with the project's NumPy reference (network.py).

Prints a JSON object (floats as Python reprs, which JSON.parse reads back to the same doubles)
with, per attempt: the split's permutation, the per-epoch MSE and accuracy, the final weights, the
final training MSE and accuracy and the test accuracy, for test/integration/part14-numpy.test.ts.

    .venv/bin/python test/reference/part14.py [attempt numbers]
"""

import json
import os
import sys

import numpy as np

from network import fit, hit_rate, logistic, one_hot, read_iris, split, starting_weights

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (split random_state, weights seed, learning rate, epochs, hidden nodes), in the lesson's order.
ATTEMPTS = [
    (4, 10, 0.1, 1000, 2),
    (4, 10, 0.1, 10000, 2),
    (4, 10, 0.1, 15000, 2),
    (7, 3, 0.1, 15000, 2),
    (7, 3, 0.1, 15000, 6),
]
TEST_SIZE = 20


def run_attempt(x, y, split_seed, seed, learning_rate, epochs, n_hidden):
    (x_train, y_train), (x_test, y_test), order = split(x, y, TEST_SIZE, split_seed)
    w1, w2 = starting_weights(seed, n_hidden)
    losses, hits, w1_end, w2_end = fit(x_train, y_train, w1, w2, learning_rate, epochs)
    test_outputs = logistic(logistic(x_test @ w1_end) @ w2_end)
    return {
        "split": split_seed,
        "seed": seed,
        "learningRate": learning_rate,
        "epochs": epochs,
        "nHidden": n_hidden,
        "N": int(y_train.size),
        "permutation": order.tolist(),
        "initialWeights1": w1.tolist(),
        "initialWeights2": w2.tolist(),
        "mse": [float(v) for v in losses],
        "accuracy": [float(v) for v in hits],
        "finalMse": float(losses[-1]),
        "finalAccuracy": float(hits[-1]),
        "weights1": w1_end.tolist(),
        "weights2": w2_end.tolist(),
        "testAccuracy": float(hit_rate(test_outputs, y_test)),
    }


def main():
    wanted = [int(a) for a in sys.argv[1:]] or list(range(1, len(ATTEMPTS) + 1))
    x, species = read_iris(os.path.join(ROOT, "data", "Iris.csv"))
    y = one_hot(species)
    out = {
        "numpy": np.__version__,
        "attempts": {str(i): run_attempt(x, y, *ATTEMPTS[i - 1]) for i in wanted},
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

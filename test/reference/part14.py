"""The part-14 notebook's five training attempts written with NumPy as the original tutorial does.

Prints a JSON object (floats as Python reprs, which JSON.parse reads back to the same doubles)
with, per attempt: the split's permutation, the full per-epoch MSE and accuracy history, the
final weights, the final training MSE/accuracy and the test accuracy. The TypeScript library
and notebook are compared against it (test/integration/part14-numpy.test.ts).

Run with the project's Python: `.venv/bin/python test/reference/part14.py [attempt numbers]`.
scikit-learn's train_test_split(x, y, test_size=20, random_state=s) shuffles with
np.random.RandomState(s).permutation(150) and takes the first 20 indices as the test set, so
the split is written out that way here (no scikit-learn needed).
"""

import json
import os
import sys

import numpy as np

from original import accuracy, load_iris, one_hot, sigmoid, train, train_test_split

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (split random_state, weights seed, learning rate, epochs, hidden nodes), in the tutorial's order.
ATTEMPTS = [
    (4, 10, 0.1, 1000, 2),
    (4, 10, 0.1, 10000, 2),
    (4, 10, 0.1, 15000, 2),
    (7, 3, 0.1, 15000, 2),
    (7, 3, 0.1, 15000, 6),
]
TEST_SIZE = 20


def run_attempt(x, y, split, seed, learning_rate, epochs, n_hidden):
    x_train, x_test, y_train, y_test, permutation = train_test_split(x, y, TEST_SIZE, split)
    N = y_train.size
    n_input = 4
    n_output = 3

    np.random.seed(seed)
    weights_1 = np.random.normal(scale=0.5, size=(n_input, n_hidden))
    weights_2 = np.random.normal(scale=0.5, size=(n_hidden, n_output))
    initial_w1, initial_w2 = weights_1.copy(), weights_2.copy()

    monitoring, weights_1, weights_2 = train(
        x_train, y_train, weights_1, weights_2, learning_rate, epochs
    )

    # the test set, with the trained weights
    hidden_layer_outputs = sigmoid(np.dot(x_test, weights_1))
    output_layer_outputs = sigmoid(np.dot(hidden_layer_outputs, weights_2))
    test_accuracy = accuracy(output_layer_outputs, y_test)

    return {
        "split": split,
        "seed": seed,
        "learningRate": learning_rate,
        "epochs": epochs,
        "nHidden": n_hidden,
        "N": int(N),
        "permutation": permutation.tolist(),
        "initialWeights1": initial_w1.tolist(),
        "initialWeights2": initial_w2.tolist(),
        "mse": [float(v) for v in monitoring["mean_squared_error"]],
        "accuracy": [float(v) for v in monitoring["accuracy"]],
        "finalMse": float(monitoring["mean_squared_error"][-1]),
        "finalAccuracy": float(monitoring["accuracy"][-1]),
        "weights1": weights_1.tolist(),
        "weights2": weights_2.tolist(),
        "testAccuracy": float(test_accuracy),
    }


def main():
    wanted = [int(a) for a in sys.argv[1:]] or list(range(1, len(ATTEMPTS) + 1))
    x, species = load_iris(os.path.join(ROOT, "data", "Iris.csv"))
    y = one_hot(species)
    out = {
        "numpy": np.__version__,
        "attempts": {str(i): run_attempt(x, y, *ATTEMPTS[i - 1]) for i in wanted},
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

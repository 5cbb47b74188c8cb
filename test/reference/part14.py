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

import csv
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]

# (split random_state, weights seed, learning rate, epochs, hidden nodes), in the tutorial's order.
ATTEMPTS = [
    (4, 10, 0.1, 1000, 2),
    (4, 10, 0.1, 10000, 2),
    (4, 10, 0.1, 15000, 2),
    (7, 3, 0.1, 15000, 2),
    (7, 3, 0.1, 15000, 6),
]
TEST_SIZE = 20


def load_iris(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows])
    species = [r["species"] for r in rows]
    classes = sorted(set(species))  # pd.get_dummies orders the columns by sorted label
    y = np.array([[1.0 if s == c else 0.0 for c in classes] for s in species])
    return x, y


def train_test_split(x, y, test_size, random_state):
    permutation = np.random.RandomState(random_state).permutation(len(x))
    test, train = permutation[:test_size], permutation[test_size:]
    return x[train], x[test], y[train], y[test], permutation


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def mean_squared_error(predictions, labels):
    N = labels.size
    mse = ((predictions - labels) ** 2).sum() / (2 * N)
    return mse


def accuracy(predictions, labels):
    predicions_correct = predictions.argmax(axis=1) == labels.argmax(axis=1)
    accuracy = predicions_correct.mean()
    return accuracy


def run_attempt(x, y, split, seed, learning_rate, epochs, n_hidden):
    x_train, x_test, y_train, y_test, permutation = train_test_split(x, y, TEST_SIZE, split)
    N = y_train.size
    n_input = 4
    n_output = 3

    np.random.seed(seed)
    weights_1 = np.random.normal(scale=0.5, size=(n_input, n_hidden))
    weights_2 = np.random.normal(scale=0.5, size=(n_hidden, n_output))
    initial_w1, initial_w2 = weights_1.copy(), weights_2.copy()

    monitoring = {"mean_squared_error": [], "accuracy": []}
    for epoch in range(epochs):
        # feedforward
        hidden_layer_inputs = np.dot(x_train, weights_1)
        hidden_layer_outputs = sigmoid(hidden_layer_inputs)
        output_layer_inputs = np.dot(hidden_layer_outputs, weights_2)
        output_layer_outputs = sigmoid(output_layer_inputs)

        # monitor training process (this forward pass, before the update)
        mse = mean_squared_error(output_layer_outputs, y_train)
        acc = accuracy(output_layer_outputs, y_train)
        monitoring["mean_squared_error"].append(mse)
        monitoring["accuracy"].append(acc)

        # backpropagation
        output_layer_error = output_layer_outputs - y_train
        output_layer_delta = output_layer_error * output_layer_outputs * (1 - output_layer_outputs)
        hidden_layer_error = np.dot(output_layer_delta, weights_2.T)
        hidden_layer_delta = hidden_layer_error * hidden_layer_outputs * (1 - hidden_layer_outputs)

        # weight updates
        weights_2_update = np.dot(hidden_layer_outputs.T, output_layer_delta) / N
        weights_1_update = np.dot(x_train.T, hidden_layer_delta) / N
        weights_2 = weights_2 - learning_rate * weights_2_update
        weights_1 = weights_1 - learning_rate * weights_1_update

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
    x, y = load_iris(os.path.join(ROOT, "data", "Iris.csv"))
    out = {
        "numpy": np.__version__,
        "attempts": {str(i): run_attempt(x, y, *ATTEMPTS[i - 1]) for i in wanted},
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

"""NumPy side of `npm run bench`: times the tutorial's original training equations.

    .venv/bin/python bench/numpy_epoch.py CASES.json   → JSON on stdout

CASES.json: {"repetitions": R, "cases": [{"name", "x", "y", "weights1", "weights2",
"learningRate", "epochs"}, ...]}. For each case the epoch loop below (the tutorial's part-14
code: np.dot, 1 / (1 + np.exp(-x)), monitoring appended to lists) runs `epochs` epochs R times
from the given weights; the result is the median µs per epoch, plus the final MSE of one run
so the Node side can check that both sides computed the same thing.
"""

import json
import statistics
import sys
import time

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def mean_squared_error(predictions, labels):
    N = labels.size
    mse = ((predictions - labels) ** 2).sum() / (2 * N)
    return mse


def accuracy(predictions, labels):
    predictions_correct = predictions.argmax(axis=1) == labels.argmax(axis=1)
    return predictions_correct.mean()


def train(x_train, y_train, weights_1, weights_2, learning_rate, epochs):
    N = y_train.size
    monitoring = {"mean_squared_error": [], "accuracy": []}
    for epoch in range(epochs):
        # feedforward
        hidden_layer_inputs = np.dot(x_train, weights_1)
        hidden_layer_outputs = sigmoid(hidden_layer_inputs)
        output_layer_inputs = np.dot(hidden_layer_outputs, weights_2)
        output_layer_outputs = sigmoid(output_layer_inputs)
        # monitor training process
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
    return monitoring


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    results = []
    for case in spec["cases"]:
        x, y = np.array(case["x"], dtype=float), np.array(case["y"], dtype=float)
        w1, w2 = np.array(case["weights1"], dtype=float), np.array(case["weights2"], dtype=float)
        lr, epochs = float(case["learningRate"]), int(case["epochs"])
        train(x, y, w1, w2, lr, min(epochs, 50))  # warm-up
        times = []
        for _ in range(spec["repetitions"]):
            started = time.perf_counter()
            monitoring = train(x, y, w1, w2, lr, epochs)
            times.append((time.perf_counter() - started) / epochs * 1e6)
        results.append(
            {
                "name": case["name"],
                "usPerEpoch": statistics.median(times),
                "finalMse": float(monitoring["mean_squared_error"][-1]),
            }
        )
    json.dump({"numpy": np.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()

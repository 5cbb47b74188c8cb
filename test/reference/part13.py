"""The part-13 notebook's computation written with NumPy exactly as the original tutorial does it.

Prints a JSON object with every intermediate so that tests can compare the TypeScript notebook
and library against real NumPy. Run with the project's Python: `.venv/bin/python test/reference/part13.py`.
"""
import json
import os
import sys

import numpy as np

from original import load_iris, mean_squared_error, one_hot, sigmoid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    x_all, species = load_iris(os.path.join(ROOT, "data", "Iris.csv"))
    positions = [1, 51, 101]
    x = x_all[positions]
    labels = [species[i] for i in positions]
    y = one_hot(labels)
    N = y.size

    learning_rate = 0.1
    n_input, n_hidden, n_output = 4, 2, 3
    np.random.seed(10)
    weights_1 = np.random.normal(scale=0.5, size=(n_input, n_hidden))
    weights_2 = np.random.normal(scale=0.5, size=(n_hidden, n_output))
    initial_w1, initial_w2 = weights_1.copy(), weights_2.copy()

    hidden_layer_inputs = np.dot(x, weights_1)
    hidden_layer_outputs = sigmoid(hidden_layer_inputs)
    output_layer_inputs = np.dot(hidden_layer_outputs, weights_2)
    output_layer_outputs = sigmoid(output_layer_inputs)

    output_layer_error = output_layer_outputs - y
    output_layer_delta = output_layer_error * output_layer_outputs * (1 - output_layer_outputs)
    hidden_layer_error = np.dot(output_layer_delta, weights_2.T)
    hidden_layer_delta = hidden_layer_error * hidden_layer_outputs * (1 - hidden_layer_outputs)

    weights_2_update = np.dot(hidden_layer_outputs.T, output_layer_delta) / N
    weights_1_update = np.dot(x.T, hidden_layer_delta) / N
    weights_2 = weights_2 - learning_rate * weights_2_update
    weights_1 = weights_1 - learning_rate * weights_1_update

    mse_before = mean_squared_error(output_layer_outputs, y)

    hidden_after = sigmoid(np.dot(x, weights_1))
    output_after = sigmoid(np.dot(hidden_after, weights_2))
    mse_after = mean_squared_error(output_after, y)

    out = {
        "x": x.tolist(),
        "y": y.tolist(),
        "N": int(N),
        "weights1": initial_w1.tolist(),
        "weights2": initial_w2.tolist(),
        "hiddenLayerInputs": hidden_layer_inputs.tolist(),
        "hiddenLayerOutputs": hidden_layer_outputs.tolist(),
        "outputLayerInputs": output_layer_inputs.tolist(),
        "outputLayerOutputs": output_layer_outputs.tolist(),
        "outputLayerError": output_layer_error.tolist(),
        "outputLayerDelta": output_layer_delta.tolist(),
        "hiddenLayerError": hidden_layer_error.tolist(),
        "hiddenLayerDelta": hidden_layer_delta.tolist(),
        "weights1Update": weights_1_update.tolist(),
        "weights2Update": weights_2_update.tolist(),
        "weights1After": weights_1.tolist(),
        "weights2After": weights_2.tolist(),
        "mseBefore": float(mse_before),
        "mseAfter": float(mse_after),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

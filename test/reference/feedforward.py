"""The tutorial's feedforward notebooks (01-03) in plain Python and NumPy, for
test/integration/feedforward-numpy.test.ts. Prints JSON; floats as Python reprs.

    .venv/bin/python test/reference/feedforward.py
"""

import json

import numpy as np

INPUTS = [[4.9, 3.0, 1.4, 0.2], [6.4, 3.2, 4.5, 1.5], [5.8, 2.7, 5.1, 1.9]]
WEIGHTS_1 = [[0.9, 0.8, -1.0, -1.0], [-0.5, -0.5, 1.5, 1.0]]
WEIGHTS_2 = [[2.0, -1.0], [1.0, 1.0], [-1.0, 2.0]]


def weighted_sum(inputs, weights):
    total = 0
    for input_value, weight in zip(inputs, weights):
        total += input_value * weight
    return total


def step_function(number):
    return 1 if number >= 2 else 0


def layer(list_of_inputs, list_of_weights, activation=True):
    out = []
    for inputs in list_of_inputs:
        sums = [weighted_sum(inputs, weights) for weights in list_of_weights]
        out.append([step_function(s) for s in sums] if activation else sums)
    return out


def main():
    hidden_in = layer(INPUTS, WEIGHTS_1, False)
    hidden_out = layer(INPUTS, WEIGHTS_1)
    x, w1, w2 = np.array(INPUTS), np.array(WEIGHTS_1).T, np.array(WEIGHTS_2).T
    np_hidden_in = np.dot(x, w1)
    np_hidden_out = (np_hidden_in >= 2).astype(int)
    np.random.seed(0)
    a = np.random.randint(1, 10, size=(2, 2))
    b = np.random.randint(1, 10, size=(2, 2))
    try:
        np.dot(w1, x)
        shape_error = None
    except ValueError as error:
        shape_error = str(error)
    out = {
        "numpy": np.__version__,
        "nodeInput": weighted_sum(INPUTS[0], WEIGHTS_1[0]),
        "nodeOutput": step_function(weighted_sum(INPUTS[0], WEIGHTS_1[0])),
        "npNodeInput": float(np.dot(np.array(INPUTS[0]), np.array(WEIGHTS_1[0]))),
        "hiddenLayerInputs": hidden_in,
        "hiddenLayerOutputs": hidden_out,
        "outputLayerInputs": layer(hidden_out, WEIGHTS_2, False),
        "outputLayerOutputs": layer(hidden_out, WEIGHTS_2),
        "npHiddenLayerInputs": np_hidden_in.tolist(),
        "npHiddenLayerOutputs": np_hidden_out.tolist(),
        "npOutputLayerInputs": np.dot(np_hidden_out, w2).tolist(),
        "npTransposed": np.dot(w1.T, x.T).T.tolist(),
        "A": a.tolist(),
        "B": b.tolist(),
        "AB": np.dot(a, b).tolist(),
        "BA": np.dot(b, a).tolist(),
        "shapeError": shape_error,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()

"""The tutorial's NumPy code (Basics of Deep Learning, part 14), kept as the original writes it.

The parity tests (part13.py, part14.py) and the benchmark (bench/numpy_epoch.py) import these
functions, so there is one NumPy reference of the equations the library is compared against.
"""

import csv

import numpy as np

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def load_iris(path):
    """x (rows × 4 features) and the species labels, read with the standard library."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows])
    return x, [r["species"] for r in rows]


def one_hot(labels):
    """pd.get_dummies(labels).values: one column per label, in sorted label order."""
    classes = sorted(set(labels))
    return np.array([[1.0 if label == c else 0.0 for c in classes] for label in labels])


def train_test_split(x, y, test_size, random_state):
    """scikit-learn's train_test_split shuffles with RandomState(random_state).permutation and
    takes the first test_size indices as the test set."""
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


def train(x_train, y_train, weights_1, weights_2, learning_rate, epochs):
    """The tutorial's training loop; returns (monitoring, weights_1, weights_2)."""
    N = y_train.size
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
    return monitoring, weights_1, weights_2

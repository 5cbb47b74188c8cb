"""The project's NumPy reference: the lesson's equations written with NumPy arrays.

Independent of the TypeScript library (plain NumPy and the standard library only), so that
the parity tests (part13.py, part14.py) and the benchmark compare the library against one
NumPy implementation of the same network: 4 inputs → H sigmoid units → 3 sigmoid outputs, no
biases, full-batch gradient descent on E = Σ(ŷ − y)² / (2 · y.size).
"""

import csv

import numpy as np

MEASUREMENTS = ("sepal_length", "sepal_width", "petal_length", "petal_width")


def read_iris(path):
    """(features, species): a float array with one row per flower, and the label strings."""
    with open(path, newline="") as handle:
        records = list(csv.DictReader(handle))
    features = np.array([[float(record[name]) for name in MEASUREMENTS] for record in records])
    return features, [record["species"] for record in records]


def one_hot(labels):
    """One column per distinct label, columns in sorted label order (like pandas.get_dummies)."""
    columns = sorted(set(labels))
    return np.array([[float(label == column) for column in columns] for label in labels])


def split(features, targets, test_rows, seed):
    """scikit-learn's train_test_split with random_state=seed: RandomState(seed).permutation
    orders the rows; the first test_rows are the test set. Returns (train, test, order) with
    train and test as (features, targets) pairs."""
    order = np.random.RandomState(seed).permutation(len(features))
    test, train = order[:test_rows], order[test_rows:]
    return (features[train], targets[train]), (features[test], targets[test]), order


def starting_weights(seed, n_hidden, n_input=4, n_output=3):
    """Seeded like the lesson: np.random.seed, then W1 and W2 from N(0, 0.5²), in that order."""
    np.random.seed(seed)
    w1 = np.random.normal(scale=0.5, size=(n_input, n_hidden))
    w2 = np.random.normal(scale=0.5, size=(n_hidden, n_output))
    return w1, w2


def logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


def loss(predicted, target):
    """E = Σ (ŷ − y)² / (2 · y.size)."""
    return np.sum((predicted - target) ** 2) / (2 * target.size)


def hit_rate(predicted, target):
    """Share of rows whose largest output sits in the target's column."""
    return np.mean(np.argmax(predicted, axis=1) == np.argmax(target, axis=1))


def step(x, y, w1, w2, rate):
    """One gradient-descent step; returns every intermediate under the lesson's names."""
    n = y.size
    z1 = x @ w1
    h = logistic(z1)
    z2 = h @ w2
    out = logistic(z2)
    error_out = out - y
    delta_out = error_out * out * (1 - out)
    error_hidden = delta_out @ w2.T
    delta_hidden = error_hidden * h * (1 - h)
    grad_w2 = (h.T @ delta_out) / n
    grad_w1 = (x.T @ delta_hidden) / n
    return {
        "hiddenLayerInputs": z1,
        "hiddenLayerOutputs": h,
        "outputLayerInputs": z2,
        "outputLayerOutputs": out,
        "outputLayerError": error_out,
        "outputLayerDelta": delta_out,
        "hiddenLayerError": error_hidden,
        "hiddenLayerDelta": delta_hidden,
        "weights1Update": grad_w1,
        "weights2Update": grad_w2,
        "weights1": w1 - rate * grad_w1,
        "weights2": w2 - rate * grad_w2,
    }


def fit(x, y, w1, w2, rate, epochs):
    """`epochs` steps; the loss and hit rate of each epoch are recorded before its update.
    Returns (losses, hit_rates, w1, w2)."""
    losses, hits = [], []
    for _ in range(epochs):
        s = step(x, y, w1, w2, rate)
        losses.append(loss(s["outputLayerOutputs"], y))
        hits.append(hit_rate(s["outputLayerOutputs"], y))
        w1, w2 = s["weights1"], s["weights2"]
    return losses, hits, w1, w2

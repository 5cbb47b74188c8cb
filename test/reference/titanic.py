"""The tutorial's Titanic notebook with pandas, scikit-learn and the project's NumPy network
(network.py's equations with one sigmoid output), for test/integration/titanic-numpy.test.ts.
Prints JSON: the cleaned table, the split, the final training MSE and accuracy, the test accuracy.

    .venv/bin/python test/reference/titanic.py
"""

import json
import os

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

from network import logistic, loss

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def clean(path):
    df = pd.read_csv(path)
    df = df.drop(["PassengerId", "Name", "Ticket", "Cabin"], axis=1)
    df = df.fillna({"Age": df.Age.median(), "Embarked": df.Embarked.mode()[0]})
    df = pd.get_dummies(df, columns=["Pclass", "Sex", "SibSp", "Parch", "Embarked"], dtype=int)
    for column in ["Age", "Fare"]:
        df[column] = (df[column] - df[column].min()) / (df[column].max() - df[column].min())
    return df


def binary_accuracy(outputs, labels):
    return float(np.mean(outputs.round() == labels))


def main():
    df = clean(os.path.join(ROOT, "data", "Titanic.csv"))
    x = df.drop("Survived", axis=1).values.astype(float)
    y = df[["Survived"]].values.astype(float)
    positions = np.arange(len(x))
    x_train, x_test, y_train, y_test, train_rows, test_rows = train_test_split(
        x, y, positions, test_size=0.2, random_state=0
    )
    np.random.seed(10)
    w1 = np.random.normal(scale=0.5, size=(x.shape[1], 4))
    w2 = np.random.normal(scale=0.5, size=(4, 1))
    n = y_train.size
    for _ in range(10000):
        h = logistic(x_train @ w1)
        out = logistic(h @ w2)
        mse, acc = loss(out, y_train), binary_accuracy(out, y_train)
        delta_out = (out - y_train) * out * (1 - out)
        delta_hidden = (delta_out @ w2.T) * h * (1 - h)
        w2 = w2 - 0.1 * (h.T @ delta_out) / n
        w1 = w1 - 0.1 * (x_train.T @ delta_hidden) / n
    test_out = logistic(logistic(x_test @ w1) @ w2)
    print(
        json.dumps(
            {
                "pandas": pd.__version__,
                "columns": df.columns.tolist(),
                "table": df.values.astype(float).tolist(),
                "trainRows": train_rows.tolist(),
                "testRows": test_rows.tolist(),
                "finalMse": float(mse),
                "finalAccuracy": acc,
                "testAccuracy": binary_accuracy(test_out, y_test),
                "testCorrect": int(np.sum(test_out.round() == y_test)),
            }
        )
    )


if __name__ == "__main__":
    main()

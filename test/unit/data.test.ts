import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DataError,
  ParameterError,
  ShapeError,
  loadIris,
  matrix,
  oneHot,
  selectRows,
  trainTestSplit,
} from "../../lib/index";
import { IRIS_FEATURES, parseFiniteNumber, parseIris } from "../../lib/data/loadIris";
import { parseCsv, readCsv } from "../../lib/data/readCsv";
import { loadNumpyVectors } from "../fixtures/numpy-vectors";

const HEADER = "Id,sepal_length,sepal_width,petal_length,petal_width,species";
const ROWS = [
  "1,5.1,3.5,1.4,0.2,Iris-setosa",
  "2,7.0,3.2,4.7,1.4,Iris-versicolor",
  "3,6.3,3.3,6.0,2.5,Iris-virginica",
];
const csv = (...lines: string[]) => lines.join("\n") + "\n";

/** assert.throws for a DataError whose message contains every given fragment. */
function throwsData(fn: () => unknown, ...fragments: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DataError, `expected DataError, got ${String(e)}`);
    for (const f of fragments) assert.ok(e.message.includes(f), `"${e.message}" lacks "${f}"`);
    return true;
  });
}

const tmp = mkdtempSync(join(tmpdir(), "backprop-data-"));
function tmpFile(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

test("parseCsv reads quoted fields with commas and newlines, skips blank lines", () => {
  const table = parseCsv('a,b\n"x, y",1\n\n"multi\nline",2\r\n', "mem");
  assert.deepEqual(table.header, ["a", "b"]);
  assert.deepEqual(
    table.rows.map((r) => r.fields),
    [
      ["x, y", "1"],
      ["multi\nline", "2"],
    ],
  );
  assert.deepEqual(
    table.rows.map((r) => r.line),
    [2, 4],
  );
  assert.deepEqual(parseCsv("\uFEFFa,b\n1,2", "bom").header, ["a", "b"]);
  const windows = parseCsv("a,b\r\n1,2\r\n\r\n3,4\r5,6", "crlf");
  assert.deepEqual(
    windows.rows.map((r) => [...r.fields, r.line]),
    [
      ["1", "2", 2],
      ["3", "4", 4],
      ["5", "6", 5],
    ],
  );
});

test("parseIris returns ids, 4 feature columns in tutorial order and species", () => {
  const iris = parseIris(
    csv(
      "species,petal_width,Id,sepal_width,petal_length,sepal_length",
      "Iris-setosa,0.2,7,3.5,1.4,5.1",
      "Iris-virginica,2.5,9,3.3,6.0,6.3",
    ),
    "shuffled-columns.csv",
  );
  assert.deepEqual(iris.ids, [7, 9]);
  assert.deepEqual(iris.featureNames, [...IRIS_FEATURES]);
  assert.deepEqual(iris.features, [
    [5.1, 3.5, 1.4, 0.2],
    [6.3, 3.3, 6.0, 2.5],
  ]);
  assert.deepEqual(iris.species, ["Iris-setosa", "Iris-virginica"]);
  assert.equal(iris.source, "shuffled-columns.csv");
});

test("loadIris reads data/Iris.csv: 150 rows, 50 per species", () => {
  const iris = loadIris(join(__dirname, "../../data/Iris.csv"));
  assert.equal(iris.features.length, 150);
  assert.ok(iris.features.every((row) => row.length === 4));
  assert.deepEqual(
    iris.ids,
    Array.from({ length: 150 }, (_, i) => i + 1),
  );
  for (const s of ["Iris-setosa", "Iris-versicolor", "Iris-virginica"]) {
    assert.equal(iris.species.filter((x) => x === s).length, 50, s);
  }
});

test("missing, unreadable and empty files are DataErrors naming the path", () => {
  const missing = join(tmp, "nope.csv");
  throwsData(() => loadIris(missing), missing, "file not found");
  throwsData(() => readCsv(tmp), tmp, "directory");
  throwsData(() => loadIris(tmpFile("empty.csv", "")), "empty.csv is empty");
  throwsData(() => loadIris(tmpFile("blank.csv", "\n \n")), "blank.csv is empty");
  if (process.getuid?.() !== 0) {
    const locked = tmpFile("locked.csv", csv(HEADER, ...ROWS));
    chmodSync(locked, 0o000);
    throwsData(() => loadIris(locked), locked, "permission denied");
  }
});

test("a header without a required column names it and lists the columns found", () => {
  throwsData(
    () =>
      parseIris(
        csv("Id,sepal_length,sepal_width,petal_length,petalwidth,species", "1,1,1,1,1,Iris-setosa"),
        "h.csv",
      ),
    'h.csv: header is missing column "petal_width"',
    'found columns: "Id", "sepal_length", "sepal_width", "petal_length", "petalwidth", "species"',
  );
  throwsData(
    () => parseIris(csv("Id,species", "1,Iris-setosa"), "h2.csv"),
    'columns "sepal_length", "sepal_width"',
  );
  throwsData(
    () => parseIris(csv(HEADER + ",Id", ...ROWS.map((r) => r + ",1")), "dup.csv"),
    'column "Id" more than once',
  );
  throwsData(
    () => parseIris(csv(HEADER), "only-header.csv"),
    "only-header.csv: header but no data rows",
  );
});

test("rows with too few or too many fields name row, line and counts", () => {
  throwsData(
    () => parseIris(csv(HEADER, ROWS[0], "2,7.0,3.2,4.7,Iris-versicolor"), "f.csv"),
    "f.csv, row 2 (line 3): too few fields: found 5, expected 6",
  );
  throwsData(
    () => parseIris(csv(HEADER, ROWS[0], "", ROWS[1] + ",extra"), "g.csv"),
    "g.csv, row 2 (line 4): too many fields: found 7, expected 6",
  );
  throwsData(() => parseCsv('a,b\n"open,1\n', "q.csv"), "q.csv, line 2: malformed CSV");
});

test("bad feature cells quote the value and name row, line and column", () => {
  const withCell = (value: string) =>
    parseIris(csv(HEADER, ROWS[0], `2,7.0,${value},4.7,1.4,Iris-versicolor`, ROWS[2]), "c.csv");
  const at = 'c.csv, row 2 (line 3), column "sepal_width"';
  throwsData(() => withCell("abc"), at, 'value "abc" is not a number');
  throwsData(() => withCell(""), at, "empty value");
  throwsData(() => withCell("NaN"), at, 'value "NaN" is not finite');
  throwsData(() => withCell("-inf"), at, 'value "-inf" is not finite');
  throwsData(() => withCell("1e999"), at, 'value "1e999" is not finite');
  throwsData(() => withCell("0x1A"), at, 'value "0x1A" is not a number');
  throwsData(() => withCell("3,2"), "too many fields");
  assert.equal(withCell(" 3.25 ").features[1][1], 3.25);
  assert.equal(withCell("-1.5e-1").features[1][1], -0.15);
  assert.equal(withCell(".5").features[1][1], 0.5);
});

test("ids must be unique integers", () => {
  throwsData(
    () => parseIris(csv(HEADER, ROWS[0], ROWS[1].replace(/^2/, "1")), "i.csv"),
    'i.csv, row 2 (line 3), column "Id"',
    "id 1 already used in row 1",
  );
  throwsData(
    () => parseIris(csv(HEADER, ROWS[0].replace(/^1/, "1.5"), ROWS[1]), "i.csv"),
    'id "1.5" is not an integer',
  );
});

test("unknown species labels list the known ones; one class is not enough", () => {
  throwsData(
    () =>
      parseIris(csv(HEADER, ROWS[0], ROWS[1].replace("Iris-versicolor", "versicolor")), "s.csv"),
    's.csv, row 2 (line 3), column "species": unknown label "versicolor"',
    "known labels: Iris-setosa, Iris-versicolor, Iris-virginica",
  );
  throwsData(
    () => parseIris(csv(HEADER, ROWS[0], ROWS[0].replace(/^1/, "2")), "one.csv"),
    'one.csv: column "species" has only one class (Iris-setosa) in 2 rows',
  );
});

test("parseFiniteNumber reads decimal numbers only, naming where a cell is bad", () => {
  assert.equal(parseFiniteNumber(" 5.1 ", "here"), 5.1);
  assert.equal(parseFiniteNumber("-.5e1", "here"), -5);
  assert.equal(parseFiniteNumber("+3.", "here"), 3);
  throwsData(() => parseFiniteNumber("", "file, row 1"), "file, row 1: empty value");
  throwsData(() => parseFiniteNumber("0x1A", "cell"), 'cell: value "0x1A" is not a number');
  throwsData(() => parseFiniteNumber("1,5", "cell"), 'value "1,5" is not a number');
  throwsData(() => parseFiniteNumber("-inf", "cell"), 'value "-inf" is not finite');
  throwsData(() => parseFiniteNumber("1e400", "cell"), 'value "1e400" is not finite (overflows');
});

test("selectRows picks rows in the given order and rejects bad positions", () => {
  const rows = [[0], [10], [20], [30]];
  assert.deepEqual(selectRows(rows, [2, 0, 3]), [[20], [0], [30]]);
  assert.deepEqual(selectRows(rows, []), []);
  assert.throws(
    () => selectRows(rows, [1, 4]),
    (e: unknown) =>
      e instanceof ParameterError &&
      /position 4 \(positions\[1\]\) is out of range: 4 rows, valid: 0\.\.3/.test(e.message),
  );
  assert.throws(() => selectRows(rows, [-1]), /position -1 .* valid: 0\.\.3/);
  assert.throws(() => selectRows(rows, [1.5]), /position 1.5 .* out of range/);
  assert.throws(
    () => selectRows(rows, [3, 1, 3]),
    (e: unknown) =>
      e instanceof ParameterError &&
      /position 3 is selected twice \(positions\[0\] and positions\[2\]\); valid: 0\.\.3/.test(
        e.message,
      ),
  );
  assert.throws(() => selectRows([], [0]), /there are no rows/);
});

test("selectRows takes a mathjs matrix as its rows and returns plain rows", () => {
  const rows = [
    [1, 2],
    [3, 4],
    [5, 6],
  ];
  assert.deepEqual(selectRows(matrix(rows), [2, 0]), selectRows(rows, [2, 0]));
});

test("selectRows names a rows or positions argument that is neither an array nor a matrix", () => {
  const wrong = (f: () => unknown, message: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof ParameterError && message.test(e.message));
  wrong(
    () => selectRows(undefined as never, []),
    /^rows must be an array or a matrix, got undefined$/,
  );
  wrong(() => selectRows([[1]], 0 as never), /^positions must be an array, got 0$/);
});

test("oneHot follows pd.get_dummies: sorted label columns, one 1 per row", () => {
  const { y, classes } = oneHot(["b", "a", "c", "a", "b"]);
  assert.deepEqual(classes, ["a", "b", "c"]);
  assert.deepEqual(y, [
    [0, 1, 0],
    [1, 0, 0],
    [0, 0, 1],
    [1, 0, 0],
    [0, 1, 0],
  ]);
  // Code-point order like Python: upper case before lower case, "B" < "a".
  assert.deepEqual(oneHot(["a", "B", "Iris-virginica", "Iris-setosa"]).classes, [
    "B",
    "Iris-setosa",
    "Iris-virginica",
    "a",
  ]);
  assert.throws(() => oneHot([]), {
    name: "DataError",
    message: /fewer than two classes \(no labels in 0 rows\)/,
  });
  assert.throws(() => oneHot(["Iris-setosa", "Iris-setosa"]), {
    name: "DataError",
    message: /fewer than two classes \(only "Iris-setosa" in 2 rows\)/,
  });
});

test("trainTestSplit equals NumPy RandomState(seed).permutation: first testSize rows test", () => {
  for (const v of loadNumpyVectors().seeds) {
    for (const n of [10, 150, 1000]) {
      const perm = v.permutations[String(n)];
      const x = Array.from({ length: n }, (_, i) => [i, -i]);
      const y = Array.from({ length: n }, (_, i) => `row ${i}`);
      const testSize = n === 10 ? 3 : 20;
      const s = trainTestSplit(x, y, { testSize, seed: v.seed });
      assert.deepEqual(s.testIndices, perm.slice(0, testSize), `seed ${v.seed} n ${n}`);
      assert.deepEqual(s.trainIndices, perm.slice(testSize));
      assert.deepEqual(
        s.xTest,
        s.testIndices.map((i) => [i, -i]),
      );
      assert.deepEqual(
        s.xTrain,
        s.trainIndices.map((i) => [i, -i]),
      );
      assert.deepEqual(
        s.yTest,
        s.testIndices.map((i) => `row ${i}`),
      );
      assert.deepEqual(
        s.yTrain,
        s.trainIndices.map((i) => `row ${i}`),
      );
    }
  }
});

test("trainTestSplit validates testSize, row counts and seed", () => {
  const x = [[1], [2], [3]];
  const y = ["a", "b", "c"];
  for (const bad of [0, 3, 4, -1, 1.5, NaN]) {
    assert.throws(
      () => trainTestSplit(x, y, { testSize: bad, seed: 1 }),
      (e: unknown) =>
        e instanceof ParameterError &&
        e.message === `testSize must be an integer in [1, 2] (there are 3 rows), got ${bad}`,
    );
  }
  assert.throws(
    () => trainTestSplit(x, y.slice(1), { testSize: 1, seed: 1 }),
    (e: unknown) =>
      e instanceof ShapeError &&
      /^trainTestSplit: x has 3 rows and y has 2 rows; they need the same number of rows/.test(
        e.message,
      ),
  );
  assert.throws(
    () => trainTestSplit(x, y, { testSize: 1, seed: -4 }),
    /seed must be an integer in \[0, 2\^32\), got -4/,
  );
});

test("trainTestSplit takes mathjs matrices as x and y and returns plain rows", () => {
  const x = Array.from({ length: 10 }, (_, i) => [i, -i]);
  const y = Array.from({ length: 10 }, (_, i) => [i % 2, 1 - (i % 2)]);
  const options = { testSize: 3, seed: 4 };
  assert.deepEqual(trainTestSplit(matrix(x), matrix(y), options), trainTestSplit(x, y, options));
});

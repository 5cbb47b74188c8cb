/** loadTitanic on bad files: one line naming the file, and the row and column of a bad cell. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DataError, loadTitanic } from "../../lib/index";
import { parseTitanic } from "../../lib/data/loadTitanic";

const bad = (file: string) => join(__dirname, "..", "fixtures", "bad-data", "titanic", file);

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof DataError, `expected DataError, got ${String(error)}`);
    assert.doesNotMatch(error.message, /\n/, "one line");
    return error.message;
  }
  assert.fail("no error");
}

for (const [file, ...patterns] of [
  ["missing-column.csv", 'header is missing column "Fare"', "found columns: PassengerId,"],
  ["non-numeric-fare.csv", "row 2 (line 3)", 'column "Fare"', '"seventy" is not a number'],
  ["non-numeric-age.csv", "row 3 (line 4)", 'column "Age"', '"35 years" is not a number'],
  ["bad-label.csv", "row 1 (line 2)", 'column "Survived"', '"yes" is not a number'],
  ["empty.csv", "is empty"],
  ["header-only.csv", "header but no data rows"],
]) {
  test(`${file}: ${patterns.slice(-1)[0]}`, () => {
    const message = messageOf(() => loadTitanic(bad(file)));
    assert.ok(message.includes(bad(file)), message);
    for (const p of patterns) assert.ok(message.includes(p), `${message}\nlacks ${p}`);
  });
}

test("a missing file names the path", () => {
  assert.match(
    messageOf(() => loadTitanic(bad("nope.csv"))),
    /cannot read CSV file .*file not found/,
  );
});

test("a Survived other than 0 or 1, a fractional class: row and column named", () => {
  const head = "PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked";
  assert.match(
    messageOf(() => parseTitanic(`${head}\n1,2,3,A,male,22,1,0,T,7.25,,S`, "t.csv")),
    /t\.csv, row 1 \(line 2\), column "Survived": value "2" is not 0 or 1/,
  );
  assert.match(
    messageOf(() => parseTitanic(`${head}\n1,0,1.5,A,male,22,1,0,T,7.25,,S`, "t.csv")),
    /column "Pclass": value "1.5" is not a whole number/,
  );
});

test("missing Age, Cabin and Embarked are null; numbers are numbers", () => {
  const t = loadTitanic(join(__dirname, "..", "..", "data", "Titanic.csv"));
  assert.equal(t.numRows(), 891);
  const row5 = t.object(5) as Record<string, unknown>;
  assert.equal(row5.Age, null);
  assert.equal(row5.Fare, 8.4583);
  assert.equal(t.filter((d: Record<string, unknown>) => d.Embarked === null).numRows(), 2);
});

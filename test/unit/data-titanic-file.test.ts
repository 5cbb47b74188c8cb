/** data/Titanic.csv is Kaggle's Titanic training file, byte for byte. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

test("data/Titanic.csv is Kaggle's train.csv (891 passengers, md5 61fdd54a…)", () => {
  const bytes = readFileSync(join(__dirname, "../../data/Titanic.csv"));
  assert.equal(createHash("md5").update(bytes).digest("hex"), "61fdd54abdbf6a85b778e937122e1194");
});

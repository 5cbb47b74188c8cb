import { DataError } from "../errors";
import { parseCsv, readCsv, type CsvTable } from "./readCsv";

/** The four measurements in cm, in the column order the tutorial's feature matrix uses. */
export const IRIS_FEATURES = [
  "sepal_length",
  "sepal_width",
  "petal_length",
  "petal_width",
] as const;

/** The three species labels of data/Iris.csv. */
const IRIS_SPECIES: readonly string[] = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"];

const ID = "Id";
const LABEL = "species";

/** The Iris data: ids, a rows × 4 feature matrix and one species label per row. */
export interface IrisData {
  source: string;
  ids: number[];
  /** rows × 4, columns in IRIS_FEATURES order */
  features: number[][];
  featureNames: string[];
  species: string[];
}

/** Load and check data/Iris.csv (or another file with the same columns), cell by cell. */
export function loadIris(path: string): IrisData {
  return irisFromTable(readCsv(path));
}

/** Like loadIris, from CSV text; `source` names the text in error messages. */
export function parseIris(text: string, source: string): IrisData {
  return irisFromTable(parseCsv(text, source));
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A measurement cell as a finite number (`Number()` would read "" as 0 and accept "0x1A"). */
export function parseFiniteNumber(raw: string, where: string): number {
  const text = raw.trim();
  if (text === "") throw new DataError(`${where}: empty value, expected a number`);
  if (!DECIMAL.test(text)) {
    if (/^[+-]?(nan|inf|infinity)$/i.test(text)) {
      throw new DataError(`${where}: value "${raw}" is not finite, expected a finite number`);
    }
    throw new DataError(`${where}: value "${raw}" is not a number`);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new DataError(`${where}: value "${raw}" is not finite (overflows a double)`);
  }
  return value;
}

/** Ids must be unique integers, features finite, species known, and two species at least. */
function irisFromTable({ source, header, rows }: CsvTable): IrisData {
  const required = [ID, ...IRIS_FEATURES, LABEL];
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    const names = missing.map((m) => `"${m}"`).join(", ");
    throw new DataError(
      `${source}: header is missing column${missing.length > 1 ? "s" : ""} ${names}; ` +
        `found columns: ${header.map((h) => JSON.stringify(h)).join(", ")}`,
    );
  }
  const repeated = required.find((name) => header.indexOf(name) !== header.lastIndexOf(name));
  if (repeated) throw new DataError(`${source}: header has column "${repeated}" more than once`);
  if (rows.length === 0) throw new DataError(`${source}: header but no data rows`);

  const idAt = header.indexOf(ID);
  const featureAt = IRIS_FEATURES.map((name) => header.indexOf(name));
  const labelAt = header.indexOf(LABEL);
  const firstRowOfId = new Map<number, number>();
  const ids: number[] = [];
  const features: number[][] = [];
  const species: string[] = [];

  rows.forEach(({ fields, line }, index) => {
    const row = index + 1;
    const where = (column: string) => `${source}, row ${row} (line ${line}), column "${column}"`;
    const id = parseFiniteNumber(fields[idAt], where(ID));
    if (!Number.isInteger(id)) {
      throw new DataError(`${where(ID)}: id "${fields[idAt]}" is not an integer`);
    }
    const earlier = firstRowOfId.get(id);
    if (earlier !== undefined) {
      throw new DataError(`${where(ID)}: id ${id} already used in row ${earlier}`);
    }
    firstRowOfId.set(id, row);
    // left to right, so the first bad cell of a row is the one reported
    const values = featureAt.map((at, k) => parseFiniteNumber(fields[at], where(IRIS_FEATURES[k])));
    const label = fields[labelAt];
    if (!IRIS_SPECIES.includes(label)) {
      throw new DataError(
        `${where(LABEL)}: unknown label ${JSON.stringify(label)}; ` +
          `known labels: ${IRIS_SPECIES.join(", ")}`,
      );
    }
    ids.push(id);
    features.push(values);
    species.push(label);
  });

  const classes = [...new Set(species)];
  if (classes.length < 2) {
    throw new DataError(
      `${source}: column "${LABEL}" has only one class (${classes[0]}) in ` +
        `${rows.length} row${rows.length === 1 ? "" : "s"}; need at least two to train a classifier`,
    );
  }
  return { source, ids, features, featureNames: [...IRIS_FEATURES], species };
}

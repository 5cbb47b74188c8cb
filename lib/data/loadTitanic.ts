import { table, type ColumnTable } from "arquero";
import { DataError } from "../errors";
import { parseFiniteNumber } from "./loadIris";
import { parseCsv, readCsv, type CsvTable } from "./readCsv";

/** Kaggle's Titanic training file: its columns, and how each cell is read. */
const COLUMNS = {
  PassengerId: "integer",
  Survived: "label",
  Pclass: "integer",
  Name: "text",
  Sex: "text",
  Age: "number or empty",
  SibSp: "integer",
  Parch: "integer",
  Ticket: "text",
  Fare: "number",
  Cabin: "text or empty",
  Embarked: "text or empty",
} as const;

type Kind = (typeof COLUMNS)[keyof typeof COLUMNS];
type Cell = number | string | null;

/** One cell as its column's kind; a missing Age, Cabin or Embarked is null, as pandas' NaN. */
function readCell(raw: string, kind: Kind, where: string): Cell {
  const empty = raw.trim() === "";
  if (kind === "text") return raw;
  if (kind === "text or empty") return empty ? null : raw;
  if (kind === "number or empty" && empty) return null;
  const value = parseFiniteNumber(raw, where);
  if (kind === "integer" && !Number.isInteger(value)) {
    throw new DataError(`${where}: value "${raw}" is not a whole number`);
  }
  if (kind === "label" && value !== 0 && value !== 1) {
    throw new DataError(`${where}: value "${raw}" is not 0 or 1`);
  }
  return value;
}

/** Every column there, every cell readable; the first bad cell (row by row) is reported. */
function titanicFromTable({ source, header, rows }: CsvTable): ColumnTable {
  const names = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
  const missing = names.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new DataError(
      `${source}: header is missing column${missing.length > 1 ? "s" : ""} ` +
        `${missing.map((m) => `"${m}"`).join(", ")}; found columns: ${header.join(", ")}`,
    );
  }
  if (rows.length === 0) throw new DataError(`${source}: header but no data rows`);
  const at = names.map((name) => header.indexOf(name));
  const columns: Record<string, Cell[]> = Object.fromEntries(names.map((name) => [name, []]));
  rows.forEach(({ fields, line }, index) => {
    names.forEach((name, k) => {
      const where = `${source}, row ${index + 1} (line ${line}), column "${name}"`;
      columns[name].push(readCell(fields[at[k]], COLUMNS[name], where));
    });
  });
  return table(columns);
}

/**
 * Loads Kaggle's Titanic training file (data/Titanic.csv) as an Arquero table, columns in Kaggle's
 * order: numbers as numbers, missing ages, cabins and ports as null. A missing
 * column, an unreadable cell or an empty file is a DataError naming the file, row and column.
 */
export function loadTitanic(path: string): ColumnTable {
  return titanicFromTable(readCsv(path));
}

/** Like loadTitanic, from CSV text; `source` names the text in error messages. */
export function parseTitanic(text: string, source: string): ColumnTable {
  return titanicFromTable(parseCsv(text, source));
}

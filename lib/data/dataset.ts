import { DataError } from "../errors";
import { cellLocation, parseFiniteNumber } from "./cell-values";
import { readCsv, type CsvTable } from "./csv";

/** Which columns of a CSV table hold the row id, the features and the class label. */
export interface DatasetSpec {
  idColumn: string;
  featureColumns: readonly string[];
  labelColumn: string;
  /** The labels allowed in labelColumn; any other label is an error. */
  knownLabels: readonly string[];
}

/** A labelled dataset: one entry per CSV data row, features as plain rows × columns. */
export interface Dataset {
  source: string;
  ids: number[];
  /** rows × featureColumns.length, columns in featureColumns order */
  features: number[][];
  featureNames: string[];
  labels: string[];
}

/**
 * Turn a parsed CSV table into a dataset, checking every cell: ids are unique integers,
 * features finite numbers, labels among the known ones, and at least two classes occur
 * (a classifier cannot learn from one).
 */
export function tableToDataset(table: CsvTable, spec: DatasetSpec): Dataset {
  const { source, header, rows } = table;
  const required = [spec.idColumn, ...spec.featureColumns, spec.labelColumn];
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    const names = missing.map((m) => `"${m}"`).join(", ");
    throw new DataError(
      `${source}: header is missing column${missing.length > 1 ? "s" : ""} ${names}; ` +
        `found columns: ${header.map((h) => JSON.stringify(h)).join(", ")}`,
    );
  }
  for (const name of required) {
    if (header.indexOf(name) !== header.lastIndexOf(name)) {
      throw new DataError(`${source}: header has column "${name}" more than once`);
    }
  }
  if (rows.length === 0) throw new DataError(`${source}: header but no data rows`);

  const idAt = header.indexOf(spec.idColumn);
  const featureAt = spec.featureColumns.map((name) => header.indexOf(name));
  const labelAt = header.indexOf(spec.labelColumn);
  const firstRowOfId = new Map<number, number>();
  const ids: number[] = [];
  const features: number[][] = [];
  const labels: string[] = [];

  rows.forEach(({ fields, line }, index) => {
    const row = index + 1;
    const where = (column: string) => cellLocation(source, row, line, column);

    const id = parseFiniteNumber(fields[idAt], where(spec.idColumn));
    if (!Number.isInteger(id)) {
      throw new DataError(`${where(spec.idColumn)}: id "${fields[idAt]}" is not an integer`);
    }
    const earlier = firstRowOfId.get(id);
    if (earlier !== undefined) {
      throw new DataError(`${where(spec.idColumn)}: id ${id} already used in row ${earlier}`);
    }
    firstRowOfId.set(id, row);

    // Cells are checked left to right in the spec's order, so the first error is reported.
    const values = featureAt.map((at, k) =>
      parseFiniteNumber(fields[at], where(spec.featureColumns[k])),
    );
    const label = fields[labelAt];
    if (!spec.knownLabels.includes(label)) {
      throw new DataError(
        `${where(spec.labelColumn)}: unknown label ${JSON.stringify(label)}; ` +
          `known labels: ${spec.knownLabels.join(", ")}`,
      );
    }

    ids.push(id);
    features.push(values);
    labels.push(label);
  });

  const classes = [...new Set(labels)];
  if (classes.length < 2) {
    throw new DataError(
      `${source}: column "${spec.labelColumn}" has only one class (${classes[0]}) in ` +
        `${rows.length} row${rows.length === 1 ? "" : "s"}; need at least two to train a classifier`,
    );
  }
  return { source, ids, features, featureNames: [...spec.featureColumns], labels };
}

/** Read a CSV file and check it against spec (see tableToDataset). */
export function loadDataset(path: string, spec: DatasetSpec): Dataset {
  return tableToDataset(readCsv(path), spec);
}

import { parseCsv } from "./csv";
import { loadDataset, tableToDataset, type Dataset, type DatasetSpec } from "./dataset";

/** The four measurements in cm, in the column order the tutorial's feature matrix uses. */
export const IRIS_FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"] as const;

/** The three species labels of data/Iris.csv. */
export const IRIS_SPECIES = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"] as const;

export const IRIS_SPEC: DatasetSpec = {
  idColumn: "Id",
  featureColumns: IRIS_FEATURES,
  labelColumn: "species",
  knownLabels: IRIS_SPECIES,
};

/** The Iris data: ids, a rows × 4 feature matrix and one species label per row. */
export interface IrisData {
  source: string;
  ids: number[];
  features: number[][];
  featureNames: string[];
  species: string[];
}

function toIris({ labels, ...rest }: Dataset): IrisData {
  return { ...rest, species: labels };
}

/** Load and validate data/Iris.csv (or another file with the same columns). */
export function loadIris(path: string): IrisData {
  return toIris(loadDataset(path, IRIS_SPEC));
}

/** Like loadIris, from CSV text; `source` names the text in error messages. */
export function parseIris(text: string, source: string): IrisData {
  return toIris(tableToDataset(parseCsv(text, source), IRIS_SPEC));
}

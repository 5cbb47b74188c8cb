/**
 * The data layer: CSV parsing (papaparse), Iris loading with cell-by-cell validation, row
 * selection, one-hot labels and the seeded train/test split. Matrices are plain number[][].
 */
export { parseCsv, readCsv, type CsvRow, type CsvTable } from "./csv";
export { cellLocation, parseFiniteNumber } from "./cell-values";
export { loadDataset, tableToDataset, type Dataset, type DatasetSpec } from "./dataset";
export {
  IRIS_FEATURES,
  IRIS_SPEC,
  IRIS_SPECIES,
  loadIris,
  parseIris,
  type IrisData,
} from "./iris";
export { selectRows } from "./select-rows";
export { oneHot, type OneHot } from "./one-hot";
export { trainTestSplit, type Split, type SplitOptions } from "./train-test-split";

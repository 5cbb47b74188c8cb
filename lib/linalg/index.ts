export { math } from "./math";
export { matrix, toRows } from "./matrix";
export type { Matrix, Rows } from "./matrix";
export { shapeOf, formatShape, sizeOf, assertSameShape } from "./shape";
export { dot } from "./dot";
export {
  subtract,
  add,
  hadamard,
  scale,
  oneMinus,
  mapElements,
  transpose,
  sum,
} from "./elementwise";

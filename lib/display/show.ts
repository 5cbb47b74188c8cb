import type { Matrix } from "mathjs";
import { isMatrix } from "mathjs";
import { sendBundle } from "./bundle";
import { formatNumber, matrixHtml, matrixText } from "./format";

/** A value `show` can display. */
export type Showable = Matrix | number | boolean | string | readonly string[];

/**
 * Displays a value under its name: a matrix as a table with its shape, a number with its
 * full precision, anything else as text. Each call is one output in the notebook.
 */
export function show(value: Showable, name = ""): void {
  if (isMatrix(value)) {
    sendBundle({
      "text/html": matrixHtml(value as Matrix, name || "matrix"),
      "text/plain": matrixText(value as Matrix, name || "matrix"),
    });
    return;
  }
  const text =
    typeof value === "number"
      ? `${formatNumber(value, 17)}`
      : Array.isArray(value)
        ? value.join(", ")
        : String(value);
  sendBundle({ "text/plain": name ? `${name} = ${text}` : text });
}

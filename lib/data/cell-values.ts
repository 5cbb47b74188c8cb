import { DataError } from "../errors";

/** Where a cell is, for error messages: `file, row 3 (line 4), column "sepal_width"`. */
export function cellLocation(source: string, row: number, line: number, column: string): string {
  return `${source}, row ${row} (line ${line}), column "${column}"`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A measurement cell as a finite number. Stricter than `Number()`, which would read "" as 0
 * and accept "0x1A"; NaN and infinities are refused because they would poison training.
 */
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

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Papa from "papaparse";
import { DataError } from "../errors";

/** One data row of a CSV file: its raw fields and the 1-based line where it starts. */
export interface CsvRow {
  fields: string[];
  line: number;
}

/** A parsed CSV file: header names and raw string rows, plus where they came from. */
export interface CsvTable {
  /** File path or other name used in error messages. */
  source: string;
  header: string[];
  rows: CsvRow[];
}

/**
 * Parse CSV text with papaparse (quotes, embedded commas and newlines handled properly).
 * The first row is the header; blank lines are skipped, as pandas does. Every data row must
 * have as many fields as the header. `source` names the text in error messages.
 */
export function parseCsv(text: string, source: string): CsvTable {
  // Universal newlines, as Python reads files: CRLF or CR line ends (even mixed) become LF.
  const body = (text.startsWith("\uFEFF") ? text.slice(1) : text).replace(/\r\n?/g, "\n");
  if (body.trim() === "") {
    throw new DataError(`${source} is empty: expected a header line and data rows`);
  }
  const lineAt = lineCounter(body);
  const parsed: CsvRow[] = [];
  let cursor = 0;
  Papa.parse<string[]>(body, {
    delimiter: ",",
    skipEmptyLines: true,
    step: (result) => {
      const line = lineAt(cursor);
      const problem = result.errors[0];
      if (problem) {
        throw new DataError(`${source}, line ${line}: malformed CSV (${problem.message})`);
      }
      parsed.push({ fields: result.data, line });
      cursor = result.meta.cursor;
    },
  });
  const [headerRow, ...rows] = parsed;
  const header = headerRow.fields;
  rows.forEach((row, i) => {
    if (row.fields.length !== header.length) {
      const fewOrMany = row.fields.length < header.length ? "too few" : "too many";
      throw new DataError(
        `${source}, row ${i + 1} (line ${row.line}): ${fewOrMany} fields: ` +
          `found ${row.fields.length}, expected ${header.length} (${header.join(",")})`,
      );
    }
  });
  return { source, header, rows };
}

/** Read and parse a CSV file; a missing or unreadable file is a DataError naming its path. */
export function readCsv(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : String((error as Error).message);
    throw new DataError(`cannot read CSV file ${path} (resolved: ${resolve(path)}): ${why}`);
  }
  return parseCsv(text, path);
}

/**
 * The 1-based line number of the first row character at or after `offset` (skipping the
 * line breaks of blank lines that papaparse passed over). Offsets must not decrease.
 */
function lineCounter(text: string): (offset: number) => number {
  let position = 0;
  let line = 1;
  return (offset) => {
    let start = offset;
    while (start < text.length && text[start] === "\n") start++;
    for (; position < start; position++) if (text[position] === "\n") line++;
    return line;
  };
}

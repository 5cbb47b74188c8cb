import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Papa from "papaparse";
import { DataError } from "../errors";

/** A parsed CSV file: its name for error messages, the header, each row's raw fields and line. */
export interface CsvTable {
  source: string;
  header: string[];
  rows: { fields: string[]; line: number }[];
}

/**
 * CSV text parsed by papaparse: the first row is the header, blank lines are skipped (as
 * pandas does), and every data row must have as many fields as the header.
 */
export function parseCsv(text: string, source: string): CsvTable {
  // Universal newlines, as Python reads files: CRLF or CR line ends (even mixed) become LF.
  const body = (text.startsWith("\uFEFF") ? text.slice(1) : text).replace(/\r\n?/g, "\n");
  if (body.trim() === "") {
    throw new DataError(`${source} is empty: expected a header line and data rows`);
  }
  const parsed: CsvTable["rows"] = [];
  // Where the next row starts, and its 1-based line (blank lines papaparse skipped count too).
  let cursor = 0;
  let position = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    delimiter: ",",
    skipEmptyLines: true,
    step: (result) => {
      while (body[cursor] === "\n") cursor++;
      for (; position < cursor; position++) if (body[position] === "\n") line++;
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

const READ_ERRORS: Record<string, string> = {
  ENOENT: "file not found",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
};

/** Read and parse a CSV file; a missing or unreadable file is a DataError naming its path. */
export function readCsv(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const why =
      READ_ERRORS[(error as NodeJS.ErrnoException).code ?? ""] ?? (error as Error).message;
    throw new DataError(`cannot read CSV file ${path} (resolved: ${resolve(path)}): ${why}`);
  }
  return parseCsv(text, path);
}

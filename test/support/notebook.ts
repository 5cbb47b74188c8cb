/** Reads committed notebooks (nbformat 4 JSON) for tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./python";

export interface NotebookOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}
export interface NotebookCell {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[] };
  outputs?: NotebookOutput[];
}
export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
}

export function readNotebook(name: string): Notebook {
  return JSON.parse(readFileSync(join(repoRoot, "notebooks", name), "utf8")) as Notebook;
}

function joined(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

/** All text a cell shows: stream text, an error's traceback and rich outputs' text/plain. */
export function outputText(cell: NotebookCell): string {
  return (cell.outputs ?? [])
    .map((o) =>
      o.output_type === "stream"
        ? joined(o.text)
        : o.output_type === "error"
          ? (o.traceback ?? []).join("\n")
          : joined(o.data?.["text/plain"] as string),
    )
    .join("\n");
}

/** The number printed as `label = value` anywhere in the notebook's outputs. */
export function printedNumber(nb: Notebook, label: string): number {
  for (const cell of nb.cells) {
    const match = outputText(cell).match(
      new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} = (\\S+)`),
    );
    if (match) return Number(match[1]);
  }
  throw new Error(`no output "${label} = …" in the notebook`);
}

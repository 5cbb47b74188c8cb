/**
 * The browser test works on copies: the notebooks (and the data they read with ../data/…) go to
 * a git-ignored folder under test-results/, inside the repository so the kernel still finds
 * node_modules/backprop-lib. Running, editing and saving there never touches the committed
 * notebooks, and the reopen step reads back the file the browser saved.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { repoRoot } from "./server";

export const resultsDir = join(repoRoot, "test-results", "browser");
export const screenshotDir = join(resultsDir, "screenshots");
/** The committed copies the README shows. */
export const docsScreenshotDir = join(repoRoot, "docs", "screenshots");

export interface NotebookFile {
  /** e.g. "14-training.ipynb" */
  file: string;
  /** e.g. "notebooks/14-training.ipynb" — how messages name it */
  name: string;
  /** The committed (source) file. */
  source: string;
  /** Path of the working copy relative to the server root (the repository). */
  serverPath: string;
  /** Absolute path of the working copy. */
  copy: string;
}

/** Notebook JSON as far as the test reads it. */
export interface NotebookJson {
  cells: {
    cell_type: string;
    source: string | string[];
    metadata: { tags?: string[] };
    outputs?: { output_type: string; data?: Record<string, unknown> }[];
  }[];
  metadata: Record<string, unknown>;
}

export function readNotebookJson(file: string): NotebookJson {
  return JSON.parse(readFileSync(file, "utf8")) as NotebookJson;
}

export function sourceText(source: string | string[]): string {
  return Array.isArray(source) ? source.join("") : source;
}

/**
 * A fresh work folder: `notebooks/` with copies of every *.ipynb in `notebooksDir`, `data/`
 * from the repository, `fixtures/` with the self-check notebook.
 */
export function prepareWorkspace(notebooksDir: string): { dir: string; notebooks: NotebookFile[] } {
  const dir = join(resultsDir, `work-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(screenshotDir, { recursive: true, force: true });
  if (existsSync(resultsDir)) {
    for (const old of readdirSync(resultsDir).filter((f) => f.startsWith("FAILED-"))) {
      rmSync(join(resultsDir, old));
    }
  }
  mkdirSync(join(dir, "notebooks"), { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  cpSync(join(repoRoot, "data"), join(dir, "data"), { recursive: true });
  cpSync(join(repoRoot, "test", "fixtures", "browser"), join(dir, "fixtures"), { recursive: true });
  const files = existsSync(notebooksDir)
    ? readdirSync(notebooksDir)
        .filter((f) => f.endsWith(".ipynb"))
        .sort()
    : [];
  const notebooks = files.map((file) => {
    const copy = join(dir, "notebooks", file);
    cpSync(join(notebooksDir, file), copy);
    return {
      file,
      name: relative(repoRoot, join(notebooksDir, file)).startsWith("..")
        ? join(notebooksDir, file)
        : relative(repoRoot, join(notebooksDir, file)),
      source: join(notebooksDir, file),
      serverPath: relative(repoRoot, copy),
      copy,
    };
  });
  return { dir, notebooks };
}

/** The self-check fixture's working copy (server path and absolute path). */
export function fixtureCopy(dir: string, file: string): { serverPath: string; copy: string } {
  const copy = join(dir, "fixtures", basename(file));
  return { serverPath: relative(repoRoot, copy), copy };
}

/**
 * Committed notebooks carry nothing from the machine that produced them: no absolute paths,
 * user or host names, Jupyter tokens, editor/interpreter metadata, timing metadata or committed
 * errors. (scripts/execute_notebook.py --inplace writes notebooks this way.)
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { homedir, hostname, userInfo } from "node:os";
import { join } from "node:path";

const repoRoot = join(__dirname, "..", "..");

interface Cell {
  cell_type: string;
  metadata?: Record<string, unknown>;
  outputs?: {
    output_type: string;
    name?: string;
    text?: string | string[];
    traceback?: string[];
  }[];
}
interface NotebookJson {
  nbformat?: number;
  metadata?: Record<string, unknown>;
  cells?: Cell[];
}

/** Names that identify this machine or its user, when specific enough to search for. */
function machineNames(): string[] {
  const names = [
    hostname(),
    userInfo().username,
    process.env.USER ?? "",
    process.env.LOGNAME ?? "",
  ];
  const generic = new Set(["root", "user", "runner", "node", "jovyan", "localhost", "admin"]);
  return [...new Set(names)].filter((n) => n.length >= 4 && !generic.has(n.toLowerCase()));
}

const ABSOLUTE_PATHS = [
  /(^|[\s"'(=:])\/(root|home|work|tmp|Users|private|var\/folders|mnt|opt)\//,
  /[A-Za-z]:\\\\(Users|Documents and Settings)\\\\/,
  /file:\/\//,
];
const TOKENS = [/[?&]token=\w/, /JUPYTER_TOKEN/, /\btoken["']?\s*[:=]\s*["']?[0-9a-f]{24,}/i];
const MACHINE_METADATA = ["vscode", "interpreter", "papermill", "widgets", "orig_nbformat"];
const VOLATILE_CELL_METADATA = ["execution", "ExecuteTime", "papermill", "jupyter.outputs_hidden"];

/** Every hygiene problem in a notebook's text, as readable messages. */
function hygieneProblems(text: string, names: string[] = machineNames()): string[] {
  const problems: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    for (const pattern of ABSOLUTE_PATHS) {
      if (pattern.test(line)) problems.push(`line ${i + 1}: absolute path: ${line.trim()}`);
    }
    for (const pattern of TOKENS) {
      if (pattern.test(line)) problems.push(`line ${i + 1}: token: ${line.trim()}`);
    }
    const home = homedir();
    if (home.length > 1 && line.includes(home + "/")) {
      problems.push(`line ${i + 1}: home directory ${home}: ${line.trim()}`);
    }
    for (const name of names) {
      if (line.includes(name)) problems.push(`line ${i + 1}: machine/user name "${name}"`);
    }
  });
  let nb: NotebookJson;
  try {
    nb = JSON.parse(text) as NotebookJson;
  } catch (error) {
    return [...problems, `not valid JSON: ${(error as Error).message}`];
  }
  if (nb.nbformat !== 4) problems.push(`nbformat is ${nb.nbformat}, expected 4`);
  const kernelspec = nb.metadata?.kernelspec as { name?: string } | undefined;
  if (kernelspec?.name !== "tslab") {
    problems.push(`kernelspec.name is ${kernelspec?.name}, expected "tslab"`);
  }
  for (const key of MACHINE_METADATA) {
    if (nb.metadata && key in nb.metadata) problems.push(`notebook metadata "${key}"`);
  }
  (nb.cells ?? []).forEach((cell, index) => {
    for (const key of VOLATILE_CELL_METADATA) {
      if (cell.metadata && key in cell.metadata) problems.push(`cell ${index}: metadata "${key}"`);
    }
    // A cell tagged raises-exception shows a deliberate error; its output is the lesson.
    const tags = cell.metadata?.tags;
    const expectsError = Array.isArray(tags) && tags.includes("raises-exception");
    for (const output of cell.outputs ?? []) {
      const outText = [output.text ?? "", output.traceback ?? []].flat(2).join("");
      if (expectsError && !/evalmachine\.<anonymous>|\n\s+at /.test(outText)) continue;
      if (output.output_type === "error" || /evalmachine\.<anonymous>/.test(outText)) {
        problems.push(`cell ${index}: a committed error output`);
      }
    }
  });
  return problems;
}

const notebooks = readdirSync(join(repoRoot, "notebooks")).filter((n) => n.endsWith(".ipynb"));

describe("notebook hygiene", () => {
  for (const name of notebooks) {
    it(`${name} has no machine-specific content`, () => {
      const problems = hygieneProblems(readFileSync(join(repoRoot, "notebooks", name), "utf8"));
      assert.deepEqual(problems, [], `${name}:\n${problems.join("\n")}`);
    });
  }
});

describe("hygieneProblems (the checker itself)", () => {
  const clean = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: [
      {
        cell_type: "code",
        metadata: { tags: ["parameters"] },
        source: 'const data = loadIris("../data/Iris.csv");',
        outputs: [{ output_type: "stream", name: "stdout", text: ["a/b = 0.5, root 2\n"] }],
      },
    ],
  };
  const dirty = (patch: (nb: typeof clean & Record<string, unknown>) => void): string => {
    const nb = structuredClone(clean) as typeof clean & Record<string, unknown>;
    patch(nb);
    return JSON.stringify(nb, null, 1);
  };

  it("accepts a deliberate one-line error in a cell tagged raises-exception", () => {
    const nb = structuredClone(clean);
    nb.cells[0].metadata.tags = ["raises-exception"];
    nb.cells[0].outputs = [
      { output_type: "error", ename: "ShapeError", evalue: "dot: cannot multiply", traceback: [] },
    ] as never;
    assert.deepEqual(hygieneProblems(JSON.stringify(nb), []), []);
  });

  it("accepts a clean notebook (relative paths, ordinary text)", () => {
    assert.deepEqual(hygieneProblems(JSON.stringify(clean, null, 1), ["buildhost42"]), []);
  });

  const cases: [string, string, RegExp][] = [
    [
      "an absolute path in an output",
      dirty((nb) => (nb.cells[0].outputs[0].text = ["/work/main/data/Iris.csv\n"])),
      /absolute path/,
    ],
    [
      "a home path in the source",
      dirty((nb) => (nb.cells[0].source = 'loadIris("/home/alice/Iris.csv")')),
      /absolute path/,
    ],
    [
      "a server URL with a token",
      dirty((nb) => (nb.cells[0].outputs[0].text = ["http://127.0.0.1:8888/lab?token=abc123\n"])),
      /token/,
    ],
    [
      "the machine's host name",
      dirty((nb) => (nb.cells[0].outputs[0].text = ["built on buildhost42\n"])),
      /machine\/user name "buildhost42"/,
    ],
    [
      "editor metadata",
      dirty((nb) => ((nb.metadata as Record<string, unknown>).vscode = { interpreter: {} })),
      /notebook metadata "vscode"/,
    ],
    [
      "execution timing metadata",
      dirty((nb) => ((nb.cells[0].metadata as Record<string, unknown>).execution = {})),
      /cell 0: metadata "execution"/,
    ],
    [
      "a committed error",
      dirty((nb) => (nb.cells[0].outputs[0].text = ["evalmachine.<anonymous>:2\n"])),
      /committed error/,
    ],
    [
      "a stack in a cell tagged raises-exception",
      dirty((nb) => {
        nb.cells[0].metadata.tags = ["raises-exception"];
        nb.cells[0].outputs[0].text = [
          "ShapeError: bad\n",
          "    at f (evalmachine.<anonymous>:2:7)\n",
        ];
      }),
      /committed error/,
    ],
    [
      "another kernel",
      dirty((nb) => (nb.metadata.kernelspec.name = "python3")),
      /kernelspec\.name is python3/,
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(`flags ${what}`, () => {
      const problems = hygieneProblems(text, ["buildhost42"]);
      assert.ok(
        problems.some((p) => expected.test(p)),
        `expected ${expected}, got ${JSON.stringify(problems)}`,
      );
    });
  }
});

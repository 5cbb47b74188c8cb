/**
 * The kernel's Web Worker: compiles each cell (cell.ts), runs it in the session's scope with
 * backprop-lib and mathjs bundled in, and sends outputs and the reply to the page. Errors are
 * one stderr line `name: message` and an error reply, as on tslab.
 */
import { interruptListenersNow, post, setCurrentCell, writeStream } from "./host"; // first: the library looks for the host when it loads
import * as backpropLib from "backprop-lib";
import * as mathjs from "mathjs";
import { compileCell } from "./cell";
import { configureFiles } from "./files";
import { errorLine, inspect } from "./inspect";
import type { ToWorker } from "./protocol";

const MODULES: Record<string, unknown> = { "backprop-lib": backpropLib, mathjs };

function importModule(name: string): unknown {
  const found = MODULES[name];
  if (found === undefined) {
    throw new Error(
      `Cannot find module '${name}': the browser kernel has ${Object.keys(MODULES).join(" and ")}`,
    );
  }
  return found;
}

function importDefault(module: unknown): unknown {
  const m = module as { default?: unknown };
  return m.default ?? module;
}

/** The session: every top-level name the cells declared, looked up through `with`. */
const scope: Record<string, unknown> = Object.create(null);
type CellFunction = (
  scope: Record<string, unknown>,
  importModule: (name: string) => unknown,
  importDefault: (module: unknown) => unknown,
) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => CellFunction;

/** Rejects the running cell on an interrupt, as tslab does; lib's listeners stop training. */
let rejectRunning: ((error: Error) => void) | undefined;

async function execute(cell: number, code: string): Promise<void> {
  setCurrentCell(cell);
  try {
    const compiled = compileCell(code);
    for (const name of compiled.names) if (!(name in scope)) scope[name] = undefined;
    const run = new AsyncFunction(
      "__scope",
      "__import",
      "__importDefault",
      `with (__scope) {\n${compiled.body}\n}`,
    );
    const interrupted = new Promise<never>((_, reject) => (rejectRunning = reject));
    const value = await Promise.race([run(scope, importModule, importDefault), interrupted]);
    // tslab prints a final expression's value unless it is null or undefined.
    if (compiled.hasValue && value != null) {
      writeStream("stdout", (typeof value === "string" ? value : inspect(value)) + "\n", cell);
    }
    post({ type: "reply", cell, status: "ok" });
  } catch (error) {
    writeStream("stderr", errorLine(error) + "\n", cell);
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: "reply", cell, status: "error", ename: e.name, evalue: e.message });
  } finally {
    rejectRunning = undefined;
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "init":
      configureFiles(message);
      // The worker's clock starts when the page creates it: this is fetch + compile + load.
      post({ type: "ready", startupMs: performance.now() });
      break;
    case "execute":
      void execute(message.cell, message.code);
      break;
    case "interrupt":
      interruptListenersNow();
      rejectRunning?.(new Error("Interrupted asynchronously"));
      break;
  }
};

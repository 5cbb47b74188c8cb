/**
 * The kernel's Web Worker: runs each cell in the notebook's session (session.ts) with
 * backprop-lib, mathjs and arquero bundled in, and sends outputs and the reply to the page. A
 * failed cell is an error reply (ename, evalue, and the one line `name: message` as its
 * traceback), which the page sends as Jupyter's `error` message, as the patched tslab does.
 */
import { interruptListenersNow, post, setCurrentCell, writeStream } from "./host"; // first: the library looks for the host when it loads
import * as backpropLib from "backprop-lib";
import * as mathjs from "mathjs";
import * as arquero from "arquero";
import { configureFiles, fileUrl } from "./files";
import { errorLine, inspect } from "./inspect";
import type { ToWorker } from "./protocol";
import { createSession } from "./session";

/**
 * arquero as on tslab, except that its loaders read a relative path as the notebook's own file
 * (`aq.loadCSV("../data/x.csv")`), as on tslab, rather than relative to the worker's URL.
 */
const isRelative = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//");
const local = <T extends (url: string, ...rest: never[]) => unknown>(load: T): T =>
  ((url: string, ...rest: never[]) => load(isRelative(url) ? fileUrl(url) : url, ...rest)) as T;
const arqueroHere = {
  ...arquero,
  loadCSV: local(arquero.loadCSV),
  loadJSON: local(arquero.loadJSON),
  loadArrow: local(arquero.loadArrow),
  loadFixed: local(arquero.loadFixed),
};

const session = createSession({ "backprop-lib": backpropLib, mathjs, arquero: arqueroHere });

/** Rejects the running cell on an interrupt, as tslab does; lib's listeners stop training. */
let rejectRunning: ((error: Error) => void) | undefined;

async function execute(cell: number, code: string): Promise<void> {
  setCurrentCell(cell);
  try {
    const interrupted = new Promise<never>((_, reject) => (rejectRunning = reject));
    const result = await Promise.race([session.run(code), interrupted]);
    // tslab prints a final expression's value unless it is null or undefined.
    if (result.hasValue && result.value != null) {
      const { value } = result;
      writeStream("stdout", (typeof value === "string" ? value : inspect(value)) + "\n", cell);
    }
    post({ type: "reply", cell, status: "ok" });
  } catch (error) {
    const line = errorLine(error);
    const e = error instanceof Error ? error : { name: "Error", message: line };
    post({
      type: "reply",
      cell,
      status: "error",
      ename: e.name,
      evalue: e.message,
      traceback: [line],
    });
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

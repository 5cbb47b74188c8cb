/**
 * The one place that knows which kernel runs the library, detected once when the library
 * loads: tslab (JupyterLab), an embedding kernel that installs a host object (the browser
 * kernel), or none (tests, scripts). tslab's public `display.raw` sends a single MIME type as a
 * string, while a rich output needs several at once and Vega-Lite/Plotly need JSON objects, so
 * for tslab we write through the writer it keeps for the running cell in `tslab/dist/jupyter`.
 */
import { setOneLineErrors } from "../errors";

/** MIME type → value (strings, or JSON objects for the vega-lite/plotly renderers). */
export type MimeBundle = Record<string, unknown>;

/** The content of a display_data / update_display_data message. */
export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Sends one message; `update` = true sends update_display_data (needs a display_id). */
export type DisplayWriter = (message: DisplayMessage, update: boolean) => void;

/** What an embedding kernel installs at `globalThis[Symbol.for("backprop-lib.kernel")]`. */
export interface KernelHost {
  display: DisplayWriter;
  /** Calls `listener` when the user interrupts the kernel; returns a function that unsubscribes. */
  onInterrupt?(listener: () => void): () => void;
}

interface Kernel {
  name: "tslab" | "embedded" | "none";
  writer(): DisplayWriter | null;
  onInterrupt(listener: () => void): () => void;
}

const HOST_KEY = Symbol.for("backprop-lib.kernel");

const takers = new Set<() => void>();
let setAside: ((...args: unknown[]) => void)[] = [];
let taken = false;
let scheduled = false;

function deliverSigint(): void {
  for (const listener of [...takers]) listener();
}

/**
 * Makes the SIGINT listeners match `takers`. It runs as a microtask, never inside a cell's
 * synchronous part: tslab runs that with vm's breakOnSigint, which lifts the SIGINT listeners
 * for the run and puts them back after, and a listener first added during the run leaves the
 * process with the default action (exit) on the next SIGINT.
 */
function reconcile(): void {
  scheduled = false;
  if (takers.size > 0 && !taken) {
    process.on("SIGINT", deliverSigint);
    setAside = process.rawListeners("SIGINT").filter((l) => l !== deliverSigint) as typeof setAside;
    for (const handler of setAside) process.off("SIGINT", handler);
    taken = true;
  } else if (takers.size === 0 && taken) {
    for (const handler of setAside) process.on("SIGINT", handler);
    process.off("SIGINT", deliverSigint);
    setAside = [];
    taken = false;
  }
}

/**
 * Routes SIGINT (tslab's interrupt) to `listener` alone until the returned function is called.
 * tslab's own handler rejects the running cell at once while the code behind an `await` runs
 * on; set aside, it lets the library stop its loop and the cell end normally with what it has.
 * The handlers set aside are put back, in their order, when the last listener leaves. Both
 * take effect at the next microtask. Synchronous code is unaffected: breakOnSigint stops it.
 */
export function takeOverSigint(listener: () => void): () => void {
  takers.add(listener);
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(reconcile);
  };
  schedule();
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    takers.delete(listener);
    schedule();
  };
}

function detect(): Kernel {
  const host = (globalThis as Record<symbol, KernelHost | undefined>)[HOST_KEY];
  if (host && typeof host.display === "function") {
    return {
      name: "embedded",
      writer: () => host.display,
      onInterrupt: (listener) => host.onInterrupt?.(listener) ?? (() => {}),
    };
  }
  const [script = "", command] = typeof process === "object" ? process.argv.slice(1, 3) : [];
  if (command === "kernel" && /(^|[\\/])tslab([\\/]|$)/.test(script)) {
    return {
      name: "tslab",
      writer: () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const glue = require("tslab/dist/jupyter") as {
          lastWriteDisplayData: DisplayWriter | null;
        };
        return glue.lastWriteDisplayData;
      },
      onInterrupt: takeOverSigint,
    };
  }
  return { name: "none", writer: () => null, onInterrupt: () => () => {} };
}

const kernel = detect();
// In a notebook the message already says what and where; a stack through lib/dist would bury it.
setOneLineErrors(kernel.name !== "none");
if (kernel.name === "tslab") keepLearnerFrames();

/**
 * In tslab, stacks keep only the frames a learner can act on: not those in node_modules (tslab's
 * executor), in Node's internals or in the compiled library. An interrupted synchronous cell then
 * reads "Error: Script execution was interrupted by SIGINT" and its own lines, not tslab's.
 */
function keepLearnerFrames(): void {
  const previous = Error.prepareStackTrace;
  const internal = /[\\/]node_modules[\\/]|^node:|[\\/]lib[\\/]dist[\\/]/;
  Error.prepareStackTrace = (error, frames) => {
    const kept = frames.filter((frame) => !internal.test(frame.getFileName() ?? ""));
    if (previous) return previous(error, kept);
    return [Error.prototype.toString.call(error), ...kept.map((f) => `    at ${String(f)}`)].join(
      "\n",
    );
  };
}

let writerOverride: DisplayWriter | null = null;

/**
 * Routes every display to `writer` until the returned function is called (tests record the
 * messages this way).
 */
export function useDisplayWriter(writer: DisplayWriter): () => void {
  const previous = writerOverride;
  writerOverride = writer;
  return () => {
    writerOverride = previous;
  };
}

/**
 * Calls `listener` on a kernel interrupt (■) instead of the kernel's own handling, so the
 * running call can stop and return; returns the function that stops listening.
 */
export function onInterrupt(listener: () => void): () => void {
  return kernel.onInterrupt(listener);
}

export interface SendOptions {
  /** Id of a display to create or (with `update`) overwrite in place. */
  displayId?: string;
  update?: boolean;
}

/**
 * Sends a display_data (or update_display_data) with every MIME type in `data`. Without a
 * kernel the text/plain part goes to stdout, so nothing is lost.
 */
export function sendBundle(data: MimeBundle, options: SendOptions = {}): void {
  const write = writerOverride ?? kernel.writer();
  if (write === null) {
    const text = data["text/plain"];
    if (typeof text === "string" && options.update !== true) console.log(text);
    return;
  }
  write(
    {
      data,
      metadata: {},
      transient: options.displayId ? { display_id: options.displayId } : {},
    },
    options.update === true,
  );
}

let displays = 0;

/**
 * One output area that can be redrawn in place: the first `show` sends display_data with a
 * display_id, later ones update_display_data with the same id.
 */
export class DisplayHandle {
  readonly id = `backprop-${Date.now().toString(36)}-${(displays++).toString(36)}`;
  private shown = false;

  show(data: MimeBundle): void {
    sendBundle(data, { displayId: this.id, update: this.shown });
    this.shown = true;
  }
}

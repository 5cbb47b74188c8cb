/**
 * The one place that knows the kernel, detected once when the library loads: a host object an
 * embedding kernel installs (the browser kernel), tslab (JupyterLab), or none (tests, scripts).
 * tslab's public `display.raw` sends one MIME type as a string, while a figure needs several at
 * once as JSON objects, so we write through the writer tslab keeps for the running cell.
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

const installed = (globalThis as Record<symbol, KernelHost | undefined>)[
  Symbol.for("backprop-lib.kernel")
];
const host = typeof installed?.display === "function" ? installed : undefined;
const [script = "", command] = typeof process === "object" ? process.argv.slice(1, 3) : [];
const tslab = !host && command === "kernel" && /(^|[\\/])tslab([\\/]|$)/.test(script);

// In a notebook the message already says what and where; a stack through lib/dist would bury it.
setOneLineErrors(host !== undefined || tslab);
if (tslab) keepLearnerFrames();

/**
 * In tslab, stacks keep only the frames a learner can act on, not tslab's executor, Node's
 * internals or lib/dist: an interrupted synchronous cell then shows its own lines only.
 */
function keepLearnerFrames(): void {
  const previous = Error.prepareStackTrace;
  const internal = /[\\/]node_modules[\\/]|^node:|[\\/]lib[\\/]dist[\\/]/;
  Error.prepareStackTrace = (error, frames) => {
    const kept = frames.filter((frame) => !internal.test(frame.getFileName() ?? ""));
    if (previous) return previous(error, kept);
    const lines = kept.map((frame) => `    at ${String(frame)}`);
    return [Error.prototype.toString.call(error), ...lines].join("\n");
  };
}

type Handler = (...args: unknown[]) => void;

const takers = new Set<() => void>();
/** The SIGINT handlers taken off while the library listens (null: none taken). */
let setAside: Handler[] | null = null;

function deliverSigint(): void {
  for (const listener of [...takers]) listener();
}

/**
 * Makes the SIGINT listeners match `takers`, as a microtask, never inside a cell's synchronous
 * part: tslab runs that with vm's breakOnSigint, which lifts the listeners for the run, and a
 * listener first added during it leaves the process to exit on the next SIGINT. The listener
 * count never drops to zero on the way, which would also restore the default action.
 */
function reconcile(): void {
  if (takers.size > 0 && !setAside) {
    process.on("SIGINT", deliverSigint);
    setAside = process.rawListeners("SIGINT").filter((l) => l !== deliverSigint) as Handler[];
    for (const handler of setAside) process.off("SIGINT", handler);
  } else if (takers.size === 0 && setAside) {
    for (const handler of setAside) process.on("SIGINT", handler);
    process.off("SIGINT", deliverSigint);
    setAside = null;
  }
}

/**
 * Routes SIGINT (tslab's interrupt) to `listener` alone until the returned function is called,
 * from the next microtask on. tslab's own handler rejects the cell at once while the code behind
 * an `await` runs on; set aside, it lets the library stop its loop and the cell end normally.
 * The handlers come back in their order when the last listener leaves.
 */
export function takeOverSigint(listener: () => void): () => void {
  takers.add(listener);
  queueMicrotask(reconcile);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    takers.delete(listener);
    queueMicrotask(reconcile);
  };
}

/** Calls `listener` on an interrupt (■) instead of the kernel; returns the unsubscribe. */
export function onInterrupt(listener: () => void): () => void {
  if (host) return host.onInterrupt?.(listener) ?? (() => {});
  return tslab ? takeOverSigint(listener) : () => {};
}

let writerOverride: DisplayWriter | null = null;

/** Routes every display to `writer` until the returned function is called (tests record so). */
export function useDisplayWriter(writer: DisplayWriter): () => void {
  const previous = writerOverride;
  writerOverride = writer;
  return () => {
    writerOverride = previous;
  };
}

function kernelWriter(): DisplayWriter | null {
  if (host) return host.display;
  if (!tslab) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const glue = require("tslab/dist/jupyter") as { lastWriteDisplayData: DisplayWriter | null };
  return glue.lastWriteDisplayData;
}

/**
 * Sends a display_data (or, with `update`, update_display_data) with every MIME type in `data`.
 * Without a kernel the text/plain part goes to stdout, so nothing is lost.
 */
export function sendBundle(
  data: MimeBundle,
  options: { displayId?: string; update?: boolean } = {},
): void {
  const write = writerOverride ?? kernelWriter();
  const update = options.update === true;
  if (write === null) {
    const text = data["text/plain"];
    if (typeof text === "string" && !update) console.log(text);
    return;
  }
  const transient = options.displayId ? { display_id: options.displayId } : {};
  write({ data, metadata: {}, transient }, update);
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

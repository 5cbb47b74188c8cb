/**
 * The one place that knows the kernel, detected once when the library loads: a host object an
 * embedding kernel installs (the browser kernel), Deno's kernel (`deno jupyter`), tslab
 * (JupyterLab), or none (tests, scripts). tslab's public `display.raw` sends one MIME type as a
 * string, while a figure needs several at once as JSON objects, so we write through the writer
 * tslab keeps for the running cell; Deno broadcasts whole messages itself.
 */
import { BackpropError, setOneLineErrors } from "../errors";

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
const deno = host ? undefined : denoKernel();
const tslab = !host && !deno && command === "kernel" && /(^|[\\/])tslab([\\/]|$)/.test(script);

// In a notebook the message already says what and where; a stack through lib/dist would bury it.
setOneLineErrors(host !== undefined || deno !== undefined || tslab);
if (tslab) keepLearnerFrames();
if (deno) {
  // Deno's kernel reports a failed cell with the error's stack, so the stack is what must read
  // as one line; other errors keep the learner's own frames.
  keepLearnerFrames((error) => error instanceof BackpropError);
  // Deno's kernel stops a cell on ■ only with interrupt_mode "message", which leaves a cell that
  // awaits (a live run) hanging for good; with "signal" an unheard SIGINT ends the kernel. So
  // the kernelspec asks for SIGINT and the library always listens: a live run stops at its
  // next chunk, anything else runs on and the kernel stays.
  deno.addSignalListener("SIGINT", deliverSigint);
}

/** The Deno API the library uses (`Deno` is a global there; the types come from Node's). */
interface DenoKernel {
  jupyter: {
    broadcast(msgType: string, content: Record<string, unknown>): Promise<void> | void;
  };
  addSignalListener(signal: "SIGINT", handler: () => void): void;
}

function denoKernel(): DenoKernel | undefined {
  const candidate = (globalThis as { Deno?: DenoKernel }).Deno;
  if (typeof candidate !== "object") return undefined;
  try {
    return typeof candidate.jupyter.broadcast === "function" ? candidate : undefined;
  } catch {
    return undefined; // outside `deno jupyter` the getter of Deno.jupyter throws
  }
}

/**
 * In a kernel, stacks keep only the frames a learner can act on, not the kernel's executor,
 * the runtime's internals or the library: an interrupted synchronous cell then shows its own
 * lines only. `alone(error)`: the error reads as its first line only.
 */
function keepLearnerFrames(alone: (error: Error) => boolean = () => false): void {
  const previous = Error.prepareStackTrace;
  const internal = /[\\/]node_modules[\\/]|^node:|^ext:|[\\/]lib[\\/]dist[\\/]/;
  // Deno maps the library's frames back to its sources (lib/linalg/dot.ts, …).
  const library = libraryFolder();
  const learners = (file: string) => !internal.test(file) && !(library && file.startsWith(library));
  Error.prepareStackTrace = (error, frames) => {
    if (alone(error)) return Error.prototype.toString.call(error);
    const kept = frames.filter((frame) => learners(frame.getFileName() ?? ""));
    if (previous) return previous(error, kept);
    const lines = kept.map((frame) => `    at ${String(frame)}`);
    return [Error.prototype.toString.call(error), ...lines].join("\n");
  };
}

/** The library's folder, from this module's own file name (a source or a build of it). */
function libraryFolder(): string | undefined {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, frames) => frames[0]?.getFileName() ?? "";
  const file = new Error().stack as unknown as string;
  Error.prepareStackTrace = previous;
  const folder = file.replace(/(dist[\\/].*|display[\\/]kernel\.[cm]?[jt]s)$/, "");
  return folder !== file && folder !== "" ? folder : undefined;
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
  if (deno) {
    takers.add(listener);
    return () => void takers.delete(listener);
  }
  return tslab ? takeOverSigint(listener) : () => {};
}

let writerOverride: DisplayWriter | null = null;

/** Deno sends the message with the running cell as its parent; a failed send is not the cell's. */
const denoWriter: DisplayWriter = (message, update) => {
  const type = update ? "update_display_data" : "display_data";
  if (deno) Promise.resolve(deno.jupyter.broadcast(type, { ...message })).catch(() => {});
};

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
  if (deno) return denoWriter;
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

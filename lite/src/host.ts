/**
 * The worker's side of lib's display hook: what lib/display finds at
 * `globalThis[Symbol.for("backprop-lib.kernel")]`. Imported before the library, so the library
 * sees the host when it loads. Outputs go to the page tagged with the cell that is running;
 * output from code that resumes after its cell finished goes to that cell, as on tslab.
 */
import { formatArgs } from "./inspect";
import type { FromWorker, OutputType } from "./protocol";

export function post(message: FromWorker): void {
  (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);
}

let currentCell = 0;
const interruptListeners = new Set<() => void>();

export function setCurrentCell(cell: number): void {
  currentCell = cell;
}

/** Sends an output message; `content` goes through JSON like a message on the wire. */
export function sendOutput(msgType: OutputType, content: object, cell = currentCell): void {
  post({ type: "output", cell, msgType, content: JSON.parse(JSON.stringify(content)) });
}

export function writeStream(name: "stdout" | "stderr", text: string, cell = currentCell): void {
  sendOutput("stream", { name, text }, cell);
}

/** Calls the listeners lib registered (trainLive stops at its next chunk). */
export function interruptListenersNow(): void {
  for (const listener of [...interruptListeners]) listener();
}

interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

(globalThis as Record<symbol, unknown>)[Symbol.for("backprop-lib.kernel")] = {
  display(message: DisplayMessage, update: boolean): void {
    sendOutput(update ? "update_display_data" : "display_data", message);
  },
  onInterrupt(listener: () => void): () => void {
    interruptListeners.add(listener);
    return () => interruptListeners.delete(listener);
  },
};

// console.log and friends print into the running cell, as in a kernel process.
for (const name of ["log", "info", "debug"] as const) {
  console[name] = (...args: unknown[]) => writeStream("stdout", formatArgs(args) + "\n");
}
for (const name of ["error", "warn"] as const) {
  console[name] = (...args: unknown[]) => writeStream("stderr", formatArgs(args) + "\n");
}

/**
 * The one place that talks to the tslab kernel. tslab's public `display.raw` sends a single
 * MIME type as a string; a rich output needs several at once (an interactive one, a static
 * fallback, plain text), and Vega-Lite/Plotly need JSON objects. tslab keeps the writer for the
 * cell that is running in `tslab/dist/jupyter`, which is what we call.
 */
import { randomBytes } from "node:crypto";

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

let writerOverride: DisplayWriter | null = null;

/**
 * Routes every display to `writer` instead of the kernel until the returned function is
 * called (tests record the messages this way; nothing else needs it).
 */
export function useDisplayWriter(writer: DisplayWriter): () => void {
  const previous = writerOverride;
  writerOverride = writer;
  return () => {
    writerOverride = previous;
  };
}

/** What an embedding kernel (the browser kernel) installs at `globalThis[HOST_KEY]`. */
export interface KernelHost {
  display: DisplayWriter;
  /** Calls `listener` when the user interrupts the kernel; returns a function that unsubscribes. */
  onInterrupt?(listener: () => void): () => void;
}

const HOST_KEY = Symbol.for("backprop-lib.kernel");

function kernelHost(): KernelHost | undefined {
  const host = (globalThis as Record<symbol, KernelHost | undefined>)[HOST_KEY];
  return host && typeof host.display === "function" ? host : undefined;
}

/** Calls `listener` on a kernel interrupt (embedding kernels only); returns the unsubscriber. */
export function onInterrupt(listener: () => void): () => void {
  return kernelHost()?.onInterrupt?.(listener) ?? (() => {});
}

function kernelWriter(): DisplayWriter | null {
  if (writerOverride !== null) return writerOverride;
  const host = kernelHost();
  if (host) return host.display;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const glue = require("tslab/dist/jupyter") as { lastWriteDisplayData: DisplayWriter | null };
    return glue.lastWriteDisplayData;
  } catch {
    return null;
  }
}

/** True inside a running tslab kernel cell. */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

export interface SendOptions {
  /** Id of a display to create or (with `update`) overwrite in place. */
  displayId?: string;
  update?: boolean;
  metadata?: Record<string, unknown>;
}

/**
 * Sends a display_data (or update_display_data) with every MIME type in `data`. Outside a
 * kernel (tests, scripts) the text/plain part goes to stdout so nothing is lost.
 */
export function sendBundle(data: MimeBundle, options: SendOptions = {}): void {
  const write = kernelWriter();
  if (write === null) {
    const text = data["text/plain"];
    if (typeof text === "string") console.log(text);
    return;
  }
  write(
    {
      data,
      metadata: options.metadata ?? {},
      transient: options.displayId ? { display_id: options.displayId } : {},
    },
    options.update === true,
  );
}

/** A fresh id for a display that will be updated in place. */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}

/**
 * One output area that can be redrawn in place: the first `show` sends display_data with a
 * display_id, later ones update_display_data with the same id (what tslab's newDisplay() does,
 * but with several MIME types per message).
 */
export class DisplayHandle {
  readonly id: string;
  private shown = false;

  constructor(id = newDisplayId()) {
    this.id = id;
  }

  show(data: MimeBundle): void {
    sendBundle(data, { displayId: this.id, update: this.shown });
    this.shown = true;
  }
}

/** A display to draw now and redraw later (progress, live figures). */
export function newDisplay(): DisplayHandle {
  return new DisplayHandle();
}

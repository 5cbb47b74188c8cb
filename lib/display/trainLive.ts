/**
 * Training with a live figure. The training engine is synchronous, and the kernel only sends
 * messages while the event loop runs, so the run is cut into chunks of epochs with a yield to
 * the event loop between them. One display is redrawn in place (update_display_data) a few
 * times a second with the curves so far and a progress line (epoch, MSE, accuracy, elapsed);
 * at the end it becomes the final figure, without the clock, so re-running gives the same
 * output.
 */
import { setImmediate as nextMacrotask } from "node:timers/promises";
import { trainingHistoryVegaLite } from "../plots";
import { createTrainer, type Trainer, type TrainOptions, type TrainingRun } from "../train";
import { newDisplay, onInterrupt, type DisplayHandle, type MimeBundle } from "./bundle";
import { VEGA_LITE_MIME } from "./plotBundles";
import { historyFigureOptions, historyVegaLiteBundle } from "./plotHistory";
import { progressLine, Throttle } from "./progress";

export interface TrainLiveOptions {
  /** Headline of the figure, e.g. "Attempt 1: 1000 epochs". */
  title?: string;
  /** The train/test split's random_state, named in the caption. */
  split?: number | string;
  /** Redraws per second while training (default 4). */
  updatesPerSecond?: number;
  /** Training time per chunk between two yields to the event loop, in ms (default 40). */
  chunkMs?: number;
  /** Clock in ms (tests pass a fake one). */
  now?: () => number;
  /** Lets the kernel send queued messages (default: wait for the next macrotask). */
  yieldToEventLoop?: () => Promise<void>;
  /** The trainer factory (default lib/train's createTrainer). */
  createTrainer?: (options: TrainOptions) => Trainer;
}

/** Next chunk size: aim for `targetMs` per chunk, change by at most ×4, at least 1 epoch. */
export function nextChunkSize(previous: number, tookMs: number, targetMs: number): number {
  const scaled = tookMs > 0 ? (previous * targetMs) / tookMs : previous * 4;
  const bounded = Math.min(previous * 4, Math.max(previous / 4, scaled));
  return Math.max(1, Math.round(bounded));
}

function interimBundle(
  run: TrainingRun,
  options: TrainLiveOptions,
  elapsedMs: number | undefined,
  status?: string,
): MimeBundle {
  const { mse, accuracy } = run.history;
  const last = mse.length - 1;
  const line =
    progressLine({
      epoch: mse.length,
      epochs: run.options.epochs,
      mse: last >= 0 ? mse[last] : undefined,
      accuracy: last >= 0 ? accuracy[last] : undefined,
      elapsedMs,
    }) + (status ? ` · ${status}` : "");
  const figure = historyFigureOptions(run, options, line);
  return {
    [VEGA_LITE_MIME]: trainingHistoryVegaLite(run.history, { ...figure, interactive: false }),
    "text/plain": [figure.title, ...figure.caption].join("\n"),
  };
}

/**
 * Trains like `train(options)` and returns the same TrainingRun, while a figure of MSE and
 * accuracy grows in the cell's output. Use with `await` in a notebook cell. An interrupt from an
 * embedding kernel stops it at the next chunk; it then returns the epochs trained so far.
 */
export async function trainLive(
  options: TrainOptions,
  live: TrainLiveOptions = {},
): Promise<TrainingRun> {
  const now = live.now ?? (() => performance.now());
  const yieldToEventLoop = live.yieldToEventLoop ?? (() => nextMacrotask());
  const targetMs = live.chunkMs ?? 40;
  const throttle = new Throttle(1000 / (live.updatesPerSecond ?? 4), now);

  const trainer = (live.createTrainer ?? createTrainer)(options);
  const started = now();
  let interrupted = false;
  const stopListening = onInterrupt(() => {
    interrupted = true;
  });
  const display: DisplayHandle = newDisplay();
  throttle.ready();
  display.show(interimBundle(trainer.result(), live, 0, "starting"));
  await yieldToEventLoop();

  let chunk = 1;
  try {
    while (!trainer.done && !interrupted) {
      const t0 = now();
      trainer.run(chunk);
      chunk = nextChunkSize(chunk, now() - t0, targetMs);
      if (!trainer.done && throttle.ready()) {
        display.show(interimBundle(trainer.result(), live, now() - started));
      }
      await yieldToEventLoop();
    }
  } catch (error) {
    // No clock here: a notebook that stops with an error should save the same output each run.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      display.show(interimBundle(trainer.result(), live, undefined, `stopped (${reason})`));
    } catch {
      // the error itself is what the learner needs to see
    }
    throw error;
  } finally {
    stopListening();
  }
  const run = trainer.result();
  if (interrupted && !trainer.done) {
    const status = `interrupted at epoch ${run.history.mse.length} of ${run.options.epochs}`;
    display.show(interimBundle(run, live, undefined, status));
    return run;
  }
  display.show(await historyVegaLiteBundle(run, live));
  return run;
}

/**
 * Training with a live figure. The engine is synchronous and the kernel only sends messages
 * while the event loop runs, so the run is cut into chunks of epochs with a yield between them.
 * One display is redrawn in place a few times a second; at the end it becomes the final figure,
 * without the clock, so re-running gives the same output.
 */
import { setImmediate as nextMacrotask } from "node:timers/promises";
import { formatAccuracy, formatElapsed, formatNumber } from "../format";
import { checkPositive } from "../validation";
import { createTrainer } from "../train/createTrainer";
import type { Trainer, TrainOptions, TrainingRun } from "../train/types";
import { captionText, historyFigure, trainingHistoryBundle, VEGA_LITE_MIME } from "./figures";
import { DisplayHandle, onInterrupt } from "./kernel";

export interface TrainLiveOptions {
  /** What the run is called in the title, e.g. "Attempt 3" (default "Training"). */
  name?: string;
  /** The train/test split's random_state, named in the caption. */
  split?: number | string;
  /** Redraws per second while training (default 4). */
  updatesPerSecond?: number;
  /** Clock in ms (tests pass a fake one). */
  now?: () => number;
  /** Lets the kernel send queued messages (default: wait for the next macrotask). */
  yieldToEventLoop?: () => Promise<void>;
  /** The trainer factory (default lib/train's createTrainer). */
  createTrainer?: (options: TrainOptions) => Trainer;
}

/** Training time per chunk between two yields to the event loop. */
const CHUNK_MS = 40;
/** Run time after which redraws thin out, the gap between them growing with the run. */
const THINNING_MS = 10_000;
/** Interim figures: no hover, fewer points per curve (the final figure keeps them all). */
const INTERIM = { interactive: false, maxPoints: 200 };

/** Next chunk size: aim for `targetMs` per chunk, change by at most ×4, at least 1 epoch. */
export function nextChunkSize(previous: number, tookMs: number, targetMs: number): number {
  const scaled = tookMs > 0 ? (previous * targetMs) / tookMs : previous * 4;
  const bounded = Math.min(previous * 4, Math.max(previous / 4, scaled));
  return Math.max(1, Math.round(bounded));
}

/** "epoch 2500/15000 (17%) · MSE 0.0912345 · accuracy 0.6846 · 1.2 s, about 6.0 s left" */
export function progressLine(run: TrainingRun, elapsedMs?: number): string {
  const epoch = run.history.mse.length;
  const { epochs } = run.options;
  const parts = [`epoch ${epoch}/${epochs} (${Math.floor((100 * epoch) / epochs)}%)`];
  if (epoch > 0) {
    parts.push(
      `MSE ${formatNumber(run.finalMse, 6)}`,
      `accuracy ${formatAccuracy(run.finalAccuracy)}`,
    );
  }
  if (elapsedMs !== undefined) {
    const left =
      epoch > 0 ? `, about ${formatElapsed((elapsedMs / epoch) * (epochs - epoch))} left` : "";
    parts.push(formatElapsed(elapsedMs) + left);
  }
  return parts.join(" · ");
}

/**
 * Trains like `train(options)` and returns the same TrainingRun, while a figure of the MSE and
 * the accuracy grows in the cell's output. Use with `await` in a notebook cell. An interrupt
 * (■) ends the run at the next chunk and the cell carries on normally with the epochs trained
 * so far, so later cells can use them.
 */
export async function trainLive(
  options: TrainOptions,
  live: TrainLiveOptions = {},
): Promise<TrainingRun> {
  const now = live.now ?? (() => performance.now());
  const yieldToEventLoop = live.yieldToEventLoop ?? (() => nextMacrotask());
  const interval = 1000 / checkPositive(live.updatesPerSecond ?? 4, "updatesPerSecond");
  const trainer = (live.createTrainer ?? createTrainer)(options);
  const { epochs } = trainer.options;

  const labelsOf = (run: TrainingRun) => ({ ...run.options, name: live.name, split: live.split });
  const display = new DisplayHandle();
  /** The run so far; the x axis spans `axisEpochs`. */
  const showInterim = async (run: TrainingRun, status: string, axisEpochs = run.options.epochs) => {
    const { trainingHistoryVegaLite } = await import("../plots/trainingHistory");
    const figure = await historyFigure(labelsOf(run), status);
    const spec = trainingHistoryVegaLite(run.history, {
      ...figure,
      ...INTERIM,
      epochs: axisEpochs,
    });
    display.show({ [VEGA_LITE_MIME]: spec, "text/plain": captionText(figure) });
  };

  let interrupted = false;
  const stopListening = onInterrupt(() => (interrupted = true));
  const started = now();
  let lastDraw = started;
  let warned = false;
  await showInterim(trainer.result(), "starting");
  await yieldToEventLoop();

  let chunk = 1;
  try {
    while (!trainer.done && !interrupted) {
      const t0 = now();
      trainer.run(chunk);
      const t1 = now();
      chunk = nextChunkSize(chunk, t1 - t0, CHUNK_MS);
      const elapsed = t1 - started;
      const expected = (elapsed / trainer.epoch) * epochs;
      // Redraws thin out after the first seconds (the gap grows with the time run): each one
      // makes the browser render the figure anew, and a long run would pile them up.
      const due = t1 - lastDraw >= interval * Math.max(1, elapsed / THINNING_MS);
      if (!trainer.done && (due || (!warned && elapsed > 500 && expected > 60_000))) {
        // One snapshot per redraw: it copies the whole history so far.
        const partial = trainer.result();
        let status = progressLine(partial, elapsed);
        if (expected > 60_000) {
          status += ` · a long run: press ■ (interrupt) to stop it`;
          warned = true;
        }
        await showInterim(partial, status);
        lastDraw = t1;
      }
      await yieldToEventLoop();
    }
  } catch (error) {
    // No clock here: a notebook that stops with an error should save the same output each run.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await showInterim(trainer.result(), `stopped (${reason})`);
    throw error;
  } finally {
    stopListening();
  }
  const run = trainer.result();
  if (interrupted && !trainer.done) {
    // The axis ends where the run stopped, so the curves so far fill the figure.
    const status = `interrupted at epoch ${trainer.epoch} of ${epochs}`;
    await showInterim(run, status, Math.max(1, trainer.epoch));
  } else {
    display.show(await trainingHistoryBundle(run.history, labelsOf(run)));
  }
  return run;
}

/**
 * The long soak (not part of `npm test`): one live training run of 10 000 000 epochs (the most
 * `train` accepts) with 64 hidden nodes in the project's JupyterLab in Chromium for SOAK_MINUTES
 * (default 10), the renderer's JS heap sampled after a full garbage collection every 30 s, then ■.
 * Prints the heap curve; fails if the tab stops answering, the run ends early, or ■ does not end it.
 *
 *   npm run soak            SOAK_MINUTES=3 npm run soak
 */
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { LabPage, launchChromium } from "./support/lab-page";
import {
  cpuShare,
  heapSampler,
  kernelPid,
  readWatch,
  watchKernel,
  writeLiveRunNotebook,
} from "./support/live-run";
import { repoRoot, startLab } from "./support/server";
import { resultsDir } from "./support/workspace";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SAMPLE_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = join(resultsDir, `soak-${process.pid}`);
  mkdirSync(join(dir, "notebooks"), { recursive: true });
  const copy = join(dir, "notebooks", "soak.ipynb");
  const layout = writeLiveRunNotebook(join(repoRoot, "notebooks", "14-training.ipynb"), copy, {
    // the most epochs train accepts; with 64 hidden nodes they outlast the ten minutes
    epochs: 10_000_000,
    nHidden: 64,
  });
  // The notebook reads ../data/Iris.csv.
  cpSync(join(repoRoot, "data"), join(dir, "data"), { recursive: true });
  const server = await startLab(join(dir, "lab-state"), join(resultsDir, "soak-jupyterlab.log"));
  const browser = await launchChromium();
  let failure = "";
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const lab = new LabPage(page, server);
    await lab.load();
    const path = relative(repoRoot, copy);
    await lab.open(path, "soak.ipynb");
    for (const cell of layout.setup) await lab.runCell(path, cell, 60_000);
    const pid = kernelPid(await watchKernel(page, path));
    const heap = await heapSampler(page);
    const curve: string[] = [];
    const start = await heap();
    let peak = start;
    curve.push(`0 s ${start.toFixed(0)} MB`);
    await lab.startCell(path, layout.live);
    const started = Date.now();
    while (Date.now() - started < MINUTES * 60_000) {
      await sleep(Math.min(SAMPLE_MS, started + MINUTES * 60_000 - Date.now()));
      const mb = await heap();
      peak = Math.max(peak, mb);
      const displays = (await readWatch(page)).displays.length;
      const line = `${Math.round((Date.now() - started) / 1000)} s ${mb.toFixed(0)} MB (${displays} displays)`;
      curve.push(line);
      console.log(line);
    }
    const cell = (await lab.inspect(path)).cells[layout.live];
    if (!cell.prompt.includes("*")) failure = `the run ended before ${MINUTES} min`;
    const replies = (await readWatch(page)).replies.length;
    const clicked = await lab.clickInterrupt(path);
    let watch = await readWatch(page);
    while (watch.replies.length === replies && Date.now() - clicked < 10_000) {
      await sleep(20);
      watch = await readWatch(page);
    }
    const reply = watch.replies[replies];
    const cpu = await cpuShare(pid, 3000);
    const alive = await page.evaluate(() => 1 + 1).catch(() => 0);
    console.log(
      `renderer JS heap after GC over ${MINUTES} min: ${curve.join(", ")}\n` +
        `start ${start.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - start).toFixed(0)} MB); ` +
        `■ reply ${reply === undefined ? "none" : `${reply - clicked} ms`}; kernel CPU over 3 s after: ` +
        `${(100 * cpu).toFixed(1)} % of a core; tab ${alive === 2 ? "alive" : "dead"}`,
    );
    if (alive !== 2) failure = "the tab stopped answering";
    else if (reply === undefined) failure = "■ got no reply within 10 s";
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (!failure) rmSync(dir, { recursive: true, force: true });
  }
  if (failure) {
    console.error(`soak: ${failure}`);
    process.exitCode = 1;
  }
}

void main();

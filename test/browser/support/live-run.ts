/**
 * A long live run in the browser, for the interrupt test and the heap soak: a notebook built
 * from 14-training's own cells (imports, parameters, data, split, the readable loop) with its
 * first `trainLive` attempt made long, plus cells that run the readable loop and `train()`
 * for a long time and cells that print afterwards. Around it: the tslab kernel's process (found
 * by its connection file) and its CPU time, the renderer's JS heap through the DevTools
 * protocol, and the display messages the page receives.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { CDPSession, Page } from "playwright-core";
import { readNotebookJson, sourceText, type NotebookJson } from "./workspace";

export interface LiveRunLayout {
  /** Cells to run before the long ones (imports … the readable loop's definition). */
  setup: number[];
  /** The long trainLive cell and the cell after it (prints the epochs trained). */
  live: number;
  afterLive: number;
  /** The readable mathjs loop for many epochs, and the cell after it. */
  loop: number;
  afterLoop: number;
  /** `train()` for many epochs, and the cell after it. */
  train: number;
  afterTrain: number;
  epochs: number;
}

/** Writes the long-run notebook built from `source` (14-training.ipynb) to `dest`. */
export function writeLiveRunNotebook(
  source: string,
  dest: string,
  options: { epochs: number; nHidden: number },
): LiveRunLayout {
  const nb = readNotebookJson(source);
  const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => sourceText(c.source));
  const find = (what: string, test: (s: string) => boolean) => {
    const found = code.find(test);
    if (found === undefined) throw new Error(`${source}: no cell with ${what}`);
    return found;
  };
  const imports = find('the "backprop-lib" import', (s) => s.includes('from "backprop-lib"'));
  const parameters = nb.cells.find((c) => c.metadata.tags?.includes("parameters"));
  if (!parameters) throw new Error(`${source}: no parameters cell`);
  const data = find("loadIris", (s) => s.includes("loadIris("));
  const split = find("trainTestSplit", (s) => s.includes("trainTestSplit("));
  const loopDefinition = find("function trainingLoop", (s) => s.includes("function trainingLoop"));
  const live = find("trainLive", (s) => /let\s+\w+\s*=\s*await\s+trainLive\(/.test(s));
  const runName = /let\s+(\w+)\s*=\s*await\s+trainLive\(/.exec(live)![1];
  // The attempt as the notebook has it, made long; lines about other runs are left out.
  const longLive = live
    .split("\n")
    .filter((line) => !/\b(loop\d*)\b/.test(line))
    .join("\n")
    .replace(/^let epochs = [^;]+;/m, `let epochs = ${options.epochs};`)
    .replace(/^let nHidden = [^;]+;/m, `let nHidden = ${options.nHidden};`);
  if (!longLive.includes(`let epochs = ${options.epochs};`)) {
    throw new Error(`${source}: the trainLive cell sets no "let epochs = …;"`);
  }
  const cells = [
    imports,
    'import { train } from "backprop-lib";',
    sourceText(parameters.source),
    data,
    split,
    loopDefinition,
    longLive,
    `show(${runName}.history.mse.length, "epochs trained");`,
    `let longLoop = trainingLoop(xTrain, yTrain, ${options.epochs}, ${options.nHidden}, 10);`,
    'show("after the loop", "next cell");',
    `let longTrain = train({ x: xTrain, y: yTrain, learningRate: learningRate, epochs: ${options.epochs}, nHidden: ${options.nHidden}, seed: 10 });`,
    'show("after train", "next cell");',
  ];
  const out: NotebookJson = {
    cells: cells.map((text) => ({
      cell_type: "code",
      source: text,
      metadata: {},
      outputs: [],
      execution_count: null,
    })) as NotebookJson["cells"],
    metadata: nb.metadata,
  };
  writeFileSync(dest, JSON.stringify({ ...out, nbformat: 4, nbformat_minor: 5 }, null, 1) + "\n");
  return {
    setup: [0, 1, 2, 3, 4, 5],
    live: 6,
    afterLive: 7,
    loop: 8,
    afterLoop: 9,
    train: 10,
    afterTrain: 11,
    epochs: options.epochs,
  };
}

/** The pid of the kernel process whose command line names `kernel-<id>.json`. */
export function kernelPid(kernelId: string): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes(`kernel-${kernelId}.json`) && cmdline.includes("tslab")) {
        return Number(entry);
      }
    } catch {
      /* gone */
    }
  }
  throw new Error(`no process runs the kernel with connection file kernel-${kernelId}.json`);
}

/** [ppid, utime + stime in clock ticks] of a process, from /proc/<pid>/stat. */
function stat(pid: number): [number, number] {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return [Number(fields[1]), Number(fields[11]) + Number(fields[12])];
}

/** CPU seconds used so far by `pid` and its descendants (Linux: 100 ticks per second). */
export function cpuSeconds(pid: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [ppid, t] = stat(Number(entry));
      ticks.set(Number(entry), t);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    total += ticks.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 100;
}

/** The share of one core the process tree uses over the next `ms`. */
export async function cpuShare(pid: number, ms: number): Promise<number> {
  const start = cpuSeconds(pid);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  return (cpuSeconds(pid) - start) / ((Date.now() - t0) / 1000);
}

/** The renderer's JS heap in MB after a full garbage collection (DevTools protocol). */
export async function heapSampler(page: Page): Promise<() => Promise<number>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  return async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const used = metrics.find((m) => m.name === "JSHeapUsedSize");
    if (!used) throw new Error("Performance.getMetrics has no JSHeapUsedSize");
    return used.value / 2 ** 20;
  };
}

/** What the page received from the kernel of the notebook at `path`, since `watchKernel`. */
export interface KernelWatch {
  /** Date.now() of each display_data / update_display_data message. */
  displays: number[];
  /** Date.now() of each update_display_data message (a redraw). */
  updates: number[];
  /** Date.now() of each execute_reply on the shell channel. */
  replies: number[];
}

/** Starts recording the kernel's display messages and execute replies in the page. */
export async function watchKernel(page: Page, path: string): Promise<string> {
  return page.evaluate((path) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const w = window as any;
    const panel = [...w.jupyterapp.shell.widgets("main")].find(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (p: any) => p.context?.path === path,
    );
    const kernel = panel.sessionContext.session.kernel;
    const watch = { displays: [] as number[], updates: [] as number[], replies: [] as number[] };
    w.__liveWatch = watch;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    kernel.anyMessage.connect((_: unknown, args: any) => {
      const type = args.msg.header.msg_type;
      if (args.direction !== "recv") return;
      if (type === "display_data" || type === "update_display_data")
        watch.displays.push(Date.now());
      if (type === "execute_reply") watch.replies.push(Date.now());
    });
    return kernel.id as string;
  }, path);
}

export async function readWatch(page: Page): Promise<KernelWatch> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return page.evaluate(() => structuredClone((window as any).__liveWatch) as KernelWatch);
}

/**
 * Drives JupyterLab in Debian's Chromium the way a learner uses it, through the app's own
 * commands (run all, run selected cell and all below, save) and, for the hyperparameter edit,
 * real clicks and keystrokes in the cell editor. Every wait has a deadline whose message names
 * the notebook and the cell it was stuck at.
 */
import { spawnSync } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { cellName, inspectNotebook, type NotebookView } from "./inspect";
import { pendingPlots, unexecutedCells } from "./checks";
import { startLab, type LabServer } from "./server";

export const CHROMIUM = "/usr/bin/chromium";
/** This machine has no network beyond the package registries: no GPU, sandbox, sync or updates. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The kernel processes running now (age, CPU, memory), for a message about one that hangs. */
function kernelProcesses(): string {
  const ps = spawnSync("ps", ["-eo", "pid,etime,pcpu,rss,args", "--sort=start_time"], {
    encoding: "utf8",
  });
  const lines = (ps.stdout ?? "").split("\n").filter((l) => /tslab kernel|deno jupyter/.test(l));
  return lines.map((l) => l.slice(0, 160)).join("\n") || "(none)";
}

/** The project's JupyterLab (state in `stateDir`, log in `logFile`) and Chromium on it, loaded. */
export interface OpenLab {
  server: LabServer;
  browser: Browser;
  lab: LabPage;
  /** Closes the browser and stops the server with its kernels. */
  close(): Promise<void>;
}

export async function openLab(stateDir: string, logFile: string): Promise<OpenLab> {
  const server = await startLab(stateDir, logFile);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const lab = new LabPage(page, server);
    await lab.load();
    return { server, browser, lab, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export class LabPage {
  /** Server paths → names used in messages (e.g. notebooks/14-training.ipynb). */
  private readonly names = new Map<string, string>();

  constructor(
    readonly page: Page,
    readonly server: LabServer,
  ) {}

  /** Loads JupyterLab with the token, a fresh workspace and the file browser folded away. */
  async load(timeoutMs = 60_000): Promise<void> {
    // tsx keeps function names with an `__name` helper that the page does not have.
    await this.page.addInitScript("window.__name = (f) => f;");
    await this.page.goto(`${this.server.url}/lab?reset&token=${this.server.token}`);
    await this.page.waitForFunction(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      () => (window as any).jupyterapp?.shell !== undefined,
      null,
      { timeout: timeoutMs },
    );

    await this.page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      await app.restored;
      app.shell.collapseLeft();
      for (const widget of [...app.shell.widgets("main")]) widget.close(); // the Launcher
    });
  }

  /** What the page shows for the notebook at `path`, named as in messages. */
  async inspect(path: string): Promise<NotebookView> {
    const view = await inspectNotebook(this.page, path);
    return { ...view, path: this.names.get(path) ?? path };
  }

  /** Opens a notebook (docmanager:open) and waits until its kernel is idle. */
  async open(path: string, name: string, timeoutMs = 120_000): Promise<void> {
    this.names.set(path, name);
    await this.page.evaluate(async (path) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      const panel = await app.commands.execute("docmanager:open", { path, factory: "Notebook" });
      await panel.context.ready;
      app.shell.activateById(panel.id);
    }, path);
    await this.waitFor(
      async () => (await this.kernelStatus(path)) === "idle",
      timeoutMs,
      async () =>
        `${name}: kernel not idle after opening (status ${await this.kernelStatus(path)}); ` +
        `kernel processes:\n${kernelProcesses()}\nthe server's last lines:\n${this.server.logTail(20)}`,
    );
  }

  async kernelStatus(path: string): Promise<string> {
    return this.page.evaluate((path) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
      return panel?.sessionContext?.session?.kernel?.status ?? "no kernel";
    }, path);
  }

  /**
   * Runs a notebook command on the notebook (activated first) and waits until it finishes, the
   * kernel is idle and every plot has drawn or failed. On timeout the message names the cell
   * that is running or was not reached.
   */
  async run(
    path: string,
    command: "notebook:run-all-cells" | "notebook:run-all-below",
    timeoutMs: number,
  ): Promise<void> {
    await this.page.evaluate(
      ({ path, command }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const w = window as any;
        const app = w.jupyterapp;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const panel = [...app.shell.widgets("main")].find((p: any) => p.context?.path === path);
        app.shell.activateById(panel.id);
        w.__browserTestRun = { done: false, result: null };
        app.commands.execute(command).then(
          (ok: unknown) => (w.__browserTestRun = { done: true, result: String(ok) }),
          (e: Error) => (w.__browserTestRun = { done: true, result: `error: ${e.message}` }),
        );
      },
      { path, command },
    );
    const name = this.names.get(path) ?? path;
    await this.waitFor(
      async () =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        (await this.page.evaluate(() => (window as any).__browserTestRun.done)) &&
        (await this.kernelStatus(path)) === "idle",
      timeoutMs,
      async () => {
        const view = await this.inspect(path);
        const running = view.cells.find((c) => c.prompt.includes("*"));
        const stuck = running ?? unexecutedCells(view)[0];
        return (
          `${name}: ${command} did not finish within ${timeoutMs / 1000} s ` +
          `(kernel ${view.kernelStatus}); ` +
          (stuck
            ? `stuck at ${cellName(stuck)}, prompt "${stuck.prompt}"`
            : "every cell has an execution count")
        );
      },
    );
    await this.waitForPlots(path);
  }

  /** Starts running one cell (it becomes the active cell); does not wait for it. */
  async startCell(path: string, cellIndex: number): Promise<void> {
    await this.activate(path);
    await this.page.evaluate(
      ({ path, cellIndex }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const app = (window as any).jupyterapp;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
        panel.content.activeCellIndex = cellIndex;
        void app.commands.execute("notebook:run-cell");
      },
      { path, cellIndex },
    );
  }

  /** Runs one cell and waits until it has an execution count and the kernel is idle. */
  async runCell(path: string, cellIndex: number, timeoutMs: number): Promise<void> {
    const before = (await this.inspect(path)).cells[cellIndex].executionCount ?? 0;
    await this.startCell(path, cellIndex);
    await this.waitForCell(path, cellIndex, before, timeoutMs);
  }

  /** Waits until the cell's execution count is above `countBefore` and the kernel is idle. */
  async waitForCell(
    path: string,
    cellIndex: number,
    countBefore: number,
    timeoutMs: number,
  ): Promise<void> {
    await this.waitFor(
      async () => {
        const cell = (await this.inspect(path)).cells[cellIndex];
        return (
          (cell.executionCount ?? 0) > countBefore &&
          !cell.prompt.includes("*") &&
          (await this.kernelStatus(path)) === "idle"
        );
      },
      timeoutMs,
      async () => {
        const cell = (await this.inspect(path)).cells[cellIndex];
        return `${this.names.get(path) ?? path} ${cellName(cell)} did not finish within ${timeoutMs / 1000} s (prompt "${cell.prompt}")`;
      },
    );
  }

  /**
   * Clicks the notebook toolbar's ■ (interrupt the kernel); returns the page's Date.now() when
   * the click reached the button.
   */
  async clickInterrupt(path: string): Promise<number> {
    const panelId = await this.activate(path);
    const button = this.page.locator(
      `#${panelId} .jp-Toolbar [data-command="notebook:interrupt-kernel"]`,
    );
    await button.evaluate((el) =>
      el.addEventListener(
        "click",
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        () => ((window as any).__interruptClickedAt = Date.now()),
        { once: true, capture: true },
      ),
    );
    await button.click();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return this.page.evaluate(() => (window as any).__interruptClickedAt as number);
  }

  /**
   * Waits until every figure has drawn or failed visibly, or 30 s pass; the checks then report
   * what is wrong.
   */
  async waitForPlots(path: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (pendingPlots(await this.inspect(path)) === 0) return;
      await sleep(300);
    }
  }

  /**
   * Types a new value for `let <name> = …;` into the `parameters` cell as a person does: click
   * on that line, End, select the old literal with Shift+Left, type the new one. Returns the
   * cell source as the editor holds it afterwards.
   */
  async typeParameter(
    path: string,
    cellIndex: number,
    name: string,
    value: string,
  ): Promise<string> {
    const panelId = await this.activate(path);
    const cell = this.page.locator(`#${panelId} .jp-Cell`).nth(cellIndex);
    const line = cell.locator(".cm-line", { hasText: new RegExp(`\\b${name}\\s*=`) });
    const text = await line.innerText();
    const old = new RegExp(`\\b${name}\\s*=\\s*([^;\\s]+)\\s*;`, "d").exec(text);
    if (!old?.indices) throw new Error(`no "${name} = …;" on the line "${text}"`);
    const [start, end] = old.indices[1];
    await line.click();
    await this.page.keyboard.press("End");
    for (let i = end; i < text.length; i++) await this.page.keyboard.press("ArrowLeft");
    for (let i = start; i < end; i++) await this.page.keyboard.press("Shift+ArrowLeft");
    await this.page.keyboard.type(value, { delay: 30 });
    return this.page.evaluate(
      ({ path, cellIndex }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const app = (window as any).jupyterapp;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
        return panel.content.widgets[cellIndex].model.sharedModel.getSource() as string;
      },
      { path, cellIndex },
    );
  }

  /** Saves the notebook, shuts its kernel down and closes the tab. */
  async saveAndClose(path: string): Promise<void> {
    await this.page.evaluate(async (path) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
      if (!panel) return;
      await panel.context.save();
      await panel.sessionContext.shutdown();
      panel.close();
    }, path);
  }

  /** Brings the notebook's tab to the front; returns the panel's DOM id. */
  async activate(path: string): Promise<string> {
    const id = await this.page.evaluate((path) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
      app.shell.activateById(panel.id);
      return panel.id as string;
    }, path);
    await this.page.locator(`#${id}`).waitFor({ state: "visible" });
    return id;
  }

  /** Shows the notebook's tab, scrolled to the cell (block: "start" | "center" | "end"). */
  async scrollToCell(path: string, cellIndex: number, block: ScrollLogicalPosition): Promise<void> {
    await this.activate(path);
    await this.page.evaluate(
      ({ path, cellIndex, block }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const app = (window as any).jupyterapp;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const panel = [...app.shell.widgets("main")].find((w: any) => w.context?.path === path);
        panel.content.widgets[cellIndex].node.scrollIntoView({ block });
      },
      { path, cellIndex, block },
    );
    await sleep(300);
  }

  async screenshot(file: string): Promise<string> {
    await this.page.screenshot({ path: file });
    return file;
  }

  private async waitFor(
    ready: () => Promise<boolean>,
    timeoutMs: number,
    explain: () => Promise<string>,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await ready()) return;
      await sleep(250);
    }
    throw new Error(await explain());
  }
}

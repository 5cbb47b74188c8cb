/**
 * What the browser shows for one notebook, read in the page through JupyterLab's own objects
 * (window.jupyterapp, exposed by --LabApp.expose_app_in_browser): each cell's model (source,
 * tags, execution count, the outputs the kernel sent) next to the DOM each output rendered to.
 * Comparing the two is what tells "the Plotly figure is on screen with all its points" from
 * "the kernel sent a figure and the page shows an empty box or the SVG fallback".
 *
 * The functions passed to page.evaluate run in the browser: they may only use their argument
 * and browser globals.
 */
import type { Page } from "playwright-core";

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
export const STDERR_MIME = "application/vnd.jupyter.stderr";

export interface PlotlyView {
  /** Traces and points per trace the kernel sent (the output's JSON). */
  sentTraces: number;
  sentPoints: number[];
  /** What plotly.js drew: its computed data (gd.calcdata; for 3-D traces the full trace). */
  drawnTraces: number;
  drawnPoints: number[];
  traceNames: string[];
  /** The y values plotly.js computed per trace (calcdata), to compare with the library. */
  drawnY: number[][];
  /** A plot area (svg.main-svg) exists. */
  hasSvg: boolean;
  /**
   * jupyterlab-plotly shows a static PNG instead of the figure: after drawing a figure it stores
   * a PNG of it in the output ("image/png"), and when an output with that PNG is loaded again
   * (a reopened notebook) it shows the picture and no interactive figure.
   */
  snapshot: boolean;
}

export interface VegaView {
  /** The mark layer (canvas.marks or svg.marks) inside .vega-embed, if any. */
  marks: "canvas" | "svg" | null;
  width: number;
  height: number;
  /**
   * The `value` field of each named dataset as the renderer's Vega view holds it
   * (view.data(name) of JupyterLab's vega-embed result), per dataset the spec sent.
   */
  drawn: Record<string, number[]>;
  /** The figure's title and subtitle lines as sent. */
  title: string[];
}

export interface OutputView {
  /** Position in the cell's outputs. */
  index: number;
  /** nbformat output_type (model type). */
  type: string;
  /** MIME types the output carries. */
  mimes: string[];
  /** The renderer's CSS classes (e.g. jp-RenderedPlotly), to see which MIME type was drawn. */
  rendererClass: string;
  /** Text on screen (innerText, shortened). */
  text: string;
  /** Whether the output model is trusted. */
  trusted: boolean;
  /** Text of a stderr area in this output's DOM (stderr stream, or a renderer's error). */
  stderr: string | null;
  vega?: VegaView;
  plotly?: PlotlyView;
}

export interface CellView {
  index: number;
  type: string;
  /** First line of the source (to name the cell in messages) and the full source. */
  firstLine: string;
  source: string;
  tags: string[];
  executionCount: number | null;
  /** The prompt text as shown, e.g. "[3]:", "[*]:" or "[ ]:". */
  prompt: string;
  outputs: OutputView[];
}

export interface NotebookView {
  path: string;
  kernelStatus: string;
  /**
   * What covers or pops over the page: dialogs (e.g. a trust or error dialog) by their title,
   * notification toasts (e.g. a news prompt) by their text.
   */
  dialogs: string[];
  /** The notebook's windowing mode; "none" keeps every cell in the DOM (settings overrides). */
  windowingMode: string;
  cells: CellView[];
}

/** Reads the notebook panel open at `path` (see the module comment). */
export async function inspectNotebook(page: Page, path: string): Promise<NotebookView> {
  return page.evaluate(
    ({ path, mimes }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      const panel = [...app.shell.widgets("main")].find(
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        (w: any) => w.context?.path === path,
      );
      if (!panel) throw new Error(`no open notebook panel for ${path}`);
      const clip = (text: string, n = 1500) => (text.length > n ? text.slice(0, n) + " …" : text);
      const count = (trace: Record<string, unknown>) => {
        const length = (v: unknown) => (Array.isArray(v) ? v.length : undefined);
        const ys = length(trace.y);
        const xs = length(trace.x);
        return ys !== undefined && xs !== undefined ? Math.min(ys, xs) : (ys ?? xs ?? 0);
      };
      // A failed renderer leaves its partial drawing and appends <pre>Javascript Error: …</pre>.
      const errorText = (node: HTMLElement) => {
        const pres = node.querySelectorAll(":scope > pre");
        const last = pres[pres.length - 1] as HTMLElement | undefined;
        return (last ?? node).innerText.trim() || "(empty)";
      };
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const cells = panel.content.widgets.map((cell: any, index: number) => {
        const model = cell.model;
        const source: string = model.sharedModel.getSource();
        const outputs: OutputView[] = [];
        if (model.type === "code") {
          const area = cell.outputArea;
          for (let i = 0; i < model.outputs.length; i++) {
            const out = model.outputs.get(i);
            const data = (out.data ?? {}) as Record<string, unknown>;
            const node: HTMLElement | undefined = area.widgets[i]?.node;
            const rendered = node?.querySelector(".jp-OutputArea-output, [data-mime-type]");
            const stderrNode = node?.querySelector(`[data-mime-type="${mimes.stderr}"]`);
            const view: OutputView = {
              index: i,
              type: out.type,
              mimes: Object.keys(data),
              rendererClass: rendered?.className ?? "",
              text: clip((node?.innerText ?? "").trim()),
              trusted: Boolean(out.trusted),
              stderr: stderrNode ? clip(errorText(stderrNode as HTMLElement)) : null,
            };
            if (mimes.vega in data) {
              const marks = node?.querySelector(
                ".vega-embed canvas.marks, .vega-embed svg.marks",
              ) as HTMLElement | null;
              const box = marks?.getBoundingClientRect();
              const spec = data[mimes.vega] as {
                datasets?: Record<string, unknown>;
                title?: { text?: string; subtitle?: string[] } | string;
              };
              // The renderer widget keeps vega-embed's result; its view has the data drawn.
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              const children: any[] = area.widgets[i]?.widgets ?? [];
              const embedded = children.find((w) => w?._result?.view)?._result;
              const drawn: Record<string, number[]> = {};
              for (const name of Object.keys(spec?.datasets ?? {})) {
                try {
                  const rows = (embedded?.view?.data(name) ?? []) as { value?: unknown }[];
                  if (embedded) drawn[name] = rows.map((r) => Number(r.value));
                } catch {
                  /* no such dataset in the view */
                }
              }
              const title = spec?.title;
              view.vega = {
                marks: marks ? (marks.tagName.toLowerCase() as "canvas" | "svg") : null,
                width: box?.width ?? 0,
                height: box?.height ?? 0,
                drawn,
                title:
                  typeof title === "string"
                    ? [title]
                    : [title?.text ?? "", ...(title?.subtitle ?? [])].filter((t) => t !== ""),
              };
            }
            if (mimes.plotly in data) {
              const figure = data[mimes.plotly] as { data?: unknown } | null;
              const traces = Array.isArray(figure?.data) ? figure.data : [];
              const sent = traces.filter((t) => t !== null && typeof t === "object");
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              const gd = node?.querySelector(".js-plotly-plot") as any;
              const calc: { y?: number }[][] = gd?.calcdata ?? [];
              view.plotly = {
                sentTraces: sent.length,
                sentPoints: sent.map(count),
                drawnTraces: calc.length,
                // 3-D traces (surface, scatter3d) have one calcdata entry each and draw on a
                // WebGL canvas: count the points of the trace plotly.js computed, if the
                // scene has its canvas.
                drawnPoints: calc.map((points, t) => {
                  const full = gd?._fullData?.[t];
                  if (!/3d$|^surface$/.test(String(full?.type))) return points.length;
                  return gd.querySelector(".gl-container canvas") ? count(full) : 0;
                }),
                traceNames: (gd?.data ?? []).map((t: { name?: string }) => t.name ?? ""),
                drawnY: calc.map((points) => points.map((p) => Number(p.y))),
                hasSvg: Boolean(gd?.querySelector("svg.main-svg")),
                snapshot: (() => {
                  const img = node?.querySelector("img.plot-img") as HTMLImageElement | null;
                  return Boolean(
                    img && img.style.display !== "none" && img.complete && img.naturalWidth > 0,
                  );
                })(),
              };
            }
            outputs.push(view);
          }
        }
        const prompt = cell.node.querySelector(".jp-InputPrompt")?.textContent?.trim() ?? "";
        return {
          index,
          type: model.type,
          firstLine: clip(source.split("\n")[0] ?? "", 80),
          source,
          tags: (model.getMetadata("tags") as string[] | undefined) ?? [],
          executionCount: model.type === "code" ? (model.executionCount ?? null) : null,
          prompt,
          outputs,
        };
      });
      const dialogs = [
        ...[...document.querySelectorAll(".jp-Dialog")].map(
          (d) =>
            "dialog: " +
            ((d.querySelector(".jp-Dialog-header") as HTMLElement | null)?.innerText ?? ""),
        ),
        ...[...document.querySelectorAll(".Toastify__toast")].map(
          (t) => "notification: " + clip((t as HTMLElement).innerText.trim(), 200),
        ),
      ];
      return {
        path,
        kernelStatus: panel.sessionContext?.session?.kernel?.status ?? "no kernel",
        dialogs,
        windowingMode: String(panel.content.notebookConfig?.windowingMode ?? "unknown"),
        cells,
      };
    },
    { path, mimes: { vega: VEGA_LITE_MIME, plotly: PLOTLY_MIME, stderr: STDERR_MIME } },
  );
}

/** "cell 7 (`const forward = feedforward(…`)" — how messages name a cell. */
export function cellName(cell: Pick<CellView, "index" | "firstLine">): string {
  return `cell ${cell.index} (\`${cell.firstLine}\`)`;
}

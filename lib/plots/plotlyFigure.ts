import type { Config, Data, Layout } from "plotly.js-dist";

/**
 * What the `application/vnd.plotly.v1+json` MIME renderer (jupyterlab-plotly) draws: the
 * arguments of `Plotly.react(node, data, layout, config)`, typed with plotly.js's own types.
 */
export interface PlotlyFigure {
  data: Data[];
  layout: Partial<Layout>;
  config: Partial<Config>;
}

/**
 * Interactive defaults: zoom by dragging, double-click to reset, no logo, no cloud link, and no
 * box/lasso selection (nothing in these figures is selectable).
 */
export const PLOTLY_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  showSendToCloud: false,
  scrollZoom: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d"],
};

/** Plotly's title with the run's description (one or more lines) as its subtitle. */
export function plotlyTitle(
  title: string,
  caption: string | readonly string[],
): Partial<Layout>["title"] {
  const lines = typeof caption === "string" ? [caption] : caption;
  return {
    text: title,
    subtitle: { text: lines.join("<br>") },
    x: 0.02,
    xanchor: "left",
    y: 0.97,
    yanchor: "top",
  };
}

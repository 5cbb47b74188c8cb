/**
 * Multi-MIME bundles for figures. Each carries the interactive figure (JupyterLab renders it,
 * also untrusted and after a reopen), a static SVG drawn in Node (GitHub, nbconvert and other
 * places without JavaScript show that), and a one-line text caption.
 *
 * JupyterLab picks the renderer with the lowest rank among the MIME types present: Plotly
 * (jupyterlab-plotly, rank 2) and Vega-Lite (rank 57) both come before SVG (rank 80), while
 * nbconvert and GitHub know neither JSON type and fall back to the SVG.
 */
import type { TopLevelSpec } from "vega-lite";
import { vegaLiteToSvg, type PlotlyFigure } from "../plots";
import type { MimeBundle } from "./bundle";

/** JupyterLab 4's built-in renderer (vega-lite 5.6.1); there is no v6 MIME type. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
/** The jupyterlab-plotly renderer from the Python plotly package. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
export const SVG_MIME = "image/svg+xml";

/**
 * A Vega-Lite figure: `spec` for JupyterLab, `staticSpec` (the same figure without
 * hover/zoom) drawn to SVG for everywhere else.
 */
export async function vegaLiteBundle(
  spec: TopLevelSpec,
  staticSpec: TopLevelSpec,
  caption: string,
): Promise<MimeBundle> {
  return {
    [VEGA_LITE_MIME]: spec,
    [SVG_MIME]: await vegaLiteToSvg(staticSpec),
    "text/plain": caption,
  };
}

/**
 * A Plotly figure for JupyterLab. plotly.js needs a browser DOM to draw, so the static SVG is
 * the equivalent Vega-Lite figure (`staticSpec`) drawn by Vega in Node.
 */
export async function plotlyBundle(
  figure: PlotlyFigure,
  staticSpec: TopLevelSpec,
  caption: string,
): Promise<MimeBundle> {
  return {
    [PLOTLY_MIME]: { data: figure.data, layout: figure.layout, config: figure.config },
    [SVG_MIME]: await vegaLiteToSvg(staticSpec),
    "text/plain": caption,
  };
}

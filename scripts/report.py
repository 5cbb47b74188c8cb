"""Standalone, offline HTML report of an executed notebook.

    python scripts/report.py EXECUTED.ipynb [-o REPORT.html] [--title TITLE]

nbconvert's JupyterLab template gives the page (code, markdown, outputs, CSS inlined), with
every CDN reference removed (require.js, MathJax, mermaid, widgets). Vega-Lite and Plotly
outputs stay interactive: their specs are embedded as JSON and drawn by vega, vega-lite,
vega-embed and plotly.js inlined minified from node_modules (only the libraries the notebook
needs; Plotly as the smallest partial bundle holding every trace: basic, gl3d, else the full one).
The static SVG of each figure is shown until the script replaces it. A Content-Security-Policy
forbids every network request, so the report opens (and works) offline.
"""

from __future__ import annotations

import argparse
import base64
import copy
import html
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO_ROOT / "node_modules"
TEMPLATE_BASEDIR = Path(__file__).resolve().parent
TEMPLATE_NAME = "report_template"

# Inlined in this order (vega-embed needs vega and vega-lite as globals).
LIBRARIES = {
    "vega": "vega/build/vega.min.js",
    "vega-lite": "vega-lite/build/vega-lite.min.js",
    "vega-embed": "vega-embed/build/vega-embed.min.js",
    "plotly.js-basic-dist-min": "plotly.js-basic-dist-min/plotly-basic.min.js",
    "plotly.js-gl3d-dist-min": "plotly.js-gl3d-dist-min/plotly-gl3d.min.js",
    "plotly.js-dist-min": "plotly.js-dist-min/plotly.min.js",
}
NEEDS = {
    "vega": ["vega", "vega-lite", "vega-embed"],
    "plotly-basic": ["plotly.js-basic-dist-min"],
    "plotly-gl3d": ["plotly.js-gl3d-dist-min"],
    "plotly": ["plotly.js-dist-min"],
}
# The trace types of plotly.js's partial bundles (their READMEs): the smallest that holds every
# trace of the notebook is inlined.
PLOTLY_BASIC_TRACES = {"scatter", "bar", "pie"}
PLOTLY_GL3D_TRACES = {
    "cone", "isosurface", "mesh3d", "scatter", "scatter3d", "streamtube", "surface", "volume"
}

VEGA_MIME = re.compile(r"^application/vnd\.(vegalite\.v\d|vega\.v\d)\+json$")
PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Nothing may be fetched: scripts and styles are inline, images are data: URIs. vega compiles
# its expressions with `new Function`, hence 'unsafe-eval'.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; "
    "worker-src blob:; frame-src 'none'; form-action 'none'; base-uri 'none'"
)


def _script_json(value) -> str:
    """JSON that is safe inside <script type="application/json">."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def library_source(name: str) -> str:
    """A library's browser build from node_modules, safe to inline in a <script> element."""
    path = NODE_MODULES / LIBRARIES[name]
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `npm run setup` (npm ci)")
    text = path.read_text(encoding="utf-8")
    # Source-map comments would make devtools request the .map file next to the report.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.M)
    return text.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def library_version(name: str) -> str:
    package = NODE_MODULES / name / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def _fallback_img(data: dict) -> str:
    svg = data.get("image/svg+xml")
    if isinstance(svg, list):
        svg = "".join(svg)
    if not svg:
        return html.escape(str(data.get("text/plain", "")))
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="static figure" src="data:image/svg+xml;base64,{encoded}">'


def interactive_outputs(nb) -> set[str]:
    """Replaces Vega-Lite/Plotly outputs by HTML placeholders (static SVG inside, spec as JSON
    beside it) and returns which renderers ('vega', 'plotly-basic', 'plotly') the page needs."""
    needed: set[str] = set()
    traces: set[str] = set()
    counter = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            kind, spec = None, None
            for mime, value in data.items():
                if VEGA_MIME.match(mime):
                    kind, spec = "vega", value
                    break
                if mime == PLOTLY_MIME:
                    kind, spec = "plotly", value
                    break
            if kind is None:
                continue
            counter += 1
            plot_id = f"report-plot-{counter}"
            needed.add(kind)
            if kind == "plotly" and isinstance(spec, dict):
                traces |= {t.get("type", "scatter") for t in spec.get("data") or []}
            placeholder = (
                f'<div class="report-plot" id="{plot_id}" data-kind="{kind}">'
                f"{_fallback_img(data)}</div>"
                f'<script type="application/json" id="{plot_id}-spec">{_script_json(spec)}</script>'
            )
            output["data"] = {"text/html": placeholder, "text/plain": data.get("text/plain", "")}
            output.setdefault("metadata", {})
    if "plotly" in needed and traces <= PLOTLY_BASIC_TRACES:
        needed = (needed - {"plotly"}) | {"plotly-basic"}
    elif "plotly" in needed and traces <= PLOTLY_GL3D_TRACES:
        needed = (needed - {"plotly"}) | {"plotly-gl3d"}
    return needed


RENDER_SCRIPT = """
(function () {
  "use strict";
  function specOf(el) { return JSON.parse(document.getElementById(el.id + "-spec").textContent); }
  function fail(el, err) {
    el.setAttribute("data-rendered", "error");
    var note = document.createElement("pre");
    note.className = "report-plot-error";
    note.textContent = "interactive figure failed: " + err;
    el.appendChild(note);
  }
  var pending = [];
  document.querySelectorAll(".report-plot").forEach(function (el) {
    var kind = el.getAttribute("data-kind");
    try {
      var spec = specOf(el);
      if (kind === "vega" && window.vegaEmbed) {
        var box = document.createElement("div");
        pending.push(vegaEmbed(box, spec, { actions: { export: true, source: false,
            compiled: false, editor: false } }).then(function () {
          el.replaceChildren(box);
          el.setAttribute("data-rendered", "vega");
        }, function (err) { fail(el, err); }));
      } else if (kind === "plotly" && window.Plotly) {
        var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {});
        el.replaceChildren();
        pending.push(Plotly.newPlot(el, spec.data || [], spec.layout || {}, config).then(
          function () { el.setAttribute("data-rendered", "plotly"); },
          function (err) { fail(el, err); }));
      }
    } catch (err) { fail(el, err); }
  });
  Promise.all(pending).then(function () { document.body.setAttribute("data-plots", "done"); });
})();
"""

REPORT_CSS = """
.report-header { font-family: var(--jp-ui-font-family, sans-serif); margin: 1em 0 2em;
  padding: 0.8em 1.2em; border: 1px solid #ccc; border-radius: 6px; background: #f7f7f7; }
.report-header h1 { font-size: 1.3em; margin: 0 0 0.4em; }
.report-header table { border-collapse: collapse; font-size: 0.9em; }
.report-header td, .report-header th { padding: 0.1em 0.8em 0.1em 0; text-align: left;
  vertical-align: top; }
.report-header code { font-size: 0.95em; }
.report-plot { min-height: 2em; }
.report-plot-error { color: #b00; }
.jp-Cell[data-injected="true"] { border-left: 4px solid #e0a000; }
"""


def header_html(title: str, info: dict | None) -> str:
    """The run summary at the top: notebook, parameters, status, libraries."""
    rows = []
    for key, value in (info or {}).items():
        if value in (None, "", {}, []):
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} = {json.dumps(v)}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        rows.append(
            f"<tr><th>{html.escape(str(key))}</th><td><code>{html.escape(str(value))}</code>"
            "</td></tr>"
        )
    return (
        f'<header class="report-header"><h1>{html.escape(title)}</h1>'
        f"<table>{''.join(rows)}</table></header>"
    )


def _exporter_class():
    """nbconvert's HTMLExporter whose markdown math becomes MathML (browsers draw it natively)
    instead of TeX left for MathJax, which would have to come from a CDN."""
    from jinja2 import pass_context
    from latex2mathml.converter import convert
    from nbconvert import HTMLExporter
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    def mathml(tex: str, display: str, fallback: str) -> str:
        try:
            return convert(tex.strip(), display=display)
        except Exception:  # unsupported TeX: show the source rather than fail the report
            return f'<code class="report-tex">{html.escape(fallback)}</code>'

    class MathMLRenderer(IPythonRenderer):
        def inline_math(self, body: str) -> str:
            return mathml(body, "inline", f"${body}$")

        def block_math(self, body: str) -> str:
            return mathml(body, "block", f"$${body}$$")

        def latex_environment(self, name: str, body: str) -> str:
            return mathml(body, "block", f"\\begin{{{name}}}{body}\\end{{{name}}}")

    class ReportExporter(HTMLExporter):
        @pass_context
        def markdown2html(self, context, source):
            cell = context.get("cell", {})
            renderer = MathMLRenderer(
                escape=False,
                attachments=cell.get("attachments", {}),
                embed_images=self.embed_images,
                path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                anchor_link_text=self.anchor_link_text,
                exclude_anchor_links=self.exclude_anchor_links,
                **self.lexer_options,
            )
            return MarkdownWithMath(renderer=renderer).render(source)

    return ReportExporter


def render_report(nb, title: str, info: dict | None = None) -> str:
    """The report's HTML text for an executed notebook (not modified)."""

    nb = copy.deepcopy(nb)
    needed = interactive_outputs(nb)
    libraries = [lib for kind in NEEDS if kind in needed for lib in NEEDS[kind]]
    scripts = "".join(
        f'<script data-library="{name}" data-version="{library_version(name)}">'
        f"{library_source(name)}</script>\n"
        for name in libraries
    )
    exporter = _exporter_class()(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_BASEDIR)],
        embed_images=True,
    )
    resources = {
        "metadata": {"name": title},
        "report": {
            "csp": CSP,
            "css": REPORT_CSS,
            "header": header_html(title, info),
            "libraries": scripts,
            "render_script": RENDER_SCRIPT,
        },
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def write_report(nb, path: Path, title: str, info: dict | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(nb, title, info), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--title")
    args = parser.parse_args(argv)
    nb = nbformat.read(args.notebook, as_version=4)
    out = args.output or args.notebook.with_suffix(".html")
    write_report(nb, out, args.title or args.notebook.stem)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

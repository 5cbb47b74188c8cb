"""Contents-manager hooks for the project's JupyterLab (registered in jupyter_server_config.py).

When JupyterLab saves a notebook, the jupyterlab-plotly and Vega renderers add an `image/png`
snapshot to each interactive figure's output. On reopening, jupyterlab-plotly then shows that
picture instead of the live figure, and every save bloats the file and its git diff. The
project's figures already carry a static `image/svg+xml` rendered in Node for viewers without
JavaScript, so the PNG is dropped from outputs that hold an interactive figure.
"""

INTERACTIVE_MIME_TYPES = ("application/vnd.plotly.v1+json", "application/vnd.vegalite.v5+json")


def drop_png_snapshots(model, **kwargs):
    """pre_save_hook: remove image/png from outputs that also carry a Plotly or Vega-Lite figure."""
    if model.get("type") != "notebook":
        return
    content = model.get("content") or {}
    for cell in content.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data")
            if data and "image/png" in data and any(m in data for m in INTERACTIVE_MIME_TYPES):
                del data["image/png"]

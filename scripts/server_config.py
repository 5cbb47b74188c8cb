"""Print, as JSON, the effective configuration of the JupyterLab server that scripts/lab.sh
would start with the same arguments and environment, without binding a port.

Used by `bash scripts/lab.sh --print-config [args]` and test/integration/jupyter-config.test.ts,
so the test checks what the launcher really runs (committed config file + CLI + env + defaults),
not a copy of the config file.
"""

import hashlib
import json
import logging
import sys

from jupyterlab.labapp import LabApp
from jupyterlab_server.config import get_page_config


def main(argv: list[str]) -> None:
    logging.disable(logging.CRITICAL)  # keep stdout to the JSON document
    server = LabApp.initialize_server(argv=argv)
    lab = next(
        (app for app in _extension_apps(server) if isinstance(app, LabApp)),
        None,
    )
    idp = server.identity_provider
    effective = {
        "ip": server.ip,
        "port": server.port,
        "open_browser": server.open_browser,
        "allow_root": server.allow_root,
        "allow_remote_access": server.allow_remote_access,
        "disable_check_xsrf": server.disable_check_xsrf,
        "token_set": bool(idp.token),
        "token_length": len(idp.token or ""),
        # Identifies the token (e.g. two launches differ) without printing it.
        "token_sha256_prefix": hashlib.sha256((idp.token or "").encode()).hexdigest()[:12],
        "token_generated": bool(getattr(idp, "token_generated", False)),
        "auth_enabled": bool(idp.auth_enabled),
        "root_dir": server.root_dir,
        "config_file_paths": list(server.config_file_paths),
        "loaded_config_files": list(server.loaded_config_files),
        "news_url": getattr(lab, "news_url", "?"),
        "check_for_updates_class": str(getattr(lab, "check_for_updates_class", "?")),
        "extension_manager": getattr(lab, "extension_manager", "?"),
        "default_kernel_name": server.kernel_manager.default_kernel_name,
        "pre_save_hook": _qualified_name(server.contents_manager.pre_save_hook),
        "server_extensions": {
            name: ext.enabled for name, ext in server.extension_manager.extensions.items()
        },
        "disabled_lab_extensions": _disabled(get_page_config([], logger=server.log)),
    }
    json.dump(effective, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


def _disabled(page_config: dict) -> list[str]:
    """The lab extensions page_config.json disables (a list, or a dict of name: true)."""
    disabled = page_config.get("disabledExtensions", [])
    if isinstance(disabled, dict):
        disabled = [name for name, off in disabled.items() if off]
    return sorted(disabled)


def _qualified_name(hook):
    return None if hook is None else f"{hook.__module__}.{hook.__qualname__}"


def _extension_apps(server):
    """Yield every ExtensionApp instance the server loaded (LabApp among them)."""
    for ext in server.extension_manager.extensions.values():
        for point in ext.extension_points.values():
            if point.app is not None:
                yield point.app


if __name__ == "__main__":
    main(sys.argv[1:])

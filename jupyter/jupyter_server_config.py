# Jupyter server configuration for `npm run lab` (scripts/lab.sh). scripts/env.sh puts this
# folder on JUPYTER_CONFIG_PATH, so every project launch loads it and nothing from the
# user's global ~/.jupyter. Command-line options given to lab.sh override these values;
# lab.sh refuses the ones that would weaken them (empty token, other ip, no XSRF check).
import os

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Local only: listen on loopback and refuse requests whose Host is not local.
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.allow_remote_access = False

# Token authentication is always on: the caller's JUPYTER_TOKEN (never empty: lab.sh refuses
# that), or else Jupyter's own random token, which it prints in the URL to open.
if os.environ.get("JUPYTER_TOKEN"):
    c.IdentityProvider.token = os.environ["JUPYTER_TOKEN"]
c.ServerApp.disable_check_xsrf = False

c.ServerApp.root_dir = REPO_ROOT
c.MappingKernelManager.default_kernel_name = "tslab"

# No network calls from the lab: no news feed, no update check, no PyPI extension manager.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"

# Saved notebooks keep their figures interactive: see save_hooks.py. JupyterLab applies this
# config to the contents manager twice, and the second time traitlets warns that the hook
# replaces itself; that warning says nothing.
import sys  # noqa: E402
import warnings  # noqa: E402

warnings.filterwarnings(
    "ignore", message=r"Overriding existing pre_save_hook \(drop_png_snapshots\)"
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from save_hooks import drop_png_snapshots  # noqa: E402

c.FileContentsManager.pre_save_hook = drop_png_snapshots

# nbgrader is in .venv for the teacher's command line (nbgrader/, README "For teachers"); its
# formgrader and assignment panels stay out of the learners' JupyterLab (its lab extension is
# disabled in labconfig/page_config.json beside this file).
c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.validate_assignment": False,
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.course_list": False,
}

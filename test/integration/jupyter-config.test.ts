/**
 * The JupyterLab launcher (scripts/lab.sh) is local-only and authenticated: these tests read the
 * effective server configuration it would run with (`lab.sh --print-config` initialises the same
 * server with the same arguments and environment, without binding a port), and check that the
 * project's Jupyter paths, kernelspec and lab settings never involve the user's global Jupyter.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const repoRoot = join(__dirname, "..", "..");
const labScript = join(repoRoot, "scripts", "lab.sh");

interface EffectiveConfig {
  ip: string;
  port: number;
  open_browser: boolean;
  allow_remote_access: boolean;
  disable_check_xsrf: boolean;
  token_set: boolean;
  token_length: number;
  token_sha256_prefix: string;
  auth_enabled: boolean;
  root_dir: string;
  loaded_config_files: string[];
  news_url: string | null;
  check_for_updates_class: string;
  extension_manager: string;
  server_extensions: Record<string, boolean>;
  disabled_lab_extensions: string[];
  default_kernel_name: string;
  pre_save_hook: string | null;
}

/** The launcher's effective configuration; JUPYTER_TOKEN is removed unless given. */
function printConfig(args: string[] = [], token?: string): EffectiveConfig {
  const env = { ...process.env };
  delete env.JUPYTER_TOKEN;
  if (token !== undefined) env.JUPYTER_TOKEN = token;
  const out = execFileSync("bash", [labScript, "--print-config", ...args], {
    cwd: repoRoot,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as EffectiveConfig;
}

function sha256Prefix(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

describe("JupyterLab launcher configuration", () => {
  // --print-config checks that the port is free; other checkouts on a shared machine run this
  // test too, so each process asks for its own port.
  const port = 20000 + (process.pid % 30000);
  const config = printConfig(["--port", String(port), "--no-browser"]);

  it("listens on 127.0.0.1 only", () => {
    assert.equal(config.ip, "127.0.0.1");
    assert.equal(config.allow_remote_access, false);
  });

  it("requires a non-empty random token", () => {
    assert.equal(config.auth_enabled, true);
    assert.equal(config.token_set, true);
    assert.ok(config.token_length >= 32, `token is only ${config.token_length} characters`);
    const again = printConfig();
    assert.notEqual(again.token_sha256_prefix, config.token_sha256_prefix, "token is not random");
  });

  it("uses the caller's token when JUPYTER_TOKEN is set (the browser test does this)", () => {
    const token = "browser-test-token-0123456789abcdef";
    assert.equal(printConfig([], token).token_sha256_prefix, sha256Prefix(token));
  });

  it("keeps XSRF checks on", () => {
    assert.equal(config.disable_check_xsrf, false);
  });

  it("loads the committed config file and honours --port / --no-browser", () => {
    assert.deepEqual(config.loaded_config_files, [
      join(repoRoot, "jupyter", "jupyter_server_config.py"),
    ]);
    assert.equal(config.port, port);
    assert.equal(config.open_browser, false);
    assert.equal(config.root_dir, repoRoot);
    assert.equal(config.default_kernel_name, "tslab");
  });

  it("saves notebooks without PNG snapshots of interactive figures", () => {
    assert.equal(config.pre_save_hook, "save_hooks.drop_png_snapshots");
    const notebook = {
      type: "notebook",
      content: {
        cells: [
          {
            outputs: [
              {
                data: { "application/vnd.plotly.v1+json": {}, "image/png": "…", "text/plain": "" },
              },
              { data: { "application/vnd.vegalite.v5+json": {}, "image/png": "…" } },
              { data: { "image/png": "…", "text/plain": "a picture of its own" } },
            ],
          },
          { cell_type: "markdown" },
        ],
      },
    };
    const script =
      "import json, sys; sys.path.insert(0, 'jupyter'); from save_hooks import drop_png_snapshots; " +
      "m = json.load(sys.stdin); drop_png_snapshots(m); json.dump(m, sys.stdout)";
    const saved = JSON.parse(
      execFileSync(join(repoRoot, ".venv", "bin", "python"), ["-c", script], {
        cwd: repoRoot,
        input: JSON.stringify(notebook),
        encoding: "utf8",
      }),
    ) as typeof notebook;
    const kept = saved.content.cells[0].outputs!.map((o) => Object.keys(o.data).sort());
    assert.deepEqual(kept, [
      ["application/vnd.plotly.v1+json", "text/plain"],
      ["application/vnd.vegalite.v5+json"],
      ["image/png", "text/plain"],
    ]);
  });

  it("leaves nbgrader (the teacher's command line) out of the learners' lab", () => {
    const nbgrader = Object.entries(config.server_extensions).filter(([name]) =>
      name.startsWith("nbgrader."),
    );
    assert.ok(nbgrader.length > 0, "nbgrader's server extensions are not installed");
    assert.deepEqual(
      nbgrader.filter(([, enabled]) => enabled),
      [],
    );
    assert.equal(config.server_extensions.jupyterlab, true);
    assert.ok(config.disabled_lab_extensions.includes("@jupyter/nbgrader"));
  });

  it("makes no news, update or extension-manager requests", () => {
    assert.equal(config.news_url, null);
    assert.match(config.check_for_updates_class, /NeverCheckForUpdate/);
    assert.equal(config.extension_manager, "readonly");
  });

  for (const bad of [
    "--IdentityProvider.token=",
    "--ServerApp.token=",
    "--ServerApp.disable_check_xsrf=True",
    "--ip=0.0.0.0",
  ]) {
    it(`refuses ${bad}`, () => {
      const run = spawnSync("bash", [labScript, "--print-config", bad], {
        cwd: repoRoot,
        encoding: "utf8",
      });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /refusing/);
    });
  }
});

describe("project-local Jupyter installation", () => {
  it("resolves every Jupyter path inside the project, none in the user's home", () => {
    const out = execFileSync(
      "bash",
      ["-c", 'source scripts/env.sh && "$VENV/bin/jupyter" --paths --json'],
      { cwd: repoRoot, encoding: "utf8" },
    );
    const paths = JSON.parse(out) as Record<"config" | "data" | "runtime", string[]>;
    for (const kind of ["config", "data", "runtime"] as const) {
      for (const path of paths[kind]) {
        if (homedir() !== "/") {
          assert.ok(!path.startsWith(homedir()), `${kind} path ${path} is in the home directory`);
        }
      }
      // The first (writable) path of each kind is the project's.
      assert.ok(paths[kind][0].startsWith(repoRoot + "/"), `${kind}: ${paths[kind][0]}`);
    }
  });

  it("gives shell and Python scripts the same Jupyter paths, from scripts/jupyter-paths.env", () => {
    const names = readFileSync(join(repoRoot, "scripts", "jupyter-paths.env"), "utf8")
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"))
      .map((line) => line.slice(0, line.indexOf("=")));
    for (const name of [
      "JUPYTER_CONFIG_DIR",
      "JUPYTER_DATA_DIR",
      "JUPYTER_RUNTIME_DIR",
      "JUPYTER_PATH",
      "JUPYTER_CONFIG_PATH",
      "JUPYTERLAB_SETTINGS_DIR",
      "JUPYTERLAB_WORKSPACES_DIR",
      "IPYTHONDIR",
    ]) {
      assert.ok(names.includes(name), `${name} is not in scripts/jupyter-paths.env`);
    }
    // Start from an environment without them, as a user's shell would be.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !names.includes(name)),
    );
    const pick = (json: string) => {
      const all = JSON.parse(json) as Record<string, string>;
      return Object.fromEntries(names.map((name) => [name, all[name]]));
    };
    const shell = pick(
      execFileSync(
        "bash",
        [
          "-c",
          'source scripts/env.sh && "$VENV/bin/python" -c "import json, os; print(json.dumps(dict(os.environ)))"',
        ],
        { cwd: repoRoot, env, encoding: "utf8" },
      ),
    );
    // scripts/execute_notebook.py (imported by notebook.py) run directly, without env.sh.
    const python = pick(
      execFileSync(
        join(repoRoot, ".venv", "bin", "python"),
        [
          "-c",
          "import json, os, sys; sys.path.insert(0, 'scripts'); import execute_notebook; " +
            "print(json.dumps(dict(os.environ)))",
        ],
        { cwd: repoRoot, env, encoding: "utf8" },
      ),
    );
    assert.deepEqual(python, shell);
    for (const [name, value] of Object.entries(shell)) {
      assert.ok(value, `${name} is not set`);
      if (value.includes("/")) assert.ok(value.startsWith(repoRoot + "/"), `${name}=${value}`);
    }
    assert.equal(
      shell.JUPYTERLAB_SETTINGS_DIR,
      join(repoRoot, ".venv/etc/jupyter/lab/user-settings"),
    );
  });

  it("has the tslab kernelspec in .venv, starting this clone's tslab", () => {
    const spec = JSON.parse(
      readFileSync(join(repoRoot, ".venv/share/jupyter/kernels/tslab/kernel.json"), "utf8"),
    );
    assert.deepEqual(spec.argv, [
      join(repoRoot, "node_modules", ".bin", "tslab"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ]);
    assert.equal(spec.language, "typescript");
  });

  it("installs the committed JupyterLab settings overrides into .venv", () => {
    const committed = readFileSync(join(repoRoot, "jupyter/lab/overrides.json"), "utf8");
    const installed = readFileSync(
      join(repoRoot, ".venv/share/jupyter/lab/settings/overrides.json"),
      "utf8",
    );
    assert.equal(installed, committed);
    const overrides = JSON.parse(committed);
    assert.equal(overrides["@jupyterlab/notebook-extension:tracker"].windowingMode, "none");
    assert.equal(overrides["@jupyterlab/apputils-extension:notification"].fetchNews, "false");
    assert.equal(overrides["@jupyterlab/apputils-extension:notification"].checkForUpdates, false);
  });
});

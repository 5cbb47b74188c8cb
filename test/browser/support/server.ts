/**
 * Starts the project's own JupyterLab launcher (scripts/lab.sh, the one the README tells
 * learners to run) for the browser test: 127.0.0.1, a free port, a fresh random token, the
 * app object exposed to the page so the test can use JupyterLab's own commands. The server runs
 * in its own process group so stopping it also ends its kernels.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..", "..");

export interface LabServer {
  url: string;
  token: string;
  port: number;
  logFile: string;
  /** Ends the server's whole process group (idempotent). */
  stop(): Promise<void>;
  /** The last lines the server printed, for failure messages. */
  logTail(lines?: number): string;
}

/** A port that was free a moment ago (the launcher refuses to move on if it is taken). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The last `lines` lines of a server's log file. */
function logTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Ends a detached child's process group: SIGTERM, then SIGKILL after 5 s. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* group already gone */
    }
  };
  // SIGTERM lets jupyter shut its kernels down; SIGKILL the group if it takes too long.
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await gone;
  clearTimeout(timer);
  signal("SIGKILL"); // stragglers (kernels) left in the group
}

/**
 * Runs `bash scripts/lab.sh --no-browser --port <free>` (serving the repository, as for a
 * learner) with its workspace and user settings in `stateDir`, so the test neither reads nor
 * changes the learner's; the settings overrides the launcher installs still apply. Resolves once
 * `/api/status` answers with the token. Rejects (after stopping the server) with the server's
 * log if it exits or does not answer within `timeoutMs`.
 */
export async function startLab(
  stateDir: string,
  logFile: string,
  timeoutMs = 90_000,
): Promise<LabServer> {
  const token = randomBytes(24).toString("hex");
  const port = await freePort();
  return serve({
    name: "scripts/lab.sh",
    args: [
      join(repoRoot, "scripts", "lab.sh"),
      "--no-browser",
      "--port",
      String(port),
      `--LabApp.workspaces_dir=${join(stateDir, "workspaces")}`,
      `--LabApp.user_settings_dir=${join(stateDir, "user-settings")}`,
      "--LabApp.expose_app_in_browser=True",
    ],
    env: { ...process.env, JUPYTER_TOKEN: token },
    port,
    token,
    logFile,
    ready: (url) => `${url}/api/status?token=${token}`,
    timeoutMs,
  });
}

export interface ServeOptions {
  /** the script, for error messages */
  name: string;
  /** bash's arguments: the script and its options */
  args: string[];
  env?: NodeJS.ProcessEnv;
  port: number;
  token: string;
  logFile: string;
  /** the address that answers 200 once the server is ready */
  ready(url: string): string;
  timeoutMs: number;
}

/**
 * Starts a server script in its own process group (so kill(-pid) reaches its children, such as
 * kernels), logging to `logFile`; resolves once `ready` answers, else stops it and rejects with
 * the log's tail.
 */
export async function serve(options: ServeOptions): Promise<LabServer> {
  const { name, port, token, logFile, timeoutMs } = options;
  const log = createWriteStream(logFile);
  const child = spawn("bash", options.args, {
    cwd: repoRoot,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // If the test process ends without after() (Ctrl-C, a crash), take the server group along.
  const killNow = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  process.once("exit", killNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killNow();
      process.exit(130);
    });
  }
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const server: LabServer = {
    url,
    token,
    port,
    logFile,
    stop: () => killGroup(child),
    logTail: (lines = 30) => logTail(logFile, lines),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new Error(
        `${name} exited with ${child.exitCode ?? child.signalCode} before answering.\n` +
          server.logTail(),
      );
    }
    try {
      if ((await fetch(options.ready(url))).ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(
    `${name} did not answer on ${url} within ${timeoutMs / 1000}s.\n` + server.logTail(),
  );
}

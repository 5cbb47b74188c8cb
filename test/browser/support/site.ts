/**
 * The JupyterLite site for the browser test: built by `bash scripts/site.sh` (what `npm run
 * site` runs), served by `scripts/site.sh --serve-only` (Python's http.server on 127.0.0.1, a
 * free port) in its own process group. The server object has the LabServer shape, so the
 * JupyterLab test's page driver (lab-page.ts) drives the site unchanged.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exited, freePort, killGroup, logTail, repoRoot, type LabServer } from "./server";

export const siteDir = join(repoRoot, "site");

export interface SiteBuild {
  seconds: number;
  bytes: number;
  files: number;
}

function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = folderSize(path);
      bytes += sub.bytes;
      files += sub.files;
    } else {
      bytes += statSync(path).size;
      files += 1;
    }
  }
  return { bytes, files };
}

/** Runs scripts/site.sh; throws with its output if it fails. */
export function buildSite(logFile: string): SiteBuild {
  const started = Date.now();
  const result = spawnSync("bash", [join(repoRoot, "scripts", "site.sh")], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(logFile, `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) {
    throw new Error(
      `scripts/site.sh failed (exit ${result.status ?? result.signal}):\n` +
        `${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
    );
  }
  return { seconds: (Date.now() - started) / 1000, ...folderSize(siteDir) };
}

/** Serves site/ on 127.0.0.1; resolves once its index page answers. */
export async function serveSite(logFile: string, timeoutMs = 30_000): Promise<LabServer> {
  const port = await freePort();
  const log = createWriteStream(logFile);
  const child = spawn(
    "bash",
    [join(repoRoot, "scripts", "site.sh"), "--serve-only", "--port", String(port)],
    { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  process.once("exit", () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const server: LabServer = {
    url,
    token: "",
    port,
    logFile,
    stop: () => killGroup(child),
    logTail: (lines = 30) => logTail(logFile, lines),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new Error(`scripts/site.sh --serve-only exited early.\n${server.logTail()}`);
    }
    try {
      if ((await fetch(`${url}/lab/index.html`)).ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`the site server did not answer on ${url}.\n${server.logTail()}`);
}

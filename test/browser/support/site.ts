/**
 * The JupyterLite site for the browser test: built by `bash scripts/site.sh` (what `npm run
 * site` runs), served by `scripts/site.sh --serve-only` (Python's http.server on 127.0.0.1, a
 * free port) in its own process group. The server object has the LabServer shape, so the
 * JupyterLab test's page driver (lab-page.ts) drives the site unchanged.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, repoRoot, serve, type LabServer } from "./server";

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
  return serve({
    name: "scripts/site.sh --serve-only",
    args: [join(repoRoot, "scripts", "site.sh"), "--serve-only", "--port", String(port)],
    port,
    token: "",
    logFile,
    ready: (url) => `${url}/lab/index.html`,
    timeoutMs,
  });
}

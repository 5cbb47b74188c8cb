/** Runs the project's Python (the .venv that setup creates) for parity checks against NumPy. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..");
export const venvPython = join(repoRoot, ".venv", "bin", "python");

/** Runs a Python script of the repo and parses the JSON it prints. */
export function runPythonJson<T>(script: string, args: string[] = []): T {
  if (!existsSync(venvPython)) {
    throw new Error(`${venvPython} is missing: run "npm run setup" (or "npm test") first`);
  }
  const out = execFileSync(venvPython, [join(repoRoot, script), ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}

/** |a − b| ≤ tol · max(|a|, |b|), element by element, with a message naming the position. */
export function assertClose(
  actual: number | number[] | number[][],
  expected: number | number[] | number[][],
  what: string,
  relTol = 1e-12,
): void {
  const a = [actual].flat(2) as number[];
  const e = [expected].flat(2) as number[];
  if (a.length !== e.length) throw new Error(`${what}: ${a.length} values, expected ${e.length}`);
  a.forEach((v, i) => {
    const scale = Math.max(Math.abs(v), Math.abs(e[i]));
    if (!(Math.abs(v - e[i]) <= relTol * scale)) {
      throw new Error(
        `${what}[${i}]: ${v} differs from NumPy's ${e[i]} (relative tolerance ${relTol})`,
      );
    }
  });
}

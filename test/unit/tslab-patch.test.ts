/**
 * The tslab patch (patches/tslab+<version>.patch, applied by setup with patch-package) is made
 * for one published version. These tests fail when that version moves (package-lock, the
 * installed package or the patch's name disagree), when the patch no longer applies to the
 * published package, or when the installed kernel runs without it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const patches = readdirSync(join(root, "patches")).filter((name) => name.startsWith("tslab+"));
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; integrity?: string }>;
};
const locked = lock.packages["node_modules/tslab"];

function git(args: string[], cwd: string): void {
  execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

test("one tslab patch, named after the version package-lock.json pins and node_modules holds", () => {
  assert.equal(patches.length, 1, `patches/: ${patches.join(", ")}`);
  const installed = JSON.parse(
    readFileSync(join(root, "node_modules", "tslab", "package.json"), "utf8"),
  ) as { version: string };
  assert.equal(patches[0], `tslab+${locked.version}.patch`);
  assert.equal(installed.version, locked.version, "node_modules/tslab is not the locked version");
});

test("the patch applies to the published tslab tarball that package-lock.json pins", () => {
  const dir = mkdtempSync(join(tmpdir(), "tslab-patch-"));
  try {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", `tslab@${locked.version}`, "--prefer-offline", "--json"], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }),
    ) as { integrity: string; filename: string }[];
    assert.equal(packed[0].integrity, locked.integrity, "the tarball is not the locked one");
    execFileSync("tar", ["xzf", packed[0].filename], { cwd: dir });
    // The patch's paths are a/node_modules/tslab/dist/…: strip three parts inside package/.
    git(["apply", "--check", "-p3", join(root, "patches", patches[0])], join(dir, "package"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("node_modules/tslab carries the patch (setup applied it)", () => {
  // Reversing applies cleanly only to the patched files.
  git(["apply", "--check", "--reverse", join("patches", patches[0])], root);
});

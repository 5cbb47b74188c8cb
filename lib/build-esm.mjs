// Builds the ES-module copy of the library (dist/esm/) beside tsc's CommonJS one (dist/), for
// kernels that load `backprop-lib` as an ES module (Deno). tslab resolves with node10 and
// reads `main`/`types` (CommonJS); lib/package.json's `exports` sends `import` here. One bundle
// per entry point with code splitting, so the figure code that lib/display imports with
// `await import(...)` stays in chunks loaded at the first figure; dependencies stay imports.
//
//   node lib/build-esm.mjs
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, "dist", "esm");

await build({
  entryPoints: [join(here, "index.ts")],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  packages: "external",
  sourcemap: true,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
// The folder is all ES modules, whatever a tool infers from lib/package.json (no "type").
writeFileSync(join(outdir, "package.json"), '{ "type": "module" }\n');

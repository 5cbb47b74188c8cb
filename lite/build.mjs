// Bundles the kernel with esbuild: build/kernel.worker.js (the Web Worker: TypeScript's
// compiler, backprop-lib from ../lib sources, mathjs, vega) and build/index.js (the JupyterLite
// plugin, an ES module that `jupyter labextension build` turns into a federated extension).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const shim = (name) => join(here, "src", "shims", `${name}.ts`);

/** Node built-ins lib uses, served by the worker's own implementations. */
const NODE_SHIMS = {
  "node:fs": shim("fs"),
  "node:path": shim("path"),
  "node:timers/promises": shim("timers-promises"),
};

const browserLib = {
  name: "browser-lib",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const path = NODE_SHIMS[args.path];
      if (!path)
        return { errors: [{ text: `${args.path} has no browser shim (${args.importer})` }] };
      return { path };
    });
    b.onResolve({ filter: /^backprop-lib$/ }, () => ({
      path: join(here, "..", "lib", "index.ts"),
    }));
    // lib's tslab writer (a guarded require) is never reached when the worker's host is installed.
    b.onResolve({ filter: /^tslab(\/|$)/ }, (args) => ({ path: args.path, external: true }));
  },
};

const common = {
  bundle: true,
  minify: true,
  // lib's errors are named after their classes (DataError: …).
  keepNames: true,
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
};

const started = Date.now();
await Promise.all([
  build({
    ...common,
    entryPoints: [join(here, "src", "worker.ts")],
    outfile: join(here, "build", "kernel.worker.js"),
    platform: "browser",
    format: "iife",
    plugins: [browserLib],
  }),
  build({
    ...common,
    entryPoints: [join(here, "src", "plugin.ts")],
    outfile: join(here, "build", "index.js"),
    platform: "browser",
    format: "esm",
    external: ["@jupyterlite/services", "@jupyterlab/coreutils", "@jupyterlab/services"],
  }),
]);
console.log(`lite: esbuild bundles in ${((Date.now() - started) / 1000).toFixed(1)} s`);

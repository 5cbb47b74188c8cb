/**
 * Static renderings for places where no JavaScript runs (GitHub, nbconvert, headless runs):
 * Vega-Lite 5.6.1 (the version JupyterLab's renderer bundles) compiles the spec, Vega 5 renders
 * it to SVG in Node without a browser or canvas.
 */
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { ParameterError } from "../errors";

export interface CompiledVegaLite {
  /** The Vega spec the Vega-Lite compiler produced. */
  vega: ReturnType<typeof compile>["spec"];
  /** Compiler warnings (e.g. an unknown field or channel); a clean spec has none. */
  warnings: string[];
}

/**
 * Compiles a Vega-Lite spec with the same major version as JupyterLab's renderer and collects
 * the warnings instead of printing them. Invalid specs throw a ParameterError.
 */
export function compileVegaLite(spec: TopLevelSpec): CompiledVegaLite {
  const warnings: string[] = [];
  const join = (args: readonly unknown[]) => args.map(String).join(" ");
  // Vega-Lite logs through these four only (it never asks the logger for its level).
  const logger = {
    error(...args: readonly unknown[]): never {
      throw new ParameterError(`Vega-Lite: ${join(args)}`);
    },
    warn(...args: readonly unknown[]) {
      warnings.push(join(args));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  try {
    const { spec: vega } = compile(spec, { logger: logger as never });
    return { vega, warnings };
  } catch (error) {
    if (error instanceof ParameterError) throw error;
    throw new ParameterError(`Vega-Lite could not compile the spec: ${(error as Error).message}`);
  }
}

/**
 * Vega numbers clip paths with a process-wide counter (clip1, clip2, …), so the same figure
 * would differ with the number of figures drawn before it. Renaming them after the figure's
 * own content keeps re-executed notebooks byte-identical and ids unique within a page.
 */
export function stableSvgIds(svg: string): string {
  const local = new Map<string, number>();
  const normalized = svg.replace(/\bclip\d+\b/g, (id) => {
    if (!local.has(id)) local.set(id, local.size + 1);
    return `clip-${local.get(id)}`;
  });
  if (local.size === 0) return svg;
  const digest = contentHash(normalized).slice(0, 10);
  return normalized.replace(/\bclip-(\d+)\b/g, (_, n: string) => `clip-${digest}-${n}`);
}

/**
 * A 53-bit hash of a string as 14 hex digits (cyrb53, public domain): enough to tell a page's
 * figures apart, with no crypto module (the browser kernel has none to offer synchronously).
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/** The spec drawn as a standalone SVG document (white background, fixed size). */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = compileVegaLite(spec);
  const view = new View(parse(vega), { renderer: "none" });
  try {
    return stableSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * A notebook session: the cells' shared top-level names, and running one cell in them
 * (compiled by cell.ts, run as an async function inside `with (scope)`).
 */
import { compileCell } from "./cell";

type CellFunction = (
  scope: Record<string, unknown>,
  importModule: (name: string) => unknown,
  importDefault: (module: unknown) => unknown,
) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => CellFunction;

export interface CellResult {
  /** The cell's last expression, when it ends with one. */
  hasValue: boolean;
  value: unknown;
}

export interface Session {
  /** Compiles and runs one cell; rejects with the cell's error (or a SyntaxError). */
  run(source: string): Promise<CellResult>;
  /** The session's names and values (for tests). */
  readonly scope: Record<string, unknown>;
}

/** A session whose cells can import the given modules by name. */
export function createSession(modules: Record<string, unknown>): Session {
  const scope: Record<string, unknown> = Object.create(null);
  const importModule = (name: string): unknown => {
    const found = modules[name];
    if (found === undefined) {
      throw new Error(
        `Cannot find module '${name}': the browser kernel has ${Object.keys(modules).join(" and ")}`,
      );
    }
    return found;
  };
  const importDefault = (module: unknown): unknown =>
    (module as { default?: unknown }).default ?? module;
  return {
    scope,
    async run(source) {
      const compiled = compileCell(source);
      for (const name of compiled.names) if (!(name in scope)) scope[name] = undefined;
      const run = new AsyncFunction(
        "__scope",
        "__import",
        "__importDefault",
        `with (__scope) {\n${compiled.body}\n}`,
      );
      const value = await run(scope, importModule, importDefault);
      return { hasValue: compiled.hasValue, value };
    },
  };
}

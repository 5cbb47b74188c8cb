/**
 * Text for a cell's value and for console.log arguments, close to Node's util.inspect (what
 * tslab shows): strings quoted, arrays and objects on one line, errors as `name: message`.
 */
export function inspect(value: unknown, depth = 2, seen = new Set<unknown>()): string {
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Error) return errorLine(value);
  if (seen.has(value)) return "[Circular]";
  if (depth < 0) return Array.isArray(value) ? "[Array]" : "[Object]";
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      if (value.length === 0) return "[]";
      const shown = value.slice(0, 100).map((v) => inspect(v, depth - 1, seen));
      if (value.length > 100) shown.push(`... ${value.length - 100} more items`);
      return `[ ${shown.join(", ")} ]`;
    }
    if (ArrayBuffer.isView(value)) {
      const name = value.constructor.name;
      return `${name}(${(value as unknown as ArrayLike<number>).length}) ${inspect(Array.from(value as unknown as ArrayLike<number>), depth, seen)}`;
    }
    if (value instanceof Map) {
      const entries = [...value].map(
        ([k, v]) => `${inspect(k, depth - 1, seen)} => ${inspect(v, depth - 1, seen)}`,
      );
      return `Map(${value.size}) {${entries.length ? ` ${entries.join(", ")} ` : ""}}`;
    }
    if (value instanceof Set) {
      const entries = [...value].map((v) => inspect(v, depth - 1, seen));
      return `Set(${value.size}) {${entries.length ? ` ${entries.join(", ")} ` : ""}}`;
    }
    const custom = (value as { toString?: () => string }).toString;
    const proto = Object.getPrototypeOf(value);
    if (custom && custom !== Object.prototype.toString && proto !== Object.prototype) {
      // mathjs matrices, dates and other objects that print themselves.
      return String(value);
    }
    const entries = Object.entries(value).map(([k, v]) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`;
      return `${key}: ${inspect(v, depth - 1, seen)}`;
    });
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  } finally {
    seen.delete(value);
  }
}

/** One line for an error, as tslab prints the library's errors: `name: message`. */
export function errorLine(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === "object" && error !== null && "message" in error) {
    const { name, message } = error as { name?: unknown; message: unknown };
    return `${typeof name === "string" ? name : "Error"}: ${String(message)}`;
  }
  return `Uncaught ${inspect(error)}`;
}

/** console.log's formatting of several arguments: strings as they are, the rest inspected. */
export function formatArgs(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ");
}

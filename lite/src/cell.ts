/**
 * Turns one notebook cell of TypeScript into the body of an async function that runs inside
 * `with (scope)`, so cells share their top-level names the way they do on tslab: every
 * top-level declaration of a cell becomes (or replaces) a name of the session, a later cell may
 * declare `let epochs` again, and `await` works at the top level.
 *
 * sucrase strips the types (no type checking; it starts far faster in a worker than
 * TypeScript's own compiler), acorn parses the JavaScript, and the top-level declarations are
 * rewritten into assignments to the scope:
 *   let a = 1, { b } = c;         →  (a = 1); ({ b } = c);
 *   function f() {}               →  f = function f() {};   (hoisted to the top, as JS does)
 *   class C {}                    →  C = class C {};
 *   import { x, y as z } from "m" →  ({ x: x, y: z } = __import("m"));
 * A final expression statement becomes the cell's value (printed as tslab prints it).
 */
import { Parser, type Node } from "acorn";
import { transform } from "sucrase";

export interface CompiledCell {
  /** The async function body (refers to `__import` and `__importDefault`). */
  body: string;
  /** Every top-level name the cell declares. */
  names: string[];
  /** Whether the body returns the value of the cell's last expression. */
  hasValue: boolean;
}

/** A syntax error in a cell: `line:column - message`, as tslab prints its diagnostics. */
export class CellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyntaxError";
  }
}

/** The ESTree fields this module reads (acorn's own types stop at `Node`). */
interface Estree extends Node {
  id?: Estree | null;
  name?: string;
  value?: Estree | string | number | boolean | null;
  left?: Estree;
  argument?: Estree;
  properties?: Estree[];
  elements?: (Estree | null)[];
  declarations?: Estree[];
  declaration?: Estree | null;
  init?: Estree | null;
  expression?: Estree;
  specifiers?: Estree[];
  source?: Estree | null;
  local?: Estree;
  imported?: Estree;
  body?: Estree[];
}

/** "Unexpected token (2:9)" → "2:9 - Unexpected token". */
function syntaxError(error: unknown): CellSyntaxError {
  const message = error instanceof Error ? error.message : String(error);
  const m = message.match(/^(.*?)\s*\((\d+):(\d+)\)\s*$/);
  return new CellSyntaxError(m ? `${m[2]}:${m[3]} - ${m[1]}` : message);
}

function patternNames(node: Estree | null | undefined, out: string[]): void {
  if (!node) return;
  switch (node.type) {
    case "Identifier":
      out.push(node.name!);
      break;
    case "ObjectPattern":
      for (const p of node.properties!) {
        patternNames(p.type === "RestElement" ? p.argument : (p.value as Estree), out);
      }
      break;
    case "ArrayPattern":
      for (const e of node.elements!) patternNames(e, out);
      break;
    case "AssignmentPattern":
      patternNames(node.left, out);
      break;
    case "RestElement":
      patternNames(node.argument, out);
      break;
  }
}

/** Compiles a cell (see the module comment); throws CellSyntaxError on a syntax error. */
export function compileCell(source: string): CompiledCell {
  let js: string;
  try {
    js = transform(source, {
      transforms: ["typescript"],
      // Keep imports whose names this cell does not use: later cells use them.
      keepUnusedImports: true,
      disableESTransforms: true,
    }).code;
  } catch (error) {
    throw syntaxError(error);
  }
  let program: Estree;
  try {
    program = Parser.parse(js, {
      ecmaVersion: "latest",
      sourceType: "module",
      locations: false,
    }) as Estree;
  } catch (error) {
    const e = syntaxError(error);
    // acorn's columns are 0-based.
    e.message = e.message.replace(/^(\d+):(\d+)/, (_, l: string, c: string) => `${l}:${+c + 1}`);
    throw e;
  }

  const text = (node: Node) => js.slice(node.start, node.end);
  const names: string[] = [];
  const hoisted: string[] = [];
  const body: string[] = [];
  let hasValue = false;

  const declaration = (node: Estree): void => {
    if (node.type === "VariableDeclaration") {
      for (const d of node.declarations!) {
        patternNames(d.id, names);
        // Parentheses: `{ a } = b` alone would parse as a block.
        body.push(`(${text(d.id!)} = ${d.init ? text(d.init) : "undefined"});`);
      }
    } else if (node.type === "FunctionDeclaration" && node.id) {
      names.push(node.id.name!);
      hoisted.push(`${node.id.name} = ${text(node)};`);
    } else if (node.type === "ClassDeclaration" && node.id) {
      names.push(node.id.name!);
      body.push(`${node.id.name} = ${text(node)};`);
    } else {
      body.push(`${text(node)};`);
    }
  };

  const statements = program.body!;
  statements.forEach((statement, i) => {
    switch (statement.type) {
      case "ImportDeclaration": {
        const from = text(statement.source!);
        const named: string[] = [];
        if (statement.specifiers!.length === 0) body.push(`__import(${from});`);
        for (const s of statement.specifiers!) {
          const local = s.local!.name!;
          names.push(local);
          if (s.type === "ImportDefaultSpecifier") {
            body.push(`${local} = __importDefault(__import(${from}));`);
          } else if (s.type === "ImportNamespaceSpecifier") {
            body.push(`${local} = __import(${from});`);
          } else {
            named.push(`${text(s.imported!)}: ${local}`);
          }
        }
        if (named.length > 0) body.push(`({ ${named.join(", ")} } = __import(${from}));`);
        break;
      }
      case "ExportNamedDeclaration":
        // `export { a }` adds nothing: the names are the session's already.
        if (statement.declaration) declaration(statement.declaration);
        break;
      case "ExportDefaultDeclaration":
        declaration(statement.declaration!);
        break;
      case "ExpressionStatement":
        if (i === statements.length - 1) {
          hasValue = true;
          body.push(`return (${text(statement.expression!)});`);
        } else {
          body.push(text(statement));
        }
        break;
      default:
        declaration(statement);
    }
  });
  return { body: [...hoisted, ...body].join("\n"), names: [...new Set(names)], hasValue };
}

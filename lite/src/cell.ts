/**
 * Turns one notebook cell of TypeScript into the body of an async function that runs inside
 * `with (scope)`, so cells share their top-level names the way they do on tslab: every
 * top-level declaration of a cell becomes (or replaces) a name of the session, a later cell may
 * declare `let epochs` again, and `await` works at the top level.
 *
 * TypeScript's transpileModule strips the types (no type checking); the JavaScript it emits is
 * parsed again and its top-level declarations are rewritten into assignments to the scope:
 *   let a = 1, { b } = c;        →  (a = 1); ({ b } = c);
 *   function f() {}              →  f = function f() {};   (hoisted to the top, as JS does)
 *   class C {}                   →  C = class C {};
 *   import { x, y as z } from "m" →  ({ x: x, y: z } = __import("m"));
 * A final expression statement becomes the cell's value (shown like tslab shows it).
 */
import ts from "typescript";

export interface CompiledCell {
  /** The async function body (refers to `__import`). */
  body: string;
  /** Every top-level name the cell declares. */
  names: string[];
  /** Whether the body returns the value of the cell's last expression. */
  hasValue: boolean;
}

/** A syntax error in a cell, with its line and column (1-based). */
export class CellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyntaxError";
  }
}

const TRANSPILE_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  // Keep imports whose names this cell does not use: later cells use them.
  verbatimModuleSyntax: true,
  moduleDetection: ts.ModuleDetectionKind.Force,
  sourceMap: false,
  removeComments: false,
};

function syntaxError(diagnostic: ts.Diagnostic): CellSyntaxError {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return new CellSyntaxError(`${line + 1}:${character + 1} - ${text}`);
  }
  return new CellSyntaxError(text);
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) {
    out.push(name.text);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) bindingNames(element.name, out);
  }
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The statement's text without a leading `export` / `export default` keyword. */
function withoutExport(statement: ts.Statement, js: string): string {
  let start = statement.getStart();
  for (const modifier of ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : []) {
    if (
      modifier.kind === ts.SyntaxKind.ExportKeyword ||
      modifier.kind === ts.SyntaxKind.DefaultKeyword
    ) {
      start = modifier.getEnd();
    }
  }
  return js.slice(start, statement.getEnd()).trim();
}

function importAssignment(statement: ts.ImportDeclaration, names: string[]): string {
  const specifier = statement.moduleSpecifier.getText();
  const clause = statement.importClause;
  if (!clause) return `__import(${specifier});`;
  const parts: string[] = [];
  if (clause.name) {
    names.push(clause.name.text);
    parts.push(`${clause.name.text} = __importDefault(__import(${specifier}));`);
  }
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    names.push(bindings.name.text);
    parts.push(`${bindings.name.text} = __import(${specifier});`);
  } else if (bindings && bindings.elements.length > 0) {
    const pairs = bindings.elements.map((element) => {
      names.push(element.name.text);
      const imported = (element.propertyName ?? element.name).getText();
      return `${imported}: ${element.name.text}`;
    });
    parts.push(`({ ${pairs.join(", ")} } = __import(${specifier}));`);
  }
  return parts.join(" ");
}

function variableAssignments(statement: ts.VariableStatement, names: string[]): string {
  return statement.declarationList.declarations
    .map((declaration) => {
      bindingNames(declaration.name, names);
      const target = declaration.name.getText();
      const value = declaration.initializer ? declaration.initializer.getText() : "undefined";
      // Parentheses: `{ a } = b` alone would parse as a block.
      return `(${target} = ${value});`;
    })
    .join(" ");
}

/** Compiles a cell (see the module comment); throws CellSyntaxError on a syntax error. */
export function compileCell(source: string): CompiledCell {
  const output = ts.transpileModule(source, {
    compilerOptions: TRANSPILE_OPTIONS,
    fileName: "cell.ts",
    reportDiagnostics: true,
  });
  const diagnostic = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostic) throw syntaxError(diagnostic);

  const js = output.outputText.replace(/^export \{\};\s*$/m, "");
  const file = ts.createSourceFile(
    "cell.js",
    js,
    {
      languageVersion: ts.ScriptTarget.ES2022,
      // Parse as a module so top-level `await` is an await expression.
      setExternalModuleIndicator: (f) => {
        (f as { externalModuleIndicator?: ts.Node }).externalModuleIndicator = f;
      },
    },
    true,
    ts.ScriptKind.JS,
  );

  const names: string[] = [];
  const hoisted: string[] = [];
  const body: string[] = [];
  let hasValue = false;
  const statements = file.statements;
  statements.forEach((statement, i) => {
    const last = i === statements.length - 1;
    if (ts.isImportDeclaration(statement)) {
      body.push(importAssignment(statement, names));
    } else if (ts.isVariableStatement(statement)) {
      body.push(variableAssignments(statement, names));
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      names.push(statement.name.text);
      hoisted.push(`${statement.name.text} = ${withoutExport(statement, js)};`);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      names.push(statement.name.text);
      body.push(`${statement.name.text} = ${withoutExport(statement, js)};`);
    } else if (ts.isExportDeclaration(statement)) {
      // `export { a }`: the names are the session's already.
    } else if (ts.isExportAssignment(statement)) {
      body.push(`${statement.expression.getText()};`);
    } else if (last && ts.isExpressionStatement(statement)) {
      hasValue = true;
      body.push(`return (${statement.expression.getText()});`);
    } else {
      const text = hasModifier(statement, ts.SyntaxKind.ExportKeyword)
        ? withoutExport(statement, js)
        : statement.getText();
      body.push(text);
    }
  });
  return { body: [...hoisted, ...body].join("\n"), names: [...new Set(names)], hasValue };
}

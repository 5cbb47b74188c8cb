// Reads TypeScript source on stdin and prints, as JSON, the top-level `let`/`const`/`var`
// declarations with the kind of their literal default. Parsed with the project's TypeScript
// compiler (resolved from the repository's node_modules), so what counts as a declaration is
// what TypeScript says, not a pattern.
import { readFileSync } from "node:fs";
import ts from "typescript";

const source = readFileSync(0, "utf8");
const file = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.Latest, true);

function literal(node) {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: "boolean", value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: "boolean", value: false };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { kind: "string", value: node.text };
  }
  let sign = 1;
  if (
    ts.isPrefixUnaryExpression(node) &&
    (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)
  ) {
    sign = node.operator === ts.SyntaxKind.MinusToken ? -1 : 1;
    node = node.operand;
  }
  if (ts.isNumericLiteral(node)) {
    const value = sign * Number(node.text);
    const integer = Number.isSafeInteger(value) && !/[.eE]/.test(node.getText(file));
    return { kind: integer ? "integer" : "number", value };
  }
  return null;
}

const ANNOTATIONS = new Set(["number", "string", "boolean"]);
const declarations = [];
for (const statement of file.statements) {
  if (!ts.isVariableStatement(statement)) continue;
  const flags = statement.declarationList.flags;
  const keyword = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
  for (const decl of statement.declarationList.declarations) {
    if (!ts.isIdentifier(decl.name)) continue;
    const annotation = decl.type ? decl.type.getText(file) : null;
    let found = decl.initializer ? literal(decl.initializer) : null;
    // An annotation must agree with the literal; `let x: number = 1` also accepts 0.5.
    if (found && annotation !== null) {
      const base = found.kind === "integer" ? "number" : found.kind;
      if (!ANNOTATIONS.has(annotation) || annotation !== base) found = null;
      else found.kind = annotation;
    }
    declarations.push({
      name: decl.name.text,
      keyword,
      annotation,
      kind: found ? found.kind : null,
      value: found ? found.value : null,
      literal: decl.initializer ? decl.initializer.getText(file) : null,
      line: file.getLineAndCharacterOfPosition(decl.getStart(file)).line + 1,
    });
  }
}
process.stdout.write(JSON.stringify(declarations));

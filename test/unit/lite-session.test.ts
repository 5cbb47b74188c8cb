/**
 * The browser kernel's cell semantics (lite/src/session.ts), in Node: the same compile-and-run
 * code the Web Worker uses, with lib's sources as `backprop-lib`. Cells share names as on
 * tslab: redeclaration, destructuring, imports, functions and classes visible to later cells,
 * top-level await, a final expression as the cell's value, one-line syntax errors.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as backpropLib from "../../lib/index";
import { compileCell } from "../../lite/src/cell";
import { createSession } from "../../lite/src/session";

const session = () => createSession({ "backprop-lib": backpropLib });

describe("browser kernel cells (lite/src/session.ts)", () => {
  it("a later cell may declare `let` again; the new value is the session's", async () => {
    const s = session();
    await s.run("let epochs = 1000;");
    await s.run("let epochs = 10000;\nconst doubled = epochs * 2;");
    assert.deepEqual((await s.run("doubled + epochs")).value, 30000);
  });

  it("destructuring declarations (renamed, nested, defaults, rest) bind every name", async () => {
    const s = session();
    await s.run(
      "const { a: renamed, b: [first, ...others], c = 7 } = { a: 1, b: [2, 3, 4] } as { a: number; b: number[]; c?: number };",
    );
    assert.deepEqual((await s.run("[renamed, first, others, c]")).value, [1, 2, [3, 4], 7]);
    await s.run("let { renamed: again } = { renamed: 5 };");
    assert.equal((await s.run("again")).value, 5);
  });

  it("imports from backprop-lib, used in a later cell; type-only imports vanish", async () => {
    const s = session();
    await s.run('import { matrix, size, type Matrix } from "backprop-lib";');
    assert.equal((await s.run("size(matrix([[1, 2], [3, 4]]))")).value, 4);
    await s.run('import * as bp from "backprop-lib";');
    assert.equal(typeof (await s.run("bp.trainLive")).value, "function");
    await assert.rejects(s.run('import { x } from "left-pad";'), /Cannot find module 'left-pad'/);
  });

  it("functions are hoisted within their cell; functions, classes, enums reach later cells", async () => {
    const s = session();
    await s.run(
      "const early = twice(4);\nfunction twice(n: number): number { return 2 * n; }\n" +
        "class Counter<T> { count = 0; add(_: T) { this.count++; return this; } }\nenum Colour { Red, Green }",
    );
    const { value } = await s.run(
      "[early, twice(5), new Counter<string>().add('a').add('b').count, Colour.Green]",
    );
    assert.deepEqual(value, [8, 10, 2, 1]);
  });

  it("top-level await; the final expression is the cell's value, statements have none", async () => {
    const s = session();
    const awaited = await s.run("const v = await Promise.resolve(41);\nv + 1");
    assert.deepEqual(awaited, { hasValue: true, value: 42 });
    assert.equal((await s.run("let z = 1;")).hasValue, false);
  });

  it("a loop variable of a top-level loop stays in its cell", async () => {
    const s = session();
    await s.run("let total = 0;\nfor (let i = 0; i < 4; i++) { total += i; }");
    assert.equal((await s.run("total")).value, 6);
    assert.equal("i" in s.scope, false);
  });

  it("a syntax error is one line with line and column; a thrown error rejects the cell", async () => {
    assert.throws(() => compileCell("let ok = 1;\nlet x = ;"), {
      name: "SyntaxError",
      message: "2:9 - Unexpected token",
    });
    // Within one cell a name is declared once, as in any JavaScript scope.
    assert.throws(() => compileCell("let a = 1;\nlet a = 2;"), {
      name: "SyntaxError",
      message: "2:5 - Identifier 'a' has already been declared",
    });
    const s = session();
    await assert.rejects(s.run('import { matrix } from "backprop-lib";\nmatrix([[1], [2, 3]])'), {
      name: "ShapeError",
    });
  });

  it("cells cannot reach the host's globals by declaring the same name", async () => {
    const s = session();
    await s.run("let postMessage = 3;");
    assert.equal((globalThis as Record<string, unknown>).postMessage, undefined);
    assert.equal(s.scope.postMessage, 3);
  });
});

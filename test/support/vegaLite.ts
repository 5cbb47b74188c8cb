import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { compileVegaLite } from "../../lib/plots/renderSvg";

/** The JSON schema shipped with vega-lite 5.6.1, the version JupyterLab renders with. */
const schema = JSON.parse(
  readFileSync(join(__dirname, "../../node_modules/vega-lite/build/vega-lite-schema.json"), "utf8"),
);
const validate = new Ajv({
  allErrors: true,
  unknownFormats: "ignore",
  logger: false,
} as never).compile(schema);

/** A figure spec is valid Vega-Lite 5, plain JSON, and compiles without warnings. */
export function assertValidVegaLite(spec: unknown): void {
  assert.ok(validate(spec), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec, "spec must be plain JSON");
  assert.deepEqual(compileVegaLite(spec as never).warnings, []);
}

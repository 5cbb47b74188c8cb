/** The timings figure: a valid Vega-Lite 5 spec on log axes, refusing what log axes cannot draw. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { timingsVegaLite } from "../../lib/plots/timings";
import { assertValidVegaLite } from "../support/vegaLite";

const timings = [
  { method: "loops", n: 10, seconds: 1e-5 },
  { method: "loops", n: 400, seconds: 0.2 },
  { method: "NumPy", n: 10, seconds: 1.4e-6 },
];

test("timingsVegaLite: valid Vega-Lite 5, log–log, x spanning exactly the sizes timed", () => {
  const spec = timingsVegaLite(timings, "A·Aᵀ") as unknown as {
    data: { values: unknown[] };
    encoding: { x: { scale: { type: string; domain: number[] } }; y: { scale: { type: string } } };
  };
  assertValidVegaLite(spec);
  assert.equal(spec.encoding.x.scale.type, "log");
  assert.equal(spec.encoding.y.scale.type, "log");
  assert.deepEqual(spec.encoding.x.scale.domain, [10, 400]);
  assert.deepEqual(spec.data.values, timings);
});

test("timingsVegaLite refuses no timings and zero or negative times", () => {
  assert.throws(() => timingsVegaLite([], "t"), /need positive sizes and times/);
  assert.throws(
    () => timingsVegaLite([{ method: "m", n: 10, seconds: 0 }], "t"),
    /need positive sizes and times \(log axes\), got \{"method":"m","n":10,"seconds":0\}/,
  );
});

import type { Timing } from "../plots/timings";
import { sendBundle } from "./kernel";
import { vegaLiteBundle } from "./figures";

/** Shows run times against matrix size on log–log axes, one line per method. */
export async function plotTimings(timings: readonly Timing[], title: string): Promise<void> {
  const { timingsVegaLite } = await import("../plots/timings");
  const spec = timingsVegaLite(timings, title);
  const methods = [...new Set(timings.map((t) => t.method))];
  sendBundle(await vegaLiteBundle(spec, spec, `${title}: ${methods.join(", ")}`));
}

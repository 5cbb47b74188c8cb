/**
 * One colour per species in every part-14 figure: Okabe and Ito's colour-blind-safe palette
 * (orange, sky blue, bluish green, then the rest of it for data with more classes).
 */
const OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442"];

/** A Vega-Lite colour scale that gives class k the k-th colour. */
export function speciesColours(classes: readonly string[]): { domain: string[]; range: string[] } {
  return {
    domain: [...classes],
    range: classes.map((_, k) => OKABE_ITO[k % OKABE_ITO.length]),
  };
}

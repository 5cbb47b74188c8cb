/**
 * How the part-13 and part-14 figures write a number: the same text `show` prints for a matrix
 * element. The one import of the formatting for these figures, so it can move in one place.
 */
export { formatNumber } from "../display/show";

import { A, B, INVC_LOGC, LN2_HI, LN2_LO } from "./glibcLogData";
import { fma } from "./fma";

const view = new DataView(new ArrayBuffer(8));
const OFF = 0x3fe6000000000000n;
const TWO_POW_27 = 134217728;

/**
 * Natural logarithm computed exactly as glibc 2.28+ does on x86-64 CPUs with FMA
 * (`__ieee754_log_fma`, the variant NumPy's legacy Gaussian uses on such machines).
 * V8's `Math.log` is a different algorithm that differs from glibc in the last bit for some
 * inputs, which would change NumPy-seeded weights; glibc itself is not correctly rounded
 * either, so a correctly rounded log would not do.
 *
 * The operation order and which products are fused follow the compiled machine code of
 * glibc 2.36's libm (gcc contracts `a*b + c` to FMA there), not only the C source.
 */
export function glibcLog(x: number): number {
  // Zero, negatives, infinities and NaN: every libm agrees on these special values.
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  // Close to 1 (1 - 2^-4 ≤ x < 1 + 0x1.09p-4): a longer polynomial in r = x - 1, no table.
  if (x >= 0.9375 && x < 1.064697265625) return logNearOne(x);

  // A subnormal is scaled by 2^52 to make it normal (exact); the exponent bits then lose 52.
  const subnormal = x < 2.2250738585072014e-308;
  view.setFloat64(0, subnormal ? x * 4503599627370496 : x);
  const ix = view.getBigUint64(0) - (subnormal ? 52n << 52n : 0n);
  // x = 2^k · z with z in [0x1.6p-1, 0x1.6p0); i picks the table entry for z.
  const tmp = BigInt.asUintN(64, ix - OFF);
  const i = Number((tmp >> 45n) % 128n);
  const k = Number(BigInt.asIntN(64, tmp) >> 52n);
  view.setBigUint64(0, BigInt.asUintN(64, ix - (tmp & (0xfffn << 52n))));
  const z = view.getFloat64(0);
  const invc = INVC_LOGC[2 * i];
  const logc = INVC_LOGC[2 * i + 1];

  // log(x) = k·ln2 + log(c) + log1p(r) with r = z/c - 1, |r| < 1/256.
  const r = fma(z, invc, -1.0);
  const w = fma(k, LN2_HI, logc);
  const hi = w + r;
  const lo = fma(k, LN2_LO, w - hi + r);
  const r2 = r * r;
  const p = fma(fma(r, A[4], A[3]), r2, fma(r, A[2], A[1]));
  return fma(r * r2, p, fma(r2, A[0], lo)) + hi;
}

/** log(x) for x near 1, keeping r - r²/2 in extra precision (rhi carries ≤ 26 bits). */
function logNearOne(x: number): number {
  const r = x - 1.0;
  const r2 = r * r;
  const r3 = r * r2;
  const b1 = fma(r2, B[3], fma(r, B[2], B[1]));
  const b4 = fma(r2, B[6], fma(r, B[5], B[4]));
  const b7 = fma(r3, B[10], fma(r2, B[9], fma(r, B[8], B[7])));
  const poly = fma(fma(b7, r3, b4), r3, b1);
  const rhi = fma(-TWO_POW_27, r, fma(r, TWO_POW_27, r));
  const rlo = r - rhi;
  const rhiSquared = rhi * rhi;
  const hi = fma(rhiSquared, B[0], r);
  let lo = fma(rhiSquared, B[0], r - hi);
  lo = fma(B[0] * rlo, r + rhi, lo);
  return hi + fma(poly, r3, lo);
}

/**
 * Fused multiply-add: a·b + c with a single rounding, as the x86 FMA instruction computes it.
 * JavaScript has no `Math.fma`, and glibc's `log` (which NumPy's Gaussian draws go through)
 * is compiled with FMA instructions on current x86-64 CPUs, so matching NumPy bit for bit
 * needs the single-rounding result: a·b + c exactly in BigInt, rounded once to the nearest
 * double (ties to even).
 */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) {
    // Infinities and NaN: an exact finite a·b cannot change an infinite c.
    return Number.isFinite(a) && Number.isFinite(b) ? c : a * b + c;
  }
  const x = exactParts(a);
  const y = exactParts(b);
  const z = exactParts(c);
  const productExp = x.exp + y.exp;
  const exp = Math.min(productExp, z.exp);
  const sum = ((x.mant * y.mant) << BigInt(productExp - exp)) + (z.mant << BigInt(z.exp - exp));
  // Exact zero: a·b is then exactly representable, so IEEE's signed-zero rules give the answer.
  if (sum === 0n) return a * b + c;
  return roundToDouble(sum, exp);
}

const view = new DataView(new ArrayBuffer(8));

/** A finite double as mant · 2^exp exactly (mant a signed integer below 2^53 in magnitude). */
function exactParts(value: number): { mant: bigint; exp: number } {
  view.setFloat64(0, value);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biasedExp !== 0) mant |= 1n << 52n;
  const exp = biasedExp === 0 ? -1074 : biasedExp - 1075;
  return { mant: hi >>> 31 === 1 ? -mant : mant, exp };
}

/** The double nearest to sum · 2^exp, ties to even, including subnormal results. */
function roundToDouble(sum: bigint, exp: number): number {
  const negative = sum < 0n;
  let mant = negative ? -sum : sum;
  const bits = mant.toString(2).length;
  // Keep 53 significant bits, but never go below the subnormal quantum 2^-1074.
  const keepExp = Math.max(exp + bits - 53, -1074);
  if (keepExp > exp) {
    const shift = BigInt(keepExp - exp);
    const rest = mant & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    mant >>= shift;
    if (rest > half || (rest === half && (mant & 1n) === 1n)) mant += 1n;
    exp = keepExp;
  }
  // mant ≤ 2^53 is exact as a Number, and scaling by a power of two is exact unless it overflows.
  const magnitude = Number(mant) * 2 ** exp;
  return negative ? -magnitude : magnitude;
}

// Go's math.Pow, whose special cases differ from JavaScript's (1 ** NaN is 1 in Go, NaN in
// JS) and whose integer powers are repeated squaring, not a correctly rounded pow: matching
// it keeps `^` bit-identical with Prometheus for integer exponents.

const isOddInt = (y: number) => Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;

/** math.Pow(x, y) as Go computes it (non-integer exponents use the platform pow). */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === 0) {
    const negZero = Object.is(x, -0);
    if (y < 0) return negZero && isOddInt(y) ? -Infinity : Infinity;
    return negZero && isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  const yi = Math.floor(Math.abs(y));
  if (yi !== Math.abs(y)) return Math.pow(x, y);
  // Repeated squaring in Go's order; Go's frexp/ldexp normalisation is exact scaling, so the
  // roundings (and hence the bits) are the same away from overflow.
  let a1 = 1;
  let x1 = x;
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (i % 2 === 1) a1 *= x1;
    x1 *= x1;
  }
  return y < 0 ? 1 / a1 : a1;
}

/** math.Mod(x, y): the remainder with the sign of x (JavaScript's % is the same IEEE fmod). */
export function goMod(x: number, y: number): number {
  return x % y;
}

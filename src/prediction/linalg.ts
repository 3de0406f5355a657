// The ridge solve in plain TypeScript: normal equations accumulated row by row (X is never
// stored), then a Cholesky factorisation. p is small (13), so this is microseconds.

/** Accumulates XᵀX (p×p, row-major) and Xᵀy one row at a time. */
export class NormalEquations {
  readonly xtx: Float64Array;
  readonly xty: Float64Array;
  rows = 0;

  constructor(readonly p: number) {
    if (!Number.isInteger(p) || p < 1) throw new RangeError(`NormalEquations: p must be an integer >= 1, got ${p}`);
    this.xtx = new Float64Array(p * p);
    this.xty = new Float64Array(p);
  }

  /** Adds one observation: feature row `x` (length ≥ p) and target `y`. */
  add(x: Float64Array, y: number): void {
    const { p, xtx, xty } = this;
    for (let i = 0; i < p; i++) {
      const xi = x[i]!;
      xty[i]! += xi * y;
      // Upper triangle only; solveRidge mirrors it.
      for (let j = i; j < p; j++) xtx[i * p + j]! += xi * x[j]!;
    }
    this.rows++;
  }
}

/**
 * Solves (XᵀX + λI)β = Xᵀy, leaving column `unpenalised` (the intercept) out of the penalty.
 * λ > 0 keeps the system positive definite when a column is all zeros (no cooling degrees in a
 * northern winter), giving that coefficient 0 instead of a singular matrix.
 */
export function solveRidge(eq: NormalEquations, lambda: number, unpenalised = 0): Float64Array {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`ridge: lambda must be a finite number >= 0, got ${lambda}`);
  const { p } = eq;
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const v = eq.xtx[i * p + j]!;
      a[i * p + j] = v;
      a[j * p + i] = v;
    }
    if (i !== unpenalised) a[i * p + i]! += lambda;
  }
  return choleskySolve(a, eq.xty, p);
}

/** Solves A x = b for symmetric positive definite A (p×p, row-major); throws if A is not. */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  if (a.length !== p * p || b.length !== p) throw new RangeError(`cholesky: expected ${p}×${p} and ${p}, got ${a.length} and ${b.length}`);
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error(`cholesky: matrix is not positive definite (pivot ${i} = ${sum})`);
        l[i * p + i] = Math.sqrt(sum);
      } else {
        l[i * p + j] = sum / l[j * p + j]!;
      }
    }
  }
  // Forward substitution L z = b, then back substitution Lᵀ x = z.
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * p + k]! * z[k]!;
    z[i] = sum / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i]! * x[k]!;
    x[i] = sum / l[i * p + i]!;
  }
  return x;
}

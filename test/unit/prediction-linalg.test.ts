// The ridge solver: Cholesky against a hand-checked system, exact recovery without noise, and
// the penalty's role with an all-zero column.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { choleskySolve, NormalEquations, solveRidge } from '../../src/prediction/linalg.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-9) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < eps, `index ${i}: ${a[i]} vs ${b[i]}`);
};

test('cholesky solves a known SPD system', () => {
  // A = [[4,12,-16],[12,37,-43],[-16,-43,98]] (the textbook example, L = [[2],[6,1],[-8,5,3]]).
  // With x = [1, 2, 3]: b = A x = [-20, -43, 192].
  const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
  const x = choleskySolve(a, Float64Array.from([-20, -43, 192]), 3);
  close(x, [1, 2, 3]);
});

test('cholesky rejects a matrix that is not positive definite', () => {
  assert.throws(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2), /not positive definite/);
  assert.throws(() => choleskySolve(Float64Array.from([1]), Float64Array.from([1, 1]), 2), /expected 2×2/);
});

test('ridge with a tiny penalty recovers exact coefficients from noiseless data', () => {
  const beta = [3, -2, 0.5];
  const eq = new NormalEquations(3);
  for (let i = 0; i < 50; i++) {
    const x = Float64Array.from([1, Math.sin(i), (i % 7) - 3]);
    eq.add(x, beta[0]! * x[0]! + beta[1]! * x[1]! + beta[2]! * x[2]!);
  }
  assert.equal(eq.rows, 50);
  close(solveRidge(eq, 1e-12), beta, 1e-6);
});

test('ridge keeps an all-zero column solvable and gives it a zero coefficient', () => {
  const eq = new NormalEquations(3);
  for (let i = 0; i < 20; i++) eq.add(Float64Array.from([1, i, 0]), 5 + 2 * i);
  assert.throws(() => solveRidge(eq, 0), /not positive definite/);
  const beta = solveRidge(eq, 1e-6);
  close(beta, [5, 2, 0], 1e-4);
});

test('ridge and normal equations reject invalid options', () => {
  assert.throws(() => new NormalEquations(0), /p must be an integer >= 1, got 0/);
  assert.throws(() => solveRidge(new NormalEquations(1), -1), /lambda must be a finite number >= 0, got -1/);
  assert.throws(() => solveRidge(new NormalEquations(1), Number.NaN), /lambda must be a finite number >= 0/);
});

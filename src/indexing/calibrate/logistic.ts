/**
 * Weighted, L2-regularised logistic regression by Newton's method. Hand-written: five features and
 * a few hundred rows, where the libraries on npm fit by plain gradient descent without sample
 * weights (which the class balance needs) and are not deterministic to the bit across runs.
 */

export interface LogisticFit {
  weights: number[];
  bias: number;
}

/**
 * Fits P(y=1|x) = σ(bias + w·x). Features are standardised for the fit (so the penalty treats them
 * alike) and the weights returned on the raw scale. `sampleWeights` balance the classes.
 */
export function fitLogistic(x: number[][], y: number[], sampleWeights: number[], l2 = 1e-2, iterations = 50): LogisticFit {
  const d = x[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  const total = sampleWeights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < d; j++) {
    mean[j] = x.reduce((s, row, i) => s + sampleWeights[i] * row[j], 0) / total;
    const variance = x.reduce((s, row, i) => s + sampleWeights[i] * (row[j] - mean[j]) ** 2, 0) / total;
    // A constant feature carries nothing; a unit scale keeps the algebra finite and its weight at 0.
    scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  const z = x.map((row) => [1, ...row.map((v, j) => (v - mean[j]) / scale[j])]);
  const beta = new Array<number>(d + 1).fill(0);
  for (let iter = 0; iter < iterations; iter++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    z.forEach((row, i) => {
      const p = sigmoid(dotProduct(beta, row));
      const w = sampleWeights[i] / total;
      for (let a = 0; a <= d; a++) {
        gradient[a] += w * (p - y[i]) * row[a];
        for (let b = 0; b <= d; b++) hessian[a][b] += w * p * (1 - p) * row[a] * row[b];
      }
    });
    // The intercept is not penalised.
    for (let a = 1; a <= d; a++) {
      gradient[a] += l2 * beta[a];
      hessian[a][a] += l2;
    }
    const step = solve(hessian, gradient);
    let change = 0;
    for (let a = 0; a <= d; a++) {
      beta[a] -= step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-9) break;
  }
  const weights = beta.slice(1).map((b, j) => b / scale[j]);
  const bias = beta[0] - weights.reduce((s, w, j) => s + w * mean[j], 0);
  return { weights, bias };
}

export function sigmoid(t: number): number {
  return 1 / (1 + Math.exp(-t));
}

function dotProduct(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * out[k];
    out[r] = s / m[r][r];
  }
  return out;
}

/**
 * Distils the teacher into a static token table (model2vec-style), deterministically.
 *
 * - `token` recipe: each vocabulary piece embedded alone by the teacher, table centred.
 * - `fit` recipe (default): the table E minimises ‖X·E − (Y − ȳ)‖² + λ‖E − α·P‖², where X holds the
 *   mean-pooling weights of each training sentence's tokens, Y the teacher's sentence vectors and
 *   P the centred token-level table as a prior (rare pieces fall back to it). Solved by conjugate
 *   gradients, one column per output dimension, all columns at once.
 * Both: rows weighted by SIF (a / (a + p(piece))), PCA to `dims` where needed, and int8
 * quantisation with one scale per row.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { StaticModelWeights } from '../core/model/index.js';
import { quantizeRow, randomSigns, rotate } from '../core/vector/int8.js';

export interface DistillInput {
  /** [piece, log-probability] from the teacher's vocabulary. */
  vocabulary: Array<[string, number]>;
  /** Ids never used as content (unknown, control symbols): their rows stay zero. */
  reservedIds: number[];
  /** Teacher vector of every piece embedded alone (V rows of teacherDims). */
  pieceVectors: Float32Array[];
  /** Token ids of each training sentence, from the static model's own tokenizer. */
  sentenceTokens: number[][];
  /** Teacher vectors of the training sentences. */
  sentenceVectors: Float32Array[];
}

export interface DistillOptions {
  recipe: 'token' | 'fit';
  dims: number;
  /** Ridge strength towards the token-level prior (fit recipe). */
  lambda: number;
  /** SIF smoothing constant a; 0 turns the weighting off. */
  sifA: number;
  /**
   * Rotate every row by one randomised Hadamard transform before int8 rounding (power-of-two dims
   * only): spreads the variance PCA puts in the first components, so one scale per row rounds the
   * rest finer. Free at query time — all rows turn alike, so inner products do not change.
   */
  rotate?: boolean;
  iterations: number;
  log?: (message: string) => void;
}

type Table = { rows: number; cols: number; data: Float64Array };

/**
 * The student's output space in the teacher's: a student vector approximates the teacher's vector
 * minus `mean`, projected on `axes` (then normalised). Applying the same map to teacher-embedded
 * passages puts them where the student's questions land (the asymmetric variant).
 */
export interface TeacherProjection {
  mean: Float64Array;
  /** dims rows of teacherDims. */
  axes: number[][];
}

export interface Distilled {
  weights: StaticModelWeights;
  /** Only for the `fit` recipe (the token recipe has no sentence-level target space). */
  projection: TeacherProjection | null;
}

export function distill(input: DistillInput, options: DistillOptions): Distilled {
  const vocabSize = input.vocabulary.length;
  const reserved = new Set(input.reservedIds);
  const prior = centredPieceTable(input.pieceVectors, reserved);

  const fit = options.recipe === 'token' ? null : ridgeFit(input, prior, reserved, options);
  const table = fit?.table ?? prior;
  // SIF weighting, a / (a + p(piece)): frequent pieces count less in the mean. The fit learns
  // weights of its own, but on top of it SIF still helped paraphrased questions (docs/model.md).
  if (options.sifA > 0) {
    for (let t = 0; t < vocabSize; t++) scaleRow(table, t, options.sifA / (options.sifA + Math.exp(input.vocabulary[t][1])));
  }
  const frequency = tokenFrequency(input.sentenceTokens, vocabSize);
  const projected = table.cols > options.dims ? project(table, principalAxes(table, frequency, options.dims)) : table;
  for (const t of reserved) projected.data.fill(0, t * projected.cols, (t + 1) * projected.cols);
  // A rotation of the rows would turn the output space too: the projection is only valid without it.
  return { weights: quantizeTable(options.rotate ? rotateRows(projected) : projected), projection: options.rotate ? null : (fit?.projection ?? null) };
}

function centredPieceTable(vectors: Float32Array[], reserved: Set<number>): Table {
  const rows = vectors.length;
  const cols = vectors[0].length;
  const data = new Float64Array(rows * cols);
  const mean = new Float64Array(cols);
  let count = 0;
  for (let t = 0; t < rows; t++) {
    if (reserved.has(t)) continue;
    count++;
    for (let d = 0; d < cols; d++) mean[d] += vectors[t][d];
  }
  for (let d = 0; d < cols; d++) mean[d] /= count;
  for (let t = 0; t < rows; t++) {
    if (reserved.has(t)) continue;
    for (let d = 0; d < cols; d++) data[t * cols + d] = vectors[t][d] - mean[d];
  }
  return { rows, cols, data };
}

function scaleRow(table: Table, row: number, factor: number): void {
  for (let d = 0; d < table.cols; d++) table.data[row * table.cols + d] *= factor;
}

/** Sparse mean-pooling matrix X in CSR form: row s has 1/n for each of its n tokens. */
interface Csr {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

function poolingMatrix(sentences: number[][], reserved: Set<number>): Csr {
  const indptr = new Int32Array(sentences.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  sentences.forEach((ids, s) => {
    const counts = new Map<number, number>();
    for (const id of ids) if (!reserved.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const n = ids.length || 1;
    for (const [id, c] of [...counts].sort((a, b) => a[0] - b[0])) {
      indices.push(id);
      values.push(c / n);
    }
    indptr[s + 1] = indices.length;
  });
  return { indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/**
 * Sparse × dense product into a reused buffer: out = X · M (N×C, from V×C) or, transposed,
 * out = Xᵀ · M (V×C, from N×C). One loop serves both: only which side is row s and which is
 * token t changes.
 */
function sparseProduct(x: Csr, m: Float64Array, cols: number, out: Float64Array, transposed: boolean): Float64Array {
  out.fill(0);
  const rows = x.indptr.length - 1;
  for (let s = 0; s < rows; s++) {
    for (let k = x.indptr[s]; k < x.indptr[s + 1]; k++) {
      const v = x.values[k];
      const from = (transposed ? s : x.indices[k]) * cols;
      const to = (transposed ? x.indices[k] : s) * cols;
      for (let d = 0; d < cols; d++) out[to + d] += v * m[from + d];
    }
  }
  return out;
}
const multiply = (x: Csr, m: Float64Array, cols: number, out: Float64Array) => sparseProduct(x, m, cols, out, false);
const multiplyTransposed = (x: Csr, z: Float64Array, cols: number, out: Float64Array) => sparseProduct(x, z, cols, out, true);

function ridgeFit(input: DistillInput, prior: Table, reserved: Set<number>, options: DistillOptions): { table: Table; projection: TeacherProjection } {
  const { rows: vocabSize, cols: teacherDims } = prior;
  const n = input.sentenceVectors.length;
  const x = poolingMatrix(input.sentenceTokens, reserved);

  // Targets: teacher sentence vectors centred on their mean (the shared direction carries no
  // meaning), projected on their top principal axes — the fit then runs directly in `dims` dims.
  const centred: Table = { rows: n, cols: teacherDims, data: new Float64Array(n * teacherDims) };
  const mean = new Float64Array(teacherDims);
  for (const v of input.sentenceVectors) for (let d = 0; d < teacherDims; d++) mean[d] += v[d] / n;
  input.sentenceVectors.forEach((v, s) => {
    for (let d = 0; d < teacherDims; d++) centred.data[s * teacherDims + d] = v[d] - mean[d];
  });
  const dims = Math.min(options.dims, teacherDims);
  const axes = principalAxes(centred, new Float64Array(n).fill(1), dims);
  const targets = project(centred, axes).data;
  const projectedPrior = project(prior, axes).data;
  const cols = dims;

  // Scale the prior to the targets' magnitude (least squares for one factor α).
  const bufferN = new Float64Array(n * cols);
  const predicted = multiply(x, projectedPrior, cols, bufferN);
  let num = 0;
  let den = 0;
  for (let i = 0; i < predicted.length; i++) {
    num += predicted[i] * targets[i];
    den += predicted[i] * predicted[i];
  }
  const alpha = den > 0 ? num / den : 1;
  const e0 = projectedPrior.map((v) => v * alpha);
  options.log?.(`fit: ${n} sentences, ${x.indices.length} token entries, ${cols} dims, prior scale α=${alpha.toFixed(3)}`);

  // Solve (XᵀX + λI)·E = XᵀT + λ·E0 by conjugate gradients with a Jacobi preconditioner (token
  // frequencies span orders of magnitude, so plain CG crawls); one step size per column.
  const lambda = options.lambda;
  const diagonal = new Float64Array(vocabSize).fill(lambda);
  for (let k = 0; k < x.indices.length; k++) diagonal[x.indices[k]] += x.values[k] * x.values[k];
  const bufferV = new Float64Array(vocabSize * cols);
  const apply = (m: Float64Array, out: Float64Array) => {
    multiplyTransposed(x, multiply(x, m, cols, bufferN), cols, bufferV);
    for (let i = 0; i < out.length; i++) out[i] = bufferV[i] + lambda * m[i];
    return out;
  };
  const precondition = (r: Float64Array, out: Float64Array) => {
    for (let t = 0; t < vocabSize; t++) for (let d = 0; d < cols; d++) out[t * cols + d] = r[t * cols + d] / diagonal[t];
    return out;
  };
  const rhs = Float64Array.from(multiplyTransposed(x, targets, cols, bufferV));
  for (let i = 0; i < rhs.length; i++) rhs[i] += lambda * e0[i];
  const e = Float64Array.from(e0);
  const ap = new Float64Array(vocabSize * cols);
  const r = apply(e, ap).map((v, i) => rhs[i] - v);
  const z = precondition(r, new Float64Array(vocabSize * cols));
  const p = Float64Array.from(z);
  let rz = columnDots(r, z, cols);
  const r0 = Math.sqrt(columnDots(r, r, cols).reduce((a, b) => a + b, 0));
  for (let it = 0; it < options.iterations; it++) {
    apply(p, ap);
    const pap = columnDots(p, ap, cols);
    const step = pap.map((v, d) => (v > 0 ? rz[d] / v : 0));
    for (let i = 0; i < e.length; i++) {
      const d = i % cols;
      e[i] += step[d] * p[i];
      r[i] -= step[d] * ap[i];
    }
    precondition(r, z);
    const next = columnDots(r, z, cols);
    for (let i = 0; i < p.length; i++) {
      const d = i % cols;
      p[i] = z[i] + (rz[d] > 0 ? next[d] / rz[d] : 0) * p[i];
    }
    rz = next;
    if ((it + 1) % 10 === 0) {
      const residual = Math.sqrt(columnDots(r, r, cols).reduce((a, b) => a + b, 0)) / r0;
      options.log?.(`fit: PCG iteration ${it + 1}, relative residual ${residual.toExponential(2)}`);
    }
  }
  return { table: { rows: vocabSize, cols, data: e }, projection: { mean, axes } };
}

function columnDots(a: Float64Array, b: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let i = 0; i < a.length; i++) out[i % cols] += a[i] * b[i];
  return out;
}

function tokenFrequency(sentences: number[][], vocabSize: number): Float64Array {
  const freq = new Float64Array(vocabSize).fill(1);
  for (const ids of sentences) for (const id of ids) freq[id]++;
  return freq;
}

/** Top principal axes of the (weighted) rows, each with a fixed sign so output is reproducible. */
function principalAxes(table: Table, weight: Float64Array, dims: number): number[][] {
  const { rows, cols, data } = table;
  const cov = new Float64Array(cols * cols);
  let total = 0;
  for (let t = 0; t < rows; t++) total += weight[t];
  for (let t = 0; t < rows; t++) {
    const w = weight[t] / total;
    const o = t * cols;
    for (let i = 0; i < cols; i++) {
      const wi = w * data[o + i];
      if (wi === 0) continue;
      const ci = i * cols;
      for (let j = i; j < cols; j++) cov[ci + j] += wi * data[o + j];
    }
  }
  const matrix = new Matrix(cols, cols);
  for (let i = 0; i < cols; i++) for (let j = i; j < cols; j++) {
    matrix.set(i, j, cov[i * cols + j]);
    matrix.set(j, i, cov[i * cols + j]);
  }
  const evd = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return order.slice(0, dims).map(([, i]) => {
    const axis = evd.eigenvectorMatrix.getColumn(i);
    const pivot = axis.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
    return pivot < 0 ? axis.map((v) => -v) : axis;
  });
}

function project(table: Table, axes: number[][]): Table {
  const { rows, cols, data } = table;
  const dims = axes.length;
  const out = new Float64Array(rows * dims);
  for (let t = 0; t < rows; t++) {
    const o = t * cols;
    for (let k = 0; k < dims; k++) {
      const axis = axes[k];
      let s = 0;
      for (let i = 0; i < cols; i++) s += data[o + i] * axis[i];
      out[t * dims + k] = s;
    }
  }
  return { rows, cols: dims, data: out };
}

function rotateRows({ rows, cols, data }: Table): Table {
  const signs = randomSigns(cols);
  const out = new Float64Array(data.length);
  for (let t = 0; t < rows; t++) out.set(rotate(Float32Array.from(data.subarray(t * cols, (t + 1) * cols)), signs), t * cols);
  return { rows, cols, data: out };
}

/** int8 with one scale per row, so each row keeps its own range (and its weight). */
function quantizeTable({ rows, cols, data }: Table): StaticModelWeights {
  const scales = new Float32Array(rows);
  const table = new Int8Array(rows * cols);
  for (let t = 0; t < rows; t++) scales[t] = quantizeRow(data.subarray(t * cols, (t + 1) * cols), table, t * cols);
  return { vocabSize: rows, dims: cols, scales, table };
}

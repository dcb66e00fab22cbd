/**
 * Plaintext matching (privacy `low`): for each query vector, the candidate with the highest cosine. Runs on
 * the worker pool for large batches and inline for small ones; both use exactly this function.
 */
import { pickBest } from './select.js';

/** Input of the plaintext matching task: row-major matrices of `dims` columns. */
export interface MatchInput {
  queries: Float32Array;
  candidates: Float32Array;
  dims: number;
}

/** For each query: the best candidate index (-1 when there are none) and its cosine. */
export interface MatchOutput {
  best: Int32Array;
  score: Float64Array;
}

/** Computes the best candidate of every query (cosine; ties go to the lower index). */
export default function matchPlain(input: MatchInput): MatchOutput {
  const { queries, candidates, dims } = input;
  const q = queries.length / dims, c = candidates.length / dims;
  if (!Number.isInteger(q) || !Number.isInteger(c)) throw new Error(`matchPlain: matrix sizes ${queries.length}, ${candidates.length} are not multiples of dims ${dims}`);
  const cn = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    let s = 0;
    for (let k = j * dims, e = k + dims; k < e; k++) s += candidates[k]! * candidates[k]!;
    cn[j] = Math.sqrt(s);
  }
  const best = new Int32Array(q), score = new Float64Array(q);
  const row = new Float64Array(c);
  for (let i = 0; i < q; i++) {
    const qo = i * dims;
    let qn = 0;
    for (let k = 0; k < dims; k++) qn += queries[qo + k]! * queries[qo + k]!;
    qn = Math.sqrt(qn);
    for (let j = 0; j < c; j++) {
      let dot = 0;
      const co = j * dims;
      for (let k = 0; k < dims; k++) dot += queries[qo + k]! * candidates[co + k]!;
      row[j] = qn === 0 || cn[j] === 0 ? 0 : dot / (qn * cn[j]!);
    }
    const [b, s] = pickBest(row);
    best[i] = b; score[i] = s;
  }
  return { best, score };
}

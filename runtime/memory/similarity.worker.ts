/**
 * Worker task: decrypt one user's embeddings and keep the top-k by cosine above a threshold. It runs on the pool
 * (or, for comparison, on the calling thread). Decryption happens here rather than on the main thread because at
 * 100k entries it is most of the work; the embeddings arrive as ciphertext in SharedArrayBuffers (no copy) and
 * only this user's data keys come along.
 */
import { createDecipheriv } from 'node:crypto';
import { entryAadPrefix, entryAadWith, IV_LEN, TAG_LEN } from './envelope.js';

/** A slice of one cache chunk: records [from, to). */
export interface SimilaritySlice {
  /** Records of `IV_LEN + TAG_LEN + 4 * dims` bytes: iv ‖ tag ‖ ciphertext. */
  data: SharedArrayBuffer | ArrayBuffer;
  /** Float64 sequence numbers, one per record. */
  seqs: SharedArrayBuffer | ArrayBuffer;
  /** Int32 key versions, one per record. */
  keyVersions: SharedArrayBuffer | ArrayBuffer;
  /** Float64 expiry times (NaN: none), one per record. */
  expires: SharedArrayBuffer | ArrayBuffer;
  from: number;
  to: number;
}

/** Input of the similarity task (plain data). */
export interface SimilarityInput {
  userId: string;
  query: Float32Array;
  dims: number;
  /** Data keys by key version (this user's only). */
  keys: Record<number, Uint8Array>;
  slices: SimilaritySlice[];
  k: number;
  threshold: number;
  /** Entries expired at this time are skipped. */
  now: number;
}

/** Output: the local top-k (score descending, then seq ascending) and counters. */
export interface SimilarityOutput {
  seqs: number[];
  scores: number[];
  scanned: number;
  /** Records not decryptable (key missing or authentication failed): never scored. */
  failed: number;
}

/** Bytes of one cached record for `dims` dimensions. */
export function recordSize(dims: number): number {
  return IV_LEN + TAG_LEN + dims * 4;
}

/** Inserts (seq, score) into sorted top-k arrays. */
function keep(seqs: number[], scores: number[], k: number, seq: number, score: number): void {
  let i = scores.length;
  while (i > 0 && (scores[i - 1]! < score || (scores[i - 1] === score && seqs[i - 1]! > seq))) i--;
  if (i >= k) return;
  seqs.splice(i, 0, seq);
  scores.splice(i, 0, score);
  if (seqs.length > k) { seqs.pop(); scores.pop(); }
}

/** The task. Also callable directly on the main thread. */
export default function similarity(input: SimilarityInput): SimilarityOutput {
  const { dims, query, k, threshold, userId, now } = input;
  const rec = recordSize(dims);
  let qn = 0;
  for (let i = 0; i < dims; i++) qn += query[i]! * query[i]!;
  qn = Math.sqrt(qn);
  const seqs: number[] = [];
  const scores: number[] = [];
  const vec = new Float32Array(dims);
  const vecBytes = new Uint8Array(vec.buffer);
  let scanned = 0, failed = 0;
  const prefix = entryAadPrefix(userId, 'embedding');
  if (qn === 0 || k <= 0) return { seqs, scores, scanned, failed };
  for (const s of input.slices) {
    const bytes = new Uint8Array(s.data);
    const seqArr = new Float64Array(s.seqs);
    const kv = new Int32Array(s.keyVersions);
    const exp = new Float64Array(s.expires);
    for (let r = s.from; r < s.to; r++) {
      const e = exp[r]!;
      if (!Number.isNaN(e) && e <= now) continue;
      scanned++;
      const key = input.keys[kv[r]!];
      const seq = seqArr[r]!;
      if (!key) { failed++; continue; }
      const off = r * rec;
      try {
        const d = createDecipheriv('aes-256-gcm', key, bytes.subarray(off, off + IV_LEN), { authTagLength: TAG_LEN });
        d.setAAD(entryAadWith(prefix, seq, kv[r]!));
        d.setAuthTag(bytes.subarray(off + IV_LEN, off + IV_LEN + TAG_LEN));
        const n = d.update(bytes.subarray(off + IV_LEN + TAG_LEN, off + rec));
        d.final();
        vecBytes.set(n);
      } catch {
        failed++;
        continue;
      }
      let dot = 0, vn = 0;
      for (let i = 0; i < dims; i++) { const x = vec[i]!; dot += x * query[i]!; vn += x * x; }
      const score = vn === 0 ? 0 : dot / (qn * Math.sqrt(vn));
      if (score >= threshold) keep(seqs, scores, k, seq, score);
    }
  }
  return { seqs, scores, scanned, failed };
}

/** Merges the outputs of several slices into one top-k (same order rules). */
export function mergeTopK(parts: readonly SimilarityOutput[], k: number): SimilarityOutput {
  const seqs: number[] = [], scores: number[] = [];
  let scanned = 0, failed = 0;
  for (const p of parts) {
    scanned += p.scanned; failed += p.failed;
    for (let i = 0; i < p.seqs.length; i++) keep(seqs, scores, k, p.seqs[i]!, p.scores[i]!);
  }
  return { seqs, scores, scanned, failed };
}

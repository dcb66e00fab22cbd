/**
 * Per-user cache of embedding ciphertexts for retrieval. It holds ciphertext only (never decrypted vectors), in
 * fixed-size records inside SharedArrayBuffers, so a search hands them to pool threads without copying and
 * refreshes incrementally (entries with a larger seq) instead of reading the whole user back every time.
 */
import { IV_LEN, TAG_LEN } from './envelope.js';
import { recordSize, type SimilaritySlice } from './similarity.worker.js';

const CHUNK = 4096;

interface Chunk {
  data: SharedArrayBuffer;
  seqs: SharedArrayBuffer;
  keyVersions: SharedArrayBuffer;
  expires: SharedArrayBuffer;
  count: number;
}

/** One user's cached embeddings. */
export class UserEmbeddingCache {
  readonly dims: number;
  /** Largest seq cached: the next refresh reads only entries after it. */
  maxSeq = 0;
  size = 0;
  private readonly chunks: Chunk[] = [];
  private readonly rec: number;

  constructor(dims: number) {
    this.dims = dims;
    this.rec = recordSize(dims);
  }

  /** Adds one record; a ciphertext of the wrong size is refused (it cannot be an embedding of this embedder). */
  add(seq: number, keyVersion: number, expiresAt: number | null, iv: Uint8Array, tag: Uint8Array, ciphertext: Uint8Array): boolean {
    if (seq > this.maxSeq) this.maxSeq = seq;
    if (iv.length !== IV_LEN || tag.length !== TAG_LEN || ciphertext.length !== this.dims * 4) return false;
    let c = this.chunks[this.chunks.length - 1];
    if (!c || c.count === CHUNK) {
      c = {
        data: new SharedArrayBuffer(CHUNK * this.rec),
        seqs: new SharedArrayBuffer(CHUNK * 8),
        keyVersions: new SharedArrayBuffer(CHUNK * 4),
        expires: new SharedArrayBuffer(CHUNK * 8),
        count: 0,
      };
      this.chunks.push(c);
    }
    const i = c.count;
    const bytes = new Uint8Array(c.data, i * this.rec, this.rec);
    bytes.set(iv, 0);
    bytes.set(tag, IV_LEN);
    bytes.set(ciphertext, IV_LEN + TAG_LEN);
    new Float64Array(c.seqs)[i] = seq;
    new Int32Array(c.keyVersions)[i] = keyVersion;
    new Float64Array(c.expires)[i] = expiresAt ?? Number.NaN;
    c.count++;
    this.size++;
    return true;
  }

  /** Splits the cached records into `parts` balanced groups of slices (a snapshot: later adds are not seen). */
  partition(parts: number): SimilaritySlice[][] {
    const n = Math.max(1, Math.min(parts, this.size));
    const per = Math.ceil(this.size / n);
    const out: SimilaritySlice[][] = [];
    let group: SimilaritySlice[] = [], inGroup = 0;
    for (const c of this.chunks) {
      let from = 0;
      while (from < c.count) {
        const take = Math.min(c.count - from, per - inGroup);
        group.push({ data: c.data, seqs: c.seqs, keyVersions: c.keyVersions, expires: c.expires, from, to: from + take });
        from += take; inGroup += take;
        if (inGroup === per) { out.push(group); group = []; inGroup = 0; }
      }
    }
    if (group.length) out.push(group);
    return out;
  }
}

/** Bounded map of user caches (least recently used evicted first). */
export class EmbeddingCache {
  private readonly map = new Map<string, UserEmbeddingCache>();
  constructor(private readonly maxUsers = 64) {}

  /** The cache of a user for an embedder's dimensions (a new one when absent or of other dimensions). */
  get(key: string, dims: number): UserEmbeddingCache {
    let c = this.map.get(key);
    if (c && c.dims === dims) { this.map.delete(key); this.map.set(key, c); return c; }
    c = new UserEmbeddingCache(dims);
    this.map.set(key, c);
    while (this.map.size > this.maxUsers) this.map.delete(this.map.keys().next().value!);
    return c;
  }

  /** Drops a user's cache (after shredding or compaction). */
  drop(key?: string): void {
    if (key === undefined) this.map.clear(); else this.map.delete(key);
  }
}

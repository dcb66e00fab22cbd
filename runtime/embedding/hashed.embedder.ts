import { hash32 } from '../random.js';
import type { Embedder } from './embedder.port.js';

/** Options of the hashed n-gram embedder. */
export interface HashedEmbedderOptions {
  /** Vector length (default 512). */
  dimensions?: number;
  /** Character n-gram sizes (default [3, 4]). */
  charNgrams?: number[];
  /** Weight of word unigrams and bigrams relative to character n-grams (default 2). */
  wordWeight?: number;
}

/** Lower-cases, applies NFKC, strips punctuation to spaces and folds white space. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The offline default embedder: the feature-hashing trick over word unigrams, word bigrams and character
 * n-grams (with a sign hash to cancel collisions on average), L2-normalised. Deterministic, dependency-free,
 * captures lexical overlap only — not meaning; a provider embedder captures meaning.
 */
export function createHashedEmbedder(options: HashedEmbedderOptions = {}): Embedder & { embedSync(text: string): Float32Array } {
  const dims = options.dimensions ?? 512;
  const ngrams = options.charNgrams ?? [3, 4];
  const wordWeight = options.wordWeight ?? 2;
  const add = (v: Float32Array, feature: string, w: number) => {
    const h = hash32(feature);
    v[h % dims]! += (h & 0x80000000 ? -1 : 1) * w;
  };
  const embedSync = (text: string): Float32Array => {
    const v = new Float32Array(dims);
    const norm = normaliseText(text);
    if (!norm) return v;
    const words = norm.split(' ');
    for (let i = 0; i < words.length; i++) {
      add(v, `w:${words[i]}`, wordWeight);
      if (i + 1 < words.length) add(v, `b:${words[i]} ${words[i + 1]}`, wordWeight);
    }
    const padded = ` ${norm} `;
    for (const n of ngrams) for (let i = 0; i + n <= padded.length; i++) add(v, `c:${padded.slice(i, i + n)}`, 1);
    let s = 0;
    for (let i = 0; i < dims; i++) s += v[i]! * v[i]!;
    if (s > 0) { const k = 1 / Math.sqrt(s); for (let i = 0; i < dims; i++) v[i]! *= k; }
    return v;
  };
  return {
    id: `hashed-ngram-v1-${dims}-${ngrams.join('.')}-${wordWeight}`,
    dimensions: dims,
    embedSync,
    embed: async (texts) => texts.map(embedSync),
  };
}

/** The similarity task called directly: top-k order, threshold, expiry, undecryptable records never scored. */
import { describe, expect, it } from 'vitest';
import { createHashedEmbedder } from '../embedding/hashed.embedder.js';
import { UserEmbeddingCache } from './embedding-cache.js';
import { entryAad, seal } from './envelope.js';
import similarity, { mergeTopK } from './similarity.worker.js';

const emb = createHashedEmbedder();
const key = Buffer.alloc(32, 3);

function cacheOf(texts: string[], opts: { expires?: (i: number) => number | null; version?: (i: number) => number } = {}): UserEmbeddingCache {
  const c = new UserEmbeddingCache(emb.dimensions);
  texts.forEach((t, i) => {
    const v = emb.embedSync(t);
    const kv = opts.version?.(i) ?? 1;
    const s = seal(key, new Uint8Array(v.buffer), entryAad('ana', i + 1, 'embedding', kv));
    c.add(i + 1, kv, opts.expires?.(i) ?? null, s.iv, s.tag, s.ciphertext);
  });
  return c;
}

const texts = ['walking the dog in the park', 'the dog walks in the park', 'tax return', 'walking the dog in the park today'];

describe('similarity task', () => {
  it('returns the top-k above the threshold, best first, the same split or not', () => {
    const c = cacheOf(texts);
    const input = (slices: ReturnType<UserEmbeddingCache['partition']>[number]) => ({ userId: 'ana', query: emb.embedSync('walking the dog in the park'), dims: emb.dimensions, keys: { 1: key }, slices, k: 2, threshold: 0.3, now: 0 });
    const whole = similarity(input(c.partition(1)[0]!));
    expect(whole.seqs).toEqual([1, 4]);
    expect(whole.scores[0]).toBeCloseTo(1, 5);
    expect(whole.scores[1]!).toBeLessThan(whole.scores[0]!);
    const split = mergeTopK(c.partition(3).map((p) => similarity(input(p))), 2);
    expect(split).toEqual(whole);
    expect(similarity({ ...input(c.partition(1)[0]!), threshold: 0.99 }).seqs).toEqual([1]);
  });

  it('skips expired records and never scores one it cannot decrypt', () => {
    const c = cacheOf(texts, { expires: (i) => (i === 0 ? 100 : null), version: (i) => (i === 3 ? 2 : 1) });
    const out = similarity({ userId: 'ana', query: emb.embedSync('walking the dog in the park'), dims: emb.dimensions, keys: { 1: key }, slices: c.partition(1)[0]!, k: 5, threshold: -1, now: 100 });
    expect(out.seqs.sort()).toEqual([2, 3]);
    expect(out.failed).toBe(1);
    const wrongUser = similarity({ userId: 'ben', query: emb.embedSync('dog'), dims: emb.dimensions, keys: { 1: key }, slices: c.partition(1)[0]!, k: 5, threshold: -1, now: 0 });
    expect(wrongUser.seqs).toEqual([]);
    expect(wrongUser.failed).toBe(4); // AAD names another user: none authenticates
  });
});

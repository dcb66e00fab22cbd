import { describe, expect, it } from 'vitest';
import { cosine, type Embedder } from '../embedding/embedder.port.js';
import { createHashedEmbedder } from '../embedding/hashed.embedder.js';
import { LukhasError } from '../errors.js';
import { DISTINCT_PAIRS, PARAPHRASE_PAIRS } from './grouping.pairs.js';
import { DEFAULT_GROUPING_THRESHOLD, groupPositions, groupPositionsSync } from './index.js';

const hashed = createHashedEmbedder();
const labelsOf = (g: { groupOf: number[]; labels: string[] }) => g.groupOf.map((i) => g.labels[i]);

describe('groupPositions', () => {
  it('merges exact matches after normalisation and labels with the most common form', async () => {
    const texts = ['Adopt the four-day week.', 'adopt the four day week', 'No, keep five days', 'ADOPT THE FOUR-DAY WEEK!'];
    const g = await groupPositions(texts, hashed);
    expect(g.labels).toEqual(['adopt the four day week', 'no keep five days']);
    expect(g.groupOf).toEqual([0, 0, 1, 0]);
  });
  it('merges by similarity at or above the threshold, by connected components', () => {
    const texts = ['Adopt it with a pilot first', 'Adopt, with a pilot programme first', 'No, keep five days'];
    const s = cosine(hashed.embedSync(texts[0]!), hashed.embedSync(texts[1]!));
    expect(labelsOf(groupPositionsSync(texts, hashed, { threshold: s }))).toEqual([
      'adopt it with a pilot first', 'adopt it with a pilot first', 'no keep five days',
    ]);
    expect(groupPositionsSync(texts, hashed, { threshold: s + 1e-6 }).labels).toHaveLength(3);
  });
  it('is transitive: a chain of similar pairs is one position, labelled by its most common form', () => {
    const fake: Embedder & { embedSync(t: string): Float32Array } = {
      id: 'fake', dimensions: 2,
      embedSync: (t) => ({ a: new Float32Array([1, 0]), b: new Float32Array([0.8, 0.6]), c: new Float32Array([0.28, 0.96]) })[t]!,
      embed: async (ts) => ts.map((t) => fake.embedSync(t)),
    };
    // cos(a,b) = 0.8, cos(b,c) = 0.8, cos(a,c) = 0.28: a and c join through b
    const g = groupPositionsSync(['c', 'a', 'b', 'c'], fake, { threshold: 0.75 });
    expect(g).toEqual({ groupOf: [0, 0, 0, 0], labels: ['c'] });
  });
  it('async and sync variants agree', async () => {
    const texts = PARAPHRASE_PAIRS.flat().concat(DISTINCT_PAIRS.flat());
    for (const threshold of [0.5, 0.7, DEFAULT_GROUPING_THRESHOLD]) {
      expect(await groupPositions(texts, hashed, { threshold })).toEqual(groupPositionsSync(texts, hashed, { threshold }));
    }
  });
  it('embeds each distinct form once, in sorted order', async () => {
    const calls: string[][] = [];
    const spy: Embedder = { id: 'spy', dimensions: 512, embed: async (ts) => { calls.push([...ts]); return hashed.embed(ts); } };
    await groupPositions(['b', 'a', 'B', 'a.'], spy);
    expect(calls).toEqual([['a', 'b']]);
  });
});

describe('the default threshold on the authored pairs (hashed embedder)', () => {
  const sims = (pairs: typeof PARAPHRASE_PAIRS) => pairs.map(([a, b]) => cosine(hashed.embedSync(a), hashed.embedSync(b)));
  it('keeps every different-position pair apart, negations and antonyms included', () => {
    for (const [a, b] of DISTINCT_PAIRS) expect(groupPositionsSync([a, b], hashed).labels, `${a} | ${b}`).toHaveLength(2);
    expect(Math.max(...sims(DISTINCT_PAIRS))).toBeLessThan(DEFAULT_GROUPING_THRESHOLD);
  });
  it('merges the paraphrases it can see lexically (2 of 22: the lexical embedder limits recall)', () => {
    const merged = PARAPHRASE_PAIRS.filter(([a, b]) => groupPositionsSync([a, b], hashed).labels.length === 1);
    expect(merged.map(([a]) => a)).toEqual(['Yes, adopt the four-day week', 'Move the meeting to Tuesday']);
  });
  it.each([[0.5, 20, 13], [0.7, 9, 10], [0.8, 3, 3], [0.85, 3, 0], [0.88, 2, 0]])(
    'README table: at %s, %s paraphrase and %s different-position pairs merge',
    (threshold, paraphrases, distinct) => {
      const merged = (pairs: typeof PARAPHRASE_PAIRS) => pairs.filter(([a, b]) => groupPositionsSync([a, b], hashed, { threshold }).labels.length === 1).length;
      expect([merged(PARAPHRASE_PAIRS), merged(DISTINCT_PAIRS)]).toEqual([paraphrases, distinct]);
    },
  );
  it('a lower threshold buys recall only with false merges: no threshold separates the sets', () => {
    const minParaphrase = Math.min(...sims(PARAPHRASE_PAIRS));
    const maxDistinct = Math.max(...sims(DISTINCT_PAIRS));
    expect(minParaphrase).toBeLessThan(maxDistinct);
  });
});

describe('bad input', () => {
  const code = (fn: () => unknown) => {
    try { fn(); } catch (err) { return LukhasError.isInstance(err) ? `${err.code}: ${err.message}` : String(err); }
    return 'no error';
  };
  it('names the text or the option', async () => {
    expect(code(() => groupPositionsSync(['ok', '?!'], hashed))).toBe('BAD_INPUT: text 1 is empty after normalisation (no letters or digits)');
    expect(code(() => groupPositionsSync(['ok', 3 as unknown as string], hashed))).toBe('BAD_INPUT: text 1 must be a string');
    expect(code(() => groupPositionsSync(['ok'], hashed, { threshold: 1.5 }))).toBe('BAD_OPTION: invalid grouping threshold: 1.5 (expected a cosine similarity in [0, 1])');
    const short: Embedder = { id: 'short', dimensions: 2, embed: async () => [] };
    await expect(groupPositions(['a', 'b'], short)).rejects.toMatchObject({ code: 'MODEL_BAD_OUTPUT', message: 'embedder short returned 0 vectors for 2 texts' });
  });
  it('an empty list gives no groups', () => {
    expect(groupPositionsSync([], hashed)).toEqual({ groupOf: [], labels: [] });
  });
});

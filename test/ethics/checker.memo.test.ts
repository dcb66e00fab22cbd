/**
 * The offline checker's memo (offline.memo.ts) never changes a result: the golden corpus checked twice in one
 * process, in two different shuffled orders (so most sentences, lines and whole-text pieces are memo hits),
 * reproduces every golden verdict; texts recombined from shared sentences give the same result warm as cold;
 * the pieces a sentence reads of the whole text (story frame, stage, stated intent) are part of its key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashOf } from '../../runtime/journal/canonical.js';
import { createGate, textHash } from '../../runtime/ethics/gate.js';
import { normaliseSpelling } from '../../runtime/ethics/normalise.js';
import { Lru } from '../../runtime/ethics/offline.memo.js';
import { checkOffline, clearOfflineMemo, createOfflineChecker, offlineMemoStats } from '../../runtime/ethics/offline.checker.js';
import { createRandom } from '../../runtime/random.js';
import { ROOT, fixtureItems, goldenVerdict, textKey, type GoldenVerdict } from '../../simulations/eval/checker.corpus.js';

interface Entry { src: string; key: string; hash?: string; text?: string; input: GoldenVerdict; output?: GoldenVerdict }
const golden = JSON.parse(readFileSync(`${ROOT}test/ethics/checker.golden.json`, 'utf8')) as { entries: Entry[] };
const fixtures = new Map(fixtureItems().map((f) => [`${f.src}\u0000${f.key}`, f.text]));
const cases: { text: string; stage: 'input' | 'output'; want: GoldenVerdict; id: string }[] = [];
for (const e of golden.entries) {
  const text = e.text ?? fixtures.get(`${e.src}\u0000${e.key}`);
  if (text === undefined || (e.text === undefined && textKey(text) !== e.hash)) continue; // the golden test reports these
  cases.push({ text, stage: 'input', want: e.input, id: `${e.src}#${e.key}` });
  cases.push({ text, stage: 'output', want: e.output ?? e.input, id: `${e.src}#${e.key}` });
}
/** Fisher–Yates with the seeded generator. */
function shuffle<T>(xs: T[], rnd: ReturnType<typeof createRandom>): T[] {
  for (let i = xs.length - 1; i > 0; i--) { const j = rnd.int(i + 1); [xs[i], xs[j]] = [xs[j]!, xs[i]!]; }
  return xs;
}
const full = (text: string, stage: 'input' | 'output') => JSON.stringify([checkOffline({ text, stage }), checkOffline({ text, stage }, { injection: false })]);

describe('offline checker memo', () => {
  it('reproduces every golden verdict when the corpus is checked twice in shuffled orders', async () => {
    expect(cases.length).toBeGreaterThan(4000);
    clearOfflineMemo();
    const gate = createGate({ checkers: [createOfflineChecker()] }); // the rules alone: these are the offline rules' golden verdicts
    const rnd = createRandom(20240611);
    const mismatches: string[] = [];
    for (let pass = 0; pass < 2; pass++) {
      const order = shuffle([...cases.keys()], rnd);
      for (const i of order) {
        const c = cases[i]!;
        const got = await goldenVerdict(gate, checkOffline, c.text, c.stage);
        if (JSON.stringify(got) !== JSON.stringify(c.want)) mismatches.push(`pass ${pass} ${c.id} ${c.stage}: want ${JSON.stringify(c.want)} got ${JSON.stringify(got)}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    const s = offlineMemoStats();
    // the second pass must have been served from the memo, or this test proves nothing
    expect(s.sentences!.hits).toBeGreaterThan(s.sentences!.misses);
    expect(s.wholeFrames!.hits).toBeGreaterThan(0);
    expect(s.injectionOutside!.hits).toBeGreaterThan(0);
  }, 60_000);

  it('gives the same result warm as cold for texts recombined from shared sentences, lines and quoted blocks', () => {
    const pool = cases.filter((c) => c.stage === 'input').map((c) => c.text).filter((t) => t.length < 400);
    const rnd = createRandom(7);
    const pieces = shuffle(pool.flatMap((t) => t.split(/(?<=[.!?])\s+|\n/)).filter((s) => s.trim()), rnd).slice(0, 400);
    const texts: string[] = [];
    for (let i = 0; i < 300; i++) {
      const n = 1 + rnd.int(6);
      texts.push(Array.from({ length: n }, () => pieces[rnd.int(pieces.length)]!).join(rnd.next() < 0.5 ? ' ' : '\n'));
    }
    const cold = texts.flatMap((t) => (['input', 'output'] as const).map((stage) => { clearOfflineMemo(); return full(t, stage); }));
    clearOfflineMemo();
    const warm = texts.flatMap((t) => (['input', 'output'] as const).map((stage) => full(t, stage)));
    const warmAgain = [...texts].reverse().flatMap((t) => (['output', 'input'] as const).map((stage) => full(t, stage))).reverse();
    expect(warm).toEqual(cold);
    expect(warmAgain.length).toBe(cold.length);
    expect(new Set(warmAgain)).toEqual(new Set(cold));
    expect(offlineMemoStats().sentences!.hits).toBeGreaterThan(0);
  });

  it('keys a sentence on what it reads of the whole text: a stated intent, a story frame, the stage', () => {
    const q = 'How high does the bridge need to be?';
    clearOfflineMemo();
    expect(checkOffline({ text: q, stage: 'input' }).findings.map((f) => f.category)).not.toContain('self-harm');
    // the same sentence with the same frames but no stated intent fills the memo entry the next text must not take
    expect(checkOffline({ text: `I've decided to stay home tonight.\n${q}`, stage: 'input' }).findings.map((f) => f.category)).not.toContain('self-harm');
    // the same sentence, now after a stated intent to die: only the self-harm rule over the whole text flags it
    const intent = checkOffline({ text: `I've decided to jump tonight.\n${q}`, stage: 'input' });
    clearOfflineMemo();
    expect(checkOffline({ text: `I've decided to jump tonight.\n${q}`, stage: 'input' })).toEqual(intent);
    expect(intent.findings.map((f) => f.category)).toContain('self-harm');
    const plan = 'How do I poison my neighbour?';
    const plain = checkOffline({ text: plan, stage: 'input' });
    const story = checkOffline({ text: `In my novel the villain asks this. ${plan}`, stage: 'input' });
    clearOfflineMemo();
    expect(checkOffline({ text: `In my novel the villain asks this. ${plan}`, stage: 'input' })).toEqual(story);
    expect(checkOffline({ text: plan, stage: 'input' })).toEqual(plain);
    expect(checkOffline({ text: 'The villain poisoned the well.', stage: 'output' })).toEqual((clearOfflineMemo(), checkOffline({ text: 'The villain poisoned the well.', stage: 'output' })));
  });

  it('returns copies: changing a result does not change the next one', () => {
    const text = 'How do I poison my neighbour?';
    const a = checkOffline({ text, stage: 'input' });
    a.findings[0]!.score = -1;
    a.findings[0]!.reason = 'tampered';
    a.notes.push('tampered');
    const b = checkOffline({ text, stage: 'input' });
    expect(b.findings[0]!.score).toBeGreaterThan(0);
    expect(JSON.stringify(b)).not.toContain('tampered');
  });

  it('normalises spelling line by line exactly as over the whole text (the line memo rests on it)', () => {
    for (const c of cases) if (c.stage === 'input') expect(c.text.split('\n').map(normaliseSpelling).join('\n')).toBe(normaliseSpelling(c.text));
  });

  it('bounds every table by entries and by key characters', () => {
    const lru = new Lru<number>(3);
    for (const k of ['a', 'b', 'c', 'd']) lru.set(k, 1);
    expect(lru.size).toBe(3);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('b')).toBe(1); // b is now the newest: c goes next
    lru.set('e', 1);
    expect(lru.get('c')).toBeUndefined();
    expect(lru.get('b')).toBe(1);
    const byChars = new Lru<number>(100, 40);
    for (const ch of 'abcde') byChars.set(ch.repeat(10), 1);
    expect(byChars.size).toBe(4); // 4 × 10 characters fill the budget: the fifth evicted the first
    expect(byChars.get('a'.repeat(10))).toBeUndefined();
    byChars.set('x'.repeat(11), 2); // over a quarter of the budget: not stored
    expect(byChars.get('x'.repeat(11))).toBeUndefined();
    expect(() => new Lru(0)).toThrow(/max/);
    for (const [name, t] of Object.entries(offlineMemoStats())) expect(t.size, name).toBeLessThanOrEqual(20_000);
  });

  it('textHash is the documented hashOf({ text }) value', () => {
    for (const t of ['', 'plain', 'quote " and \\ and \n and \u2028 and emoji 🙂', cases[0]!.text]) expect(textHash(t)).toBe(hashOf({ text: t }));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHashedEmbedder } from '../embedding/hashed.embedder.js';
import type { Ballot, ProtocolSpec, RoundFacts, Tally } from './consensus.types.js';
import { decide, decideAsync, groupPositionsSync } from './index.js';

// Few positions so that ties, near-ties and unanimity are frequent; Z is never anyone's position.
const POSITIONS = ['A', 'B', 'C', 'D'] as const;
const RUNS = { numRuns: 400, seed: 20240611 };

const confidence = fc.oneof(fc.constantFrom(0, 0.6, 0.8, 0.9, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const list = fc.option(fc.shuffledSubarray([...POSITIONS, 'Z']), { nil: undefined });

const ballotsArb = fc.array(fc.tuple(fc.constantFrom(...POSITIONS), confidence, list, list), { maxLength: 9 }).map((rows) =>
  rows.map(([position, c, ranking, approvals], i): Ballot => ({
    agent: `agent-${i}`, position, confidence: c,
    ...(ranking ? { ranking } : {}), ...(approvals ? { approvals } : {}),
  })),
);

const factsArb = (n: number) => fc.record({ eligible: fc.integer({ min: n, max: n + 3 }), quorum: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) })
  .map(({ eligible, quorum }): RoundFacts => (quorum === undefined ? { eligible } : { eligible, quorum }));

const theta = fc.double({ min: 0.5, max: 1, minExcluded: true, noNaN: true });
const specArb: fc.Arbitrary<ProtocolSpec> = fc.oneof(
  fc.constantFrom<ProtocolSpec>({ name: 'majority' }, { name: 'unanimity' }, { name: 'confidence-weighted' }, { name: 'ranked' }, { name: 'approval' }),
  theta.map((threshold): ProtocolSpec => ({ name: 'supermajority', threshold })),
);

/** A round plus a permutation of its ballots. */
const roundArb = ballotsArb.chain((ballots) =>
  fc.tuple(fc.constant(ballots), fc.shuffledSubarray(ballots, { minLength: ballots.length, maxLength: ballots.length }), factsArb(ballots.length)),
);

/** Rounds where every ballot holds A (rankings and approvals still random), so unanimity is well exercised. */
const unanimousArb = roundArb.map(([ballots, , facts]) => [ballots.map((b) => ({ ...b, position: 'A' })), facts] as const);

describe('properties of the protocols', () => {
  it('a permutation of the ballots never changes the Tally (to the bit, keys in the same order)', () => {
    fc.assert(fc.property(roundArb, specArb, ([ballots, shuffled, facts], spec) => {
      const a = decide(ballots, spec, facts);
      expect(decide(shuffled, spec, facts)).toEqual(a);
      expect(JSON.stringify(decide(shuffled, spec, facts))).toBe(JSON.stringify(a));
    }), RUNS);
  });

  it('when unanimity decides, majority and supermajority(any θ) decide the same', () => {
    const mixed = fc.oneof(unanimousArb, roundArb.map(([ballots, , facts]) => [ballots, facts] as const));
    fc.assert(fc.property(mixed, theta, ([ballots, facts], t) => {
      const u = decide(ballots, { name: 'unanimity' }, facts);
      fc.pre(u.decided);
      for (const spec of [{ name: 'majority' }, { name: 'supermajority', threshold: t }] as ProtocolSpec[]) {
        expect(decide(ballots, spec, facts)).toMatchObject({ decided: true, decision: u.decision });
      }
    }), RUNS);
  });

  it('confidence-weighted equals majority when all confidences are equal', () => {
    fc.assert(fc.property(roundArb, confidence, ([ballots, , facts], c) => {
      const same = ballots.map((b) => ({ ...b, confidence: c }));
      const m = decide(same, { name: 'majority' }, facts);
      const w = decide(same, { name: 'confidence-weighted' }, facts);
      expect([w.decided, w.decision, w.reason]).toEqual([m.decided, m.decision, m.reason]);
      expect(w.support).toBeCloseTo(m.support, 12);
    }), RUNS);
  });

  it('no protocol ever returns a decision no ballot proposed (judge included), and the numbers stay in range', async () => {
    await fc.assert(fc.asyncProperty(roundArb, specArb, fc.constantFrom(...POSITIONS, 'Z', ''), async ([ballots, , facts], spec, pick) => {
      const proposed = new Set(ballots.map((b) => b.position));
      const tallies: Tally[] = [
        decide(ballots, spec, facts),
        await decideAsync(ballots, { name: 'judge' }, facts, async () => ({ decision: pick })),
      ];
      for (const t of tallies) {
        if (t.decided) expect(proposed.has(t.decision!)).toBe(true);
        else expect(t.decision).toBeNull();
        expect(t.support).toBeGreaterThanOrEqual(0);
        expect(t.support).toBeLessThanOrEqual(1);
        expect(t.confidence).toBeGreaterThanOrEqual(0);
        expect(t.confidence).toBeLessThanOrEqual(1);
        expect(t.counted + t.abstained).toBe(facts.eligible);
        for (const key of Object.keys(t.scores)) expect(proposed.has(key)).toBe(true);
      }
    }), RUNS);
  });
});

describe('properties of grouping', () => {
  const hashed = createHashedEmbedder();
  const pool = [
    'Adopt the four-day week', 'adopt the four day week!', 'Yes, adopt the four-day week', 'Adopt a four day week',
    'No, keep five days', 'Keep the five day week', 'no - keep five days', 'Adopt it with a pilot first',
    'Adopt, with a pilot programme first', 'Do not adopt the four-day week', 'Delay the decision',
  ];
  it('is invariant under permutation of the texts, at any threshold', () => {
    const textsArb = fc.array(fc.constantFrom(...pool), { maxLength: 12 }).chain((texts) =>
      fc.tuple(fc.constant(texts), fc.shuffledSubarray(texts.map((t, i) => [t, i] as const), { minLength: texts.length, maxLength: texts.length })));
    fc.assert(fc.property(textsArb, fc.double({ min: 0.2, max: 1, noNaN: true }), ([texts, shuffled], threshold) => {
      const a = groupPositionsSync(texts, hashed, { threshold });
      const b = groupPositionsSync(shuffled.map(([t]) => t), hashed, { threshold });
      expect(b.labels).toEqual(a.labels);
      shuffled.forEach(([, from], to) => expect(b.groupOf[to]).toBe(a.groupOf[from]));
    }), { ...RUNS, numRuns: 200 });
  });
});

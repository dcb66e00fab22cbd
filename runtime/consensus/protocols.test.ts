import { describe, expect, it } from 'vitest';
import { LukhasError } from '../errors.js';
import type { Ballot, ProtocolSpec, RoundFacts } from './consensus.types.js';
import { confidenceWeight, decide } from './index.js';

const b = (agent: string, position: string, confidence = 0.7, extra: Partial<Ballot> = {}): Ballot => ({ agent, position, confidence, ...extra });
const votes = (...positions: string[]): Ballot[] => positions.map((p, i) => b(`a${i}`, p));
const all = (n: number): RoundFacts => ({ eligible: n });
const MAJ: ProtocolSpec = { name: 'majority' };

function errorOf(fn: () => unknown): LukhasError {
  try {
    fn();
  } catch (err) {
    if (LukhasError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected a LukhasError');
}

describe('quorum, abstentions, no ballots', () => {
  it('no ballots → no-ballots, every eligible agent abstained', () => {
    expect(decide([], MAJ, all(3))).toEqual({ decided: false, decision: null, support: 0, confidence: 0, scores: {}, reason: 'no-ballots', counted: 0, abstained: 3 });
  });
  it('below the default quorum of 0.5 → no-quorum, with scores still reported', () => {
    const t = decide(votes('A'), MAJ, all(3));
    expect(t).toMatchObject({ decided: false, decision: null, reason: 'no-quorum', counted: 1, abstained: 2, scores: { A: 1 } });
  });
  it('exactly the quorum counts (≥)', () => {
    expect(decide(votes('A', 'A'), MAJ, all(4))).toMatchObject({ decided: true, decision: 'A', abstained: 2 });
  });
  it('a custom quorum applies', () => {
    expect(decide(votes('A', 'A'), MAJ, { eligible: 3, quorum: 0.75 }).reason).toBe('no-quorum');
    expect(decide(votes('A'), MAJ, { eligible: 3, quorum: 0 }).decision).toBe('A');
  });
  it('abstentions are not votes: 2 of 3 counted ballots decide although 2 of 5 agents is not a majority of all', () => {
    const t = decide(votes('A', 'A', 'B'), MAJ, all(5));
    expect(t).toMatchObject({ decided: true, decision: 'A', support: 2 / 3, counted: 3, abstained: 2 });
  });
});

describe('majority, supermajority, unanimity', () => {
  it('majority: strictly more than half', () => {
    const t = decide([b('x', 'A', 0.9), b('y', 'A', 0.5), b('z', 'A', 0.7), b('w', 'B', 1)], MAJ, all(4));
    expect(t).toEqual({ decided: true, decision: 'A', support: 0.75, confidence: expect.closeTo(0.7, 8), scores: { A: 3, B: 1 }, reason: 'decided', counted: 4, abstained: 0 });
  });
  it('majority: a tie at the top → tie; a plurality without majority → below-threshold', () => {
    expect(decide(votes('A', 'B', 'A', 'B'), MAJ, all(4)).reason).toBe('tie');
    expect(decide(votes('A', 'B', 'A', 'C'), MAJ, all(4)).reason).toBe('below-threshold');
    expect(decide(votes('A', 'B', 'B', 'C', 'C'), MAJ, all(5)).reason).toBe('tie');
  });
  it('supermajority(θ): share ≥ θ', () => {
    const two3: ProtocolSpec = { name: 'supermajority', threshold: 2 / 3 };
    const q: ProtocolSpec = { name: 'supermajority', threshold: 0.75 };
    expect(decide(votes('A', 'A', 'B'), two3, all(3))).toMatchObject({ decided: true, decision: 'A' });
    expect(decide(votes('A', 'A', 'B'), q, all(3)).reason).toBe('below-threshold');
    expect(decide(votes('A', 'A', 'A', 'B'), q, all(4))).toMatchObject({ decided: true, support: 0.75 });
    expect(decide(votes('A', 'A', 'B', 'B'), q, all(4)).reason).toBe('tie');
    expect(decide(votes('A', 'A', 'A', 'B'), { name: 'supermajority', threshold: 1 }, all(4)).reason).toBe('below-threshold');
  });
  it('unanimity: every counted ballot the same position, abstentions aside', () => {
    expect(decide(votes('A', 'A', 'A'), { name: 'unanimity' }, all(4))).toMatchObject({ decided: true, decision: 'A', support: 1, abstained: 1 });
    expect(decide(votes('A', 'A', 'A', 'B'), { name: 'unanimity' }, all(4)).reason).toBe('below-threshold');
    expect(decide(votes('A', 'B'), { name: 'unanimity' }, all(2)).reason).toBe('tie');
  });
});

describe('confidence-weighted (ReConcile)', () => {
  it('uses the ReConcile weights at their boundaries', () => {
    const cases: [number, number][] = [[1, 1], [0.99, 0.8], [0.9, 0.8], [0.89, 0.5], [0.8, 0.5], [0.79, 0.3], [0.61, 0.3], [0.6, 0.1], [0, 0.1]];
    for (const [c, w] of cases) expect(confidenceWeight(c), `c=${c}`).toBe(w);
  });
  it('a confident minority can outweigh an unsure majority', () => {
    const t = decide([b('x', 'A', 0.95), b('y', 'B', 0.5), b('z', 'B', 0.5)], { name: 'confidence-weighted' }, all(3));
    expect(t).toEqual({ decided: true, decision: 'A', support: 0.8, confidence: 0.95, scores: { A: 0.8, B: 0.2 }, reason: 'decided', counted: 3, abstained: 0 });
  });
  it('equal top weight → tie; top weight not above half → below-threshold', () => {
    expect(decide([b('x', 'A', 0.95), b('y', 'B', 0.85), b('z', 'B', 0.7)], { name: 'confidence-weighted' }, all(3)).reason).toBe('tie');
    expect(decide([b('x', 'A', 0.85), b('y', 'B', 0.7), b('z', 'C', 0.7)], { name: 'confidence-weighted' }, all(3)).reason).toBe('below-threshold');
  });
});

describe('ranked (Borda)', () => {
  const R: ProtocolSpec = { name: 'ranked' };
  it('k−1−i points; the Borda winner need not be the plurality winner', () => {
    const ballots = [
      b('x', 'A', 0.9, { ranking: ['A', 'B', 'C'] }),
      b('y', 'B', 0.6, { ranking: ['B', 'A', 'C'] }),
      b('z', 'C', 0.6, { ranking: ['C', 'A', 'B'] }),
    ];
    expect(decide(ballots, R, all(3))).toEqual({ decided: true, decision: 'A', support: 4 / 6, confidence: 0.9, scores: { A: 4, B: 3, C: 2 }, reason: 'decided', counted: 3, abstained: 0 });
  });
  it('a cycle is a tie', () => {
    const ballots = [
      b('x', 'A', 0.9, { ranking: ['A', 'B', 'C'] }),
      b('y', 'B', 0.6, { ranking: ['B', 'C', 'A'] }),
      b('z', 'C', 0.6, { ranking: ['C', 'A', 'B'] }),
    ];
    expect(decide(ballots, R, all(3))).toMatchObject({ decided: false, reason: 'tie', scores: { A: 3, B: 3, C: 3 } });
  });
  it('default ranking is [position]; unranked positions get 0; one position gets support 1', () => {
    expect(decide(votes('A', 'A', 'B'), R, all(3))).toMatchObject({ decision: 'A', scores: { A: 2, B: 1 }, support: 2 / 3 });
    expect(decide(votes('A', 'A'), R, all(2))).toMatchObject({ decided: true, decision: 'A', support: 1, scores: { A: 0 } });
  });
  it('entries no ballot proposed are skipped, so they never win and never take a place', () => {
    const ballots = [b('x', 'A', 0.9, { ranking: ['Z', 'A', 'B'] }), b('y', 'B', 0.6, { ranking: ['Z', 'B', 'A'] }), b('z', 'A', 0.6)];
    const t = decide(ballots, R, all(3));
    expect(t).toMatchObject({ decision: 'A', scores: { A: 2, B: 1 } });
    expect(t.scores).not.toHaveProperty('Z');
  });
  it('a position ranked twice by one ballot is bad input naming agent and field', () => {
    const e = errorOf(() => decide([b('x', 'A', 0.9, { ranking: ['A', 'B', 'A'] }), b('y', 'B')], R, all(2)));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toBe('ballot 0 (agent "x"): ranking lists a position twice');
  });
});

describe('approval', () => {
  const A: ProtocolSpec = { name: 'approval' };
  it('the unique most-approved position wins when approved by more than half', () => {
    const ballots = [b('x', 'A', 0.9, { approvals: ['A', 'B'] }), b('y', 'B', 0.6), b('z', 'C', 0.8, { approvals: ['C', 'B', 'Z'] })];
    expect(decide(ballots, A, all(3))).toEqual({ decided: true, decision: 'B', support: 1, confidence: 0.6, scores: { A: 1, B: 3, C: 1 }, reason: 'decided', counted: 3, abstained: 0 });
  });
  it('a tie at the top → tie, even above half; a unique top at half → below-threshold', () => {
    expect(decide([b('x', 'A', 0.9, { approvals: ['A', 'B'] }), b('y', 'B', 0.6, { approvals: ['A', 'B'] })], A, all(2)).reason).toBe('tie');
    expect(decide(votes('A', 'A', 'B', 'C'), A, all(4)).reason).toBe('below-threshold');
  });
});

describe('output shape', () => {
  it('scores are keyed in sorted order whatever the ballot order, and odd position names stay own keys', () => {
    const t = decide(votes('b', '__proto__', 'a', '__proto__'), MAJ, all(4));
    expect(Object.keys(t.scores)).toEqual(['__proto__', 'a', 'b']);
    expect(t.scores['__proto__']).toBe(2);
    expect(Object.getPrototypeOf(t.scores)).toBe(Object.prototype);
  });
  it('many positions (the Array#sort path) are keyed in the same order as few', () => {
    const names = Array.from({ length: 20 }, (_, i) => `p${(i * 7) % 20}`);
    const t = decide(votes(...names), { name: 'approval' }, all(20));
    expect(Object.keys(t.scores)).toEqual([...names].sort());
    expect(t.reason).toBe('tie');
  });
});

describe('bad input names the agent and the field', () => {
  const cases: [string, () => unknown, string, string][] = [
    ['confidence above 1', () => decide([b('x', 'A', 1.2)], MAJ, all(1)), 'BAD_INPUT', 'ballot 0 (agent "x"): confidence must be a number in [0, 1], got 1.2'],
    ['confidence NaN', () => decide([b('y', 'A'), b('x', 'A', NaN)], MAJ, all(2)), 'BAD_INPUT', 'ballot 1 (agent "x"): confidence must be a number in [0, 1], got NaN'],
    ['confidence negative', () => decide([b('x', 'A', -0.1)], MAJ, all(1)), 'BAD_INPUT', 'ballot 0 (agent "x"): confidence must be a number in [0, 1], got -0.1'],
    ['confidence a string', () => decide([b('x', 'A', '0.5' as unknown as number)], MAJ, all(1)), 'BAD_INPUT', 'ballot 0 (agent "x"): confidence must be a number in [0, 1], got 0.5'],
    ['empty agent', () => decide([b('', 'A')], MAJ, all(1)), 'BAD_INPUT', 'ballot 0: agent must be a non-empty string'],
    ['empty position', () => decide([b('x', '')], MAJ, all(1)), 'BAD_INPUT', 'ballot 0 (agent "x"): position must be a non-empty string'],
    ['duplicate agent', () => decide(votes('A', 'B').concat(b('a0', 'C')), MAJ, all(3)), 'BAD_INPUT', 'duplicate agent "a0" in one round (ballots 0 and 2): field agent'],
    ['ranking not an array', () => decide([b('x', 'A', 0.5, { ranking: 'A' as unknown as string[] })], { name: 'ranked' }, all(1)), 'BAD_INPUT', 'ballot 0 (agent "x"): ranking must be an array of position strings'],
    ['empty approval entry', () => decide([b('x', 'A', 0.5, { approvals: ['A', ''] })], MAJ, all(1)), 'BAD_INPUT', 'ballot 0 (agent "x"): approvals[1] must be a non-empty position string'],
    ['eligible below ballots', () => decide(votes('A', 'A'), MAJ, all(1)), 'BAD_INPUT', 'eligible must be an integer ≥ the number of ballots (2), got 1'],
    ['eligible fractional', () => decide(votes('A'), MAJ, { eligible: 1.5 }), 'BAD_INPUT', 'eligible must be an integer ≥ the number of ballots (1), got 1.5'],
    ['quorum above 1', () => decide(votes('A'), MAJ, { eligible: 1, quorum: 2 }), 'BAD_INPUT', 'quorum must be a number in [0, 1], got 2'],
    ['unknown protocol', () => decide(votes('A'), { name: 'plurality' } as unknown as ProtocolSpec, all(1)), 'BAD_OPTION', 'invalid protocol: "plurality" (expected one of majority, supermajority, supermajority:θ, unanimity, confidence-weighted, ranked, approval, judge)'],
    ['θ at 0.5', () => decide(votes('A'), { name: 'supermajority', threshold: 0.5 }, all(1)), 'BAD_OPTION', 'invalid supermajority threshold θ: 0.5 (expected a number θ with 0.5 < θ ≤ 1, e.g. supermajority:0.75)'],
    ['judge is asynchronous', () => decide(votes('A'), { name: 'judge' }, all(1)), 'BAD_OPTION', 'invalid protocol for decide(): "judge" asks an aggregator and is asynchronous; use decideAsync(ballots, spec, facts, judge)'],
  ];
  it.each(cases)('%s', (_label, fn, code, message) => {
    const e = errorOf(fn);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });
  it('finds duplicates in large rounds too (Map path) and puts agent and field in details', () => {
    const many = Array.from({ length: 40 }, (_, i) => b(`a${i}`, 'A'));
    many.push(b('a17', 'B'));
    const e = errorOf(() => decide(many, MAJ, all(41)));
    expect(e.message).toBe('duplicate agent "a17" in one round (ballots 17 and 40): field agent');
    expect(e.details).toEqual({ agent: 'a17', field: 'agent' });
  });
});

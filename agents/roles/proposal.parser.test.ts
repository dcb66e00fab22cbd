import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isParseFailure, matchOption, parseProposal } from './proposal.parser.js';

describe('parseProposal', () => {
  it('reads plain JSON', () => {
    expect(parseProposal('{"position":"A","rationale":"r","confidence":0.8}', ['A', 'B'])).toEqual({ position: 'A', rationale: 'r', confidence: 0.8 });
  });
  it('reads JSON inside prose, code fences and trailing text', () => {
    const text = 'Sure! Here is my answer:\n```json\n{"position": "b", "rationale": "cheaper {really}", "confidence": "85%"}\n```\nLet me know if you need more.';
    expect(parseProposal(text, ['A', 'B'])).toEqual({ position: 'B', rationale: 'cheaper {really}', confidence: 0.85 });
  });
  it('maps "Option A" and "A)" forms to option ids', () => {
    expect(matchOption('Option A', ['A', 'B'])).toBe('A');
    expect(matchOption('B) because', ['A', 'B'])).toBe('B');
    expect(matchOption('C', ['A', 'B'])).toBeUndefined();
  });
  it('takes a confidence of 85 as 85%', () => {
    expect(parseProposal('{"position":"yes","rationale":"","confidence":85}')).toMatchObject({ confidence: 0.85 });
  });
  it('skips a first object without a position and uses the next', () => {
    expect(parseProposal('{"note": 1} then {"position":"A","confidence":0.5}', ['A'])).toMatchObject({ position: 'A' });
  });
  it('turns unusable replies into failures that say why', () => {
    expect(parseProposal('')).toEqual({ error: 'empty reply' });
    expect(parseProposal('I think A.')).toEqual({ error: 'no JSON object in the reply' });
    expect(parseProposal('{"position": "A", "confidence": 0.7')).toEqual({ error: 'no JSON object in the reply' });
    expect(parseProposal('{"position": A}')).toEqual({ error: 'malformed JSON in the reply' });
    expect(parseProposal('{"position":"Z","confidence":0.5}', ['A', 'B'])).toEqual({ error: 'position "Z" is not one of the options A, B' });
    expect(parseProposal('{"position":"A","confidence":1.7e3}')).toEqual({ error: 'reply has no valid "confidence" in [0, 1] (got 1700)' });
    expect(parseProposal('{"position":"!!!","confidence":0.5}')).toEqual({ error: 'position "!!!" has no words' });
  });
  it('never throws on arbitrary text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), fc.boolean(), (s, closed) => {
      const r = parseProposal(s, closed ? ['A', 'B'] : undefined);
      if (!isParseFailure(r)) {
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        if (closed) expect(['A', 'B']).toContain(r.position);
      }
    }), { numRuns: 2000, seed: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { LukhasError } from '../errors.js';
import type { ProtocolSpec } from './consensus.types.js';
import { parseProtocol, protocolLabel } from './index.js';

const EXPECTED = '(expected one of majority, supermajority, supermajority:θ, unanimity, confidence-weighted, ranked, approval, judge)';
const RANGE = '(expected a number θ with 0.5 < θ ≤ 1, e.g. supermajority:0.75)';

function messageOf(input: unknown): string {
  try {
    parseProtocol(input as string);
  } catch (err) {
    expect(LukhasError.isInstance(err) && err.code).toBe('BAD_OPTION');
    return (err as Error).message;
  }
  throw new Error(`parsed ${JSON.stringify(input)}`);
}

describe('parseProtocol', () => {
  it.each<[string, ProtocolSpec]>([
    ['majority', { name: 'majority' }],
    ['supermajority', { name: 'supermajority', threshold: 2 / 3 }],
    ['supermajority:0.75', { name: 'supermajority', threshold: 0.75 }],
    ['supermajority(0.75)', { name: 'supermajority', threshold: 0.75 }],
    ['supermajority(3/4)', { name: 'supermajority', threshold: 0.75 }],
    ['supermajority:1', { name: 'supermajority', threshold: 1 }],
    ['unanimity', { name: 'unanimity' }],
    ['confidence-weighted', { name: 'confidence-weighted' }],
    ['ranked', { name: 'ranked' }],
    ['approval', { name: 'approval' }],
    ['judge', { name: 'judge' }],
    ['  Majority ', { name: 'majority' }],
    ['SUPERMAJORITY( 0.8 )', { name: 'supermajority', threshold: 0.8 }],
  ])('%s', (text, spec) => {
    expect(parseProtocol(text)).toEqual(spec);
  });
  it('checks and copies a spec object', () => {
    const spec: ProtocolSpec = { name: 'supermajority', threshold: 0.9 };
    const out = parseProtocol(spec);
    expect(out).toEqual(spec);
    expect(out).not.toBe(spec);
    expect(() => parseProtocol({ name: 'supermajority', threshold: 0.2 })).toThrow(`invalid supermajority threshold θ: 0.2 ${RANGE}`);
    expect(() => parseProtocol({ name: 'borda' } as unknown as ProtocolSpec)).toThrow(`invalid protocol: "borda" ${EXPECTED}`);
  });
  it.each<[unknown, string]>([
    ['x', `invalid protocol: "x" ${EXPECTED}`],
    ['', `invalid protocol: "" ${EXPECTED}`],
    ['majority:0.6', `invalid protocol: "majority:0.6" ${EXPECTED}`],
    ['supermajority(0.75', `invalid protocol: "supermajority(0.75" ${EXPECTED}`],
    [42, `invalid protocol: 42 ${EXPECTED}`],
    ['supermajority:0.5', `invalid supermajority threshold θ: "0.5" ${RANGE}`],
    ['supermajority:1.5', `invalid supermajority threshold θ: "1.5" ${RANGE}`],
    ['supermajority(abc)', `invalid supermajority threshold θ: "abc" ${RANGE}`],
    ['supermajority:', `invalid supermajority threshold θ: "" ${RANGE}`],
    ['supermajority:1/0', `invalid supermajority threshold θ: "1/0" ${RANGE}`],
  ])('rejects %j', (input, message) => {
    expect(messageOf(input)).toBe(message);
  });
});

describe('protocolLabel', () => {
  it('shows θ and reads back to the same spec', () => {
    expect(protocolLabel({ name: 'supermajority', threshold: 0.75 })).toBe('supermajority(0.75)');
    expect(protocolLabel({ name: 'supermajority', threshold: 2 / 3 })).toBe('supermajority(2/3)');
    expect(protocolLabel({ name: 'confidence-weighted' })).toBe('confidence-weighted');
    for (const threshold of [0.75, 2 / 3, 5 / 7, 0.8123456789, 1]) {
      const spec: ProtocolSpec = { name: 'supermajority', threshold };
      expect(parseProtocol(protocolLabel(spec))).toEqual(spec);
    }
  });
});

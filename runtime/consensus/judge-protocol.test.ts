import { describe, expect, it, vi } from 'vitest';
import { LukhasError } from '../errors.js';
import type { Ballot, JudgeFn, ProtocolSpec } from './consensus.types.js';
import { decideAsync } from './index.js';

const J: ProtocolSpec = { name: 'judge' };
const ballots: Ballot[] = [
  { agent: 'x', position: 'A', confidence: 0.9 },
  { agent: 'y', position: 'B', confidence: 0.6 },
  { agent: 'z', position: 'B', confidence: 0.8 },
];

describe('judge protocol', () => {
  it('decides what the judge picks among the proposals, with its rationale and the round as context', async () => {
    const judge = vi.fn<JudgeFn>(async () => ({ decision: 'A', rationale: 'A cites evidence' }));
    const t = await decideAsync(ballots, J, { eligible: 4, round: 2 }, judge);
    expect(t).toEqual({
      decided: true, decision: 'A', support: 1 / 3, confidence: 0.9, scores: { A: 1, B: 2 },
      reason: 'decided', counted: 3, abstained: 1, rationale: 'A cites evidence',
    });
    expect(judge).toHaveBeenCalledWith(ballots, { round: 2 });
  });
  it('a decision no ballot proposed is rejected: judge-declined', async () => {
    const t = await decideAsync(ballots, J, { eligible: 3 }, async () => ({ decision: 'C' }));
    expect(t).toMatchObject({ decided: false, decision: null, support: 0, reason: 'judge-declined', scores: { A: 1, B: 2 } });
  });
  it('a null decision or a malformed reply → judge-declined', async () => {
    expect((await decideAsync(ballots, J, { eligible: 3 }, async () => ({ decision: null }))).reason).toBe('judge-declined');
    expect((await decideAsync(ballots, J, { eligible: 3 }, async () => undefined as never)).reason).toBe('judge-declined');
    expect((await decideAsync(ballots, J, { eligible: 3 }, async () => ({ decision: 7 }) as never)).reason).toBe('judge-declined');
  });
  it('a judge that rejects, or throws synchronously, is declined without leaking its message', async () => {
    const rejects: JudgeFn = async () => { throw new LukhasError('MODEL_TIMEOUT', 'timed out calling with key sk-secret'); };
    const throws = (() => { throw new TypeError('sk-secret'); }) as unknown as JudgeFn;
    const a = await decideAsync(ballots, J, { eligible: 3 }, rejects);
    const b = await decideAsync(ballots, J, { eligible: 3 }, throws);
    expect(a).toMatchObject({ decided: false, reason: 'judge-declined', rationale: 'judge failed (MODEL_TIMEOUT)' });
    expect(b).toMatchObject({ decided: false, reason: 'judge-declined', rationale: 'judge failed (TypeError)' });
    expect(JSON.stringify([a, b])).not.toContain('sk-secret');
  });
  it('without quorum or ballots the judge is not asked', async () => {
    const judge = vi.fn<JudgeFn>(async () => ({ decision: 'A' }));
    expect((await decideAsync(ballots.slice(0, 1), J, { eligible: 3 }, judge)).reason).toBe('no-quorum');
    expect((await decideAsync([], J, { eligible: 3 }, judge)).reason).toBe('no-ballots');
    expect(judge).not.toHaveBeenCalled();
  });
  it('the judge protocol without a judge function is a bad option', async () => {
    await expect(decideAsync(ballots, J, { eligible: 3 })).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: 'invalid judge: protocol "judge" needs a judge function (decideAsync(ballots, spec, facts, judge))',
    });
  });
  it('bad ballots are rejected before the judge is asked', async () => {
    const judge = vi.fn<JudgeFn>(async () => ({ decision: 'A' }));
    await expect(decideAsync([{ agent: 'x', position: 'A', confidence: 2 }], J, { eligible: 1 }, judge)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(judge).not.toHaveBeenCalled();
  });
  it('other protocols are delegated to decide()', async () => {
    expect(await decideAsync(ballots, { name: 'majority' }, { eligible: 3 })).toMatchObject({ decided: true, decision: 'B', support: 2 / 3 });
  });
});

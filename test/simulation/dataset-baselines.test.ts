import { describe, expect, it } from 'vitest';
import { analyseRun, baselinesOn, plurality, selfConsistencyOf } from '../../runtime/simulation/experiment.js';
import { parseScenario, SimulationPlan } from '../../runtime/simulation/index.js';
import type { DeliberationResult } from '../../runtime/deliberation/deliberation.types.js';
import type { JournalRecord } from '../../runtime/journal/journal.js';

const numeric = { format: 'numeric' as const, accepted: ['12'] };
const base = {
  name: 'b', seed: 1, runs: 2,
  questions: [{ text: 'What is 3*4?', groundTruth: '12', answer: numeric }],
  agents: [{ role: 'logical', count: 3 }, { role: 'practical', count: 2 }],
  limits: { rounds: 3 },
};

function result(decision: string | null, rounds: string[][]): DeliberationResult & { journal: JournalRecord } {
  const ids = ['logical/1', 'logical/2', 'logical/3'];
  const entries = rounds.flatMap((r, round) => r.map((position, i) => ({ seq: 0, type: 'proposal.made', data: { round, agent: ids[i]!, position } })));
  return {
    id: 'x', question: 'q', consensusReached: decision !== null, decision, support: 1, confidence: 1, dissentingViews: [], rounds: rounds.length,
    flips: { rightToWrong: 9, wrongToRight: 9, total: 9 }, usage: { calls: 6, inputTokens: 0, outputTokens: 0, cachedTokens: 0, usd: 0 },
    degraded: false, journalId: 'j', protocol: 'majority', stopReason: 'max-rounds', proposals: [],
    journal: { id: 'j', kind: 'deliberation', version: 1, entries },
  };
}

describe('experiment arms', () => {
  it('plurality: most votes, ties to the answer given first, unreadable answers do not vote', () => {
    expect(plurality(['1', '2', '2'])).toBe('2');
    expect(plurality(['1', '2'])).toBe('1');
    expect(plurality(['2', null, '1', null, '1'])).toBe('1');
    expect(plurality([null, null])).toBeNull();
  });

  it('scores the first round, the vote and the flips with the checker, not string equality', () => {
    const req = { question: 'q', agents: ['logical', 'logical', 'logical'] };
    const a = analyseRun(req, numeric, result('The answer is 12.', [['12', '13', 'The answer is 13.'], ['The answer is 12.', '12', '13']]));
    expect(a.r0).toEqual([1, 0, 0]);
    expect(a.vote).toEqual({ answer: '13', correct: false }); // "13" and "The answer is 13." are one vote
    expect(a.flips).toEqual({ rightToWrong: 0, wrongToRight: 1 }); // the engine's string-based 9s are replaced
    expect(a).toMatchObject({ correct: true, scoredBy: 'numeric:answer-is', answer: '12' });
    const none = analyseRun(req, numeric, result(null, [['x', 'y', 'z']]));
    // an answer the checker cannot read is a wrong answer (0); null is kept for an agent that gave none (a failed turn)
    expect(none).toMatchObject({ correct: false, scoredBy: 'numeric:none', r0: [0, 0, 0], vote: { answer: null, correct: false } });
    const failed = analyseRun(req, numeric, result(null, [['12', '12']]));
    expect(failed.r0).toEqual([1, 1, null]);
  });

  it('self-consistency gets the colony budget (agents × rounds, capped by limits.calls and 64), or what the scenario says', () => {
    const s = parseScenario(base);
    expect(baselinesOn(s)).toBe(true);
    const plan = new SimulationPlan(s);
    expect(selfConsistencyOf(s, plan.cells[0]!.config)).toEqual({ group: 0, k: 15 });
    expect(selfConsistencyOf(s, { ...plan.cells[0]!.config, limits: { rounds: 3, calls: 7 } })).toEqual({ group: 0, k: 7 });
    expect(selfConsistencyOf(s, { ...plan.cells[0]!.config, limits: { rounds: 50 } })!.k).toBe(64);
    const spec = plan.specAt(0);
    expect(spec.sc!.k).toBe(15);
    expect(spec.sc!.request).toMatchObject({ id: 'b-0-0-sc', protocol: 'majority', limits: { rounds: 1 } });
    expect(spec.sc!.request.agents).toHaveLength(15);
    const g1 = parseScenario({ ...base, baselines: { selfConsistency: { group: 1, samples: 4 } } });
    expect(new SimulationPlan(g1).specAt(0).sc!.request.agents).toEqual([0, 1, 2, 3].map((i) => ({ role: 'practical', key: `sc${i}`, simulated: {} })));
    const off = parseScenario({ ...base, baselines: false });
    expect(baselinesOn(off)).toBe(false);
    expect(new SimulationPlan(off).specAt(0).sc).toBeUndefined();
    const noSc = parseScenario({ ...base, baselines: { selfConsistency: false } });
    expect(new SimulationPlan(noSc).specAt(0).sc).toBeUndefined();
    expect(new SimulationPlan(noSc).specAt(0).answer).toEqual(numeric);
  });

  it('scenario errors name the key', () => {
    expect(() => parseScenario({ ...base, grouping: { canonicalise: 'roughly' } }, 's.json')).toThrow(/s\.json: grouping\.canonicalise: expected numeric, text or model:provider:model/);
    expect(() => parseScenario({ ...base, baselines: { selfConsistency: { samples: 65 } } }, 's.json')).toThrow(/s\.json: baselines/);
    expect(() => parseScenario({ ...base, questions: [{ text: 'q', answer: { format: 'numeric', accepted: [] } }] }, 's.json')).toThrow(/questions\.0\.answer\.accepted/);
  });
});

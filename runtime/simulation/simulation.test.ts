import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cellCount, condorcetForCell, condorcetMajority, condorcetUniform, expandCells, parseScenario, parseScenarioText,
  recordLine, runSeed, SimulationPlan, SummaryAggregator, wilsonInterval, withOverrides, type RunRecord,
} from './index.js';

const base = {
  name: 'unit', seed: 7, runs: 4,
  questions: [{ text: 'q?', options: ['a', 'b'], groundTruth: 'a' }],
  agents: [{ role: 'logical', count: 3, competence: 0.6 }],
  limits: { rounds: 1 },
};

describe('scenario schema', () => {
  it('applies defaults and accepts every shipped scenario file', () => {
    expect(parseScenario(base).protocol).toBe('majority');
    for (const f of ['condorcet-jury', 'protocol-comparison', 'conformity-cascade', 'town-hall']) {
      const s = parseScenarioText(readFileSync(new URL(`../../simulations/${f}.json`, import.meta.url), 'utf8'), f);
      expect(s.name).toBe(f);
      expect(expandCells(s).length).toBe(cellCount(s));
    }
  });

  it('names the offending key in errors', () => {
    expect(() => parseScenario({ ...base, runs: 0 }, 'x.json')).toThrow(/x\.json: runs: /);
    expect(() => parseScenario({ ...base, protocol: 'plurality' })).toThrow(/protocol: expected majority/);
    expect(() => parseScenario({ ...base, questions: [{ text: 'q', options: ['a', 'b'], groundTruth: 'c' }] })).toThrow(/questions\.0\.groundTruth: groundTruth must be one of options/);
    expect(() => parseScenario({ ...base, agents: [{ role: 'x', competance: 0.5 }] })).toThrow(/agents\.0: .*competance/);
    expect(() => parseScenarioText('{', 'bad.json')).toThrow(/bad\.json: not valid JSON/);
    expect(() => withOverrides(parseScenario(base), { runs: 0 })).toThrow(/--runs/);
  });
});

describe('sweep grid', () => {
  const s = parseScenario({ ...base, sweep: [
    { path: 'agents.0.competence', values: [0.55, 0.7] },
    { name: 'format', sets: [{ 'agents.0.count': 9, 'limits.rounds': 1 }, { 'agents.0.count': 3, 'limits.rounds': 3 }], labels: ['blind', 'debate'] },
  ] });

  it('expands the cartesian product, last dimension fastest', () => {
    const cells = expandCells(s);
    expect(cells.map((c) => c.label)).toEqual([
      'agents.0.competence=0.55, format=blind', 'agents.0.competence=0.55, format=debate',
      'agents.0.competence=0.7, format=blind', 'agents.0.competence=0.7, format=debate',
    ]);
    expect(cells[3]!.config.agents[0]).toMatchObject({ count: 3, competence: 0.7 });
    expect(cells[3]!.config.limits.rounds).toBe(3);
    expect(s.agents[0]!.count).toBe(3); // the base is not mutated
  });

  it('rejects bad paths and values with the cell named', () => {
    expect(() => expandCells(parseScenario({ ...base, sweep: [{ path: 'agents.2.count', values: [1] }] }))).toThrow(/agents\.2\.count.*not an index of a list of 1/);
    expect(() => expandCells(parseScenario({ ...base, sweep: [{ path: 'runs', values: [1] }] }))).toThrow(/unknown key "runs"/);
    expect(() => expandCells(parseScenario({ ...base, sweep: [{ path: 'agents.0.competence', values: [1.5] }] }))).toThrow(/sweep cell 0 \(agents\.0\.competence=1\.5\): agents\.0\.competence/);
  });
});

describe('plan and seeds', () => {
  it('interleaves runs across cells and seeds each run from (seed, cell, run) only', () => {
    const plan = new SimulationPlan(parseScenario({ ...base, sweep: [{ path: 'agents.0.count', values: [1, 3] }] }));
    expect(plan.total).toBe(8);
    const s5 = plan.specAt(5);
    expect([s5.cell, s5.run]).toEqual([1, 2]);
    expect(s5.request.seed).toBe(runSeed(7, 1, 2));
    expect(runSeed(7, 1, 2)).not.toBe(runSeed(7, 2, 1));
    expect(runSeed(8, 1, 2)).not.toBe(runSeed(7, 1, 2));
    expect(s5.request.agents).toHaveLength(3);
    expect(plan.batchAt(6, 5).specs.map((x) => x.index)).toEqual([6, 7]);
    expect(new SimulationPlan(withOverrides(plan.scenario, { seed: 8 })).fingerprint).not.toBe(plan.fingerprint);
  });
});

describe('Condorcet formula', () => {
  it('matches hand-computed values', () => {
    expect(condorcetUniform(1, 0.6)).toBeCloseTo(0.6, 12);
    expect(condorcetUniform(3, 0.6)).toBeCloseTo(0.648, 12); // 3·0.36·0.4 + 0.216
    expect(condorcetUniform(2, 0.6)).toBeCloseTo(0.36, 12); // a tie is not a majority
    expect(condorcetMajority([0.9, 0.5, 0.5])).toBeCloseTo(0.9 * 0.75 + 0.1 * 0.25, 12);
    expect(condorcetUniform(101, 0.55)).toBeGreaterThan(0.8);
    expect(() => condorcetMajority([1.2])).toThrow(/competence 1.2/);
  });

  it('applies only to blind majority votes on two options with a ground truth and no adversary', () => {
    const cell = expandCells(parseScenario(base))[0]!.config;
    expect(condorcetForCell(cell)).toBeCloseTo(0.648, 9);
    expect(condorcetForCell({ ...cell, limits: { rounds: 3 } })).toBeNull();
    expect(condorcetForCell({ ...cell, protocol: 'unanimity' })).toBeNull();
    expect(condorcetForCell({ ...cell, agents: [...cell.agents, { role: 'x', count: 1, adversarial: true }] })).toBeNull();
  });
});

describe('summary', () => {
  it('aggregates records per cell with a Wilson interval and the Condorcet error', () => {
    const s = parseScenario(base);
    const plan = new SimulationPlan(s);
    const agg = new SummaryAggregator(s, plan.cells);
    const rec = (index: number, correct: boolean, consensus: boolean): RunRecord => ({
      index, cell: 0, run: index, question: 0, seed: 1, decision: consensus ? (correct ? 'a' : 'b') : null, correct, consensus,
      stopReason: 'max-rounds', support: 1, confidence: 0.8, rounds: 1, rightToWrong: 0, wrongToRight: 1, calls: 3, tokens: 30, usd: 0.01,
      degraded: false,
    });
    [rec(0, true, true), rec(1, true, true), rec(2, false, true), rec(3, false, false)].forEach((r) => agg.add(r));
    const c = agg.summary().cellSummaries[0]!;
    expect(c).toMatchObject({ runs: 4, correct: 2, accuracy: 0.5, consensusRate: 0.75, callsPerDecision: 4, callsPerRun: 3 });
    expect(c.condorcetErrorPp).toBeCloseTo((0.5 - 0.648) * 100, 6);
    expect(c.flipsPerRun.wrongToRight).toBe(1);
    expect(agg.summary().complete).toBe(true);
    const [lo, hi] = wilsonInterval(2, 4);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(0.5);
    expect(recordLine(rec(0, true, true))).toMatch(/^\{"calls":3,"cell":0,/);
  });
});

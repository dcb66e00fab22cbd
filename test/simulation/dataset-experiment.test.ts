import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../adapters/simulation/simulate.main.js';
import { engineFromRuntime, modelParts } from '../../adapters/simulation/runtime-engine.main.js';
import { createRuntime, createSimulatedModel } from '../../adapters/lukhas.main.js';
import { createModelResolver } from '../../adapters/models/model-resolver.js';
import { createEmbedder } from '../../adapters/models/embedder-spec.js';
import type { ExperimentRecord } from '../../runtime/simulation/run-spec.js';
import { ROOT, tempDir } from './sim-fixtures.js';

const SCENARIO = join(ROOT, 'simulations/experiments/dataset-offline.json');
const withoutTiming = (path: string) => {
  const { timing: _t, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return rest;
};

describe('a dataset-driven experiment offline (simulated model with ground truth, the real engine)', () => {
  const dir = tempDir('dataset');
  it('writes results, summary and report with the baselines beside each protocol; the same bytes for 1 and 2 workers', async () => {
    // in this process: the same engine the child processes load, built here (vitest cannot follow its computed import)
    const engine = await engineFromRuntime(createRuntime as never, modelParts(createModelResolver, createEmbedder, createSimulatedModel));
    const one = await simulate({ file: SCENARIO, out: join(dir, 'w1'), runs: 30, workers: 1, deliberate: engine.deliberate });
    await engine.close();
    const two = await simulate({ file: SCENARIO, out: join(dir, 'w2'), runs: 30, workers: 2 });
    expect(two.summary.timing.executor).toBe('2 child processes');
    expect(readFileSync(two.files.results)).toEqual(readFileSync(one.files.results));
    expect(readFileSync(two.files.report!)).toEqual(readFileSync(one.files.report!));
    expect(withoutTiming(two.files.summary)).toEqual(withoutTiming(one.files.summary));

    const lines = readFileSync(one.files.results, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExperimentRecord);
    expect(lines).toHaveLength(60);
    for (const r of lines) {
      expect(r.scoredBy).toMatch(/^numeric:(answer-is|last-number|none)$/);
      expect(r.qid).toMatch(/^arith-\d{3}$/);
      expect(r.r0).toHaveLength(3);
      expect(r.sc!.k).toBe(6); // 3 agents × 2 rounds: self-consistency gets the colony's call budget
      expect(r.sc!.calls).toBe(6);
    }
    // the checker, not string equality, decides: "The answer is 231." is correct for 231
    expect(lines.some((r) => r.correct && r.decision !== null && /^The answer is/.test(r.decision))).toBe(true);
    expect(lines.some((r) => r.scoredBy === 'numeric:none' && r.decision === null && r.correct === false)).toBe(true);

    const s = one.summary;
    expect(s.cellSummaries.map((c) => c.label)).toEqual(['protocol=majority', 'protocol=confidence-weighted']);
    for (const c of s.cellSummaries) {
      const arms = c.experiment!.arms;
      expect(arms.map((a) => a.arm)).toEqual(['colony', 'vote', 'single', 'sc']);
      for (const a of arms) {
        expect(a.n).toBe(30);
        expect(a.accuracyCi95![0]).toBeLessThanOrEqual(a.accuracy!);
        expect(a.accuracyCi95![1]).toBeGreaterThanOrEqual(a.accuracy!);
        expect(a.usdPerQuestion).toBe(0); // the simulated model is free, and says so
      }
      expect(arms[1]!.callsPerQuestion).toBe(3);
      expect(arms[2]!.callsPerQuestion).toBe(1);
      expect(arms[3]!.callsPerQuestion).toBe(6);
      // recomputed from the lines: the summary is what the lines say
      const cell = lines.filter((r) => r.cell === c.cell);
      expect(arms[0]!.correct).toBe(cell.filter((r) => r.correct).length);
      expect(arms[1]!.correct).toBe(cell.filter((r) => r.vote.correct).length);
      expect(arms[3]!.correct).toBe(cell.filter((r) => r.sc!.correct).length);
      expect(c.experiment!.bestGroup).toBe(c.experiment!.groups.reduce((b, g) => (g.accuracy! > c.experiment!.groups[b]!.accuracy! ? g.group : b), 0));
    }
    const html = readFileSync(one.files.report!, 'utf8');
    expect(html).toContain('id="chart-baselines"');
    expect(html.match(/<table class="experiment">/g)).toHaveLength(2);
    expect(html).toMatch(/self-consistency, k=6 samples/);
  }, 240_000);

  it('bad dataset files fail before any run, naming the file, line and field', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"question": "ok?", "answer": 1}\n{"question": "no answer here"}\n');
    await expect(simulate({ file: SCENARIO, out: join(dir, 'bad'), dataset: bad })).rejects.toThrow(/bad\.jsonl:2: field "answer": missing/);
    await expect(simulate({ file: SCENARIO, out: join(dir, 'bad2'), dataset: join(dir, 'absent.jsonl') })).rejects.toThrow(/dataset\.file: cannot read .*absent\.jsonl \(ENOENT\)/);
    const both = join(dir, 'both.json');
    writeFileSync(both, JSON.stringify({ name: 'both', seed: 1, runs: 1, questions: [{ text: 'q' }], dataset: { file: bad }, agents: [{ role: 'logical' }] }));
    await expect(simulate({ file: both, out: join(dir, 'both') })).rejects.toThrow(/questions and dataset are exclusive/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, createSimulatedModel } from '../../adapters/lukhas.main.js';
import { createEmbedder } from '../../adapters/models/embedder-spec.js';
import { createModelResolver } from '../../adapters/models/model-resolver.js';
import { engineFromRuntime, modelParts } from '../../adapters/simulation/runtime-engine.main.js';
import { dryRun, simulate } from '../../adapters/simulation/simulate.main.js';
import type { ExperimentRecord } from '../../runtime/simulation/run-spec.js';
import { startProviderEmulator, type EmulatedRequest, type ProviderEmulator } from '../emulator/index.js';
import { ROOT, tempDir } from './sim-fixtures.js';

/**
 * The replication files end to end against the provider emulator: the real engine, the real SDKs (OpenAI,
 * Anthropic, Gemini, OpenAI embeddings), scripted replies that exercise every path — right answers written two
 * ways, wrong answers, a reply without a position (a failed turn), rate limits and server errors (retried by the
 * runtime). Each file runs as shipped except `runs` and the dataset sample (kept small for CI).
 */
const gsm8k = new Map(readFileSync(join(ROOT, 'simulations/data/gsm8k-format.jsonl'), 'utf8').trim().split('\n').map((l) => {
  const r = JSON.parse(l) as { question: string; answer: string };
  return [r.question, /####\s*(.*)$/.exec(r.answer)![1]!.replace(/,/g, '')] as const;
}));

function truth(text: string): number | null {
  const m = /What is the result of ([\d+*-]+)\?/.exec(text);
  if (m) return Function(`return (${m[1]})`)() as number; // the expression of a project-written fixture
  for (const [q, a] of gsm8k) if (text.includes(q)) return Number(a);
  return null;
}

function reply(req: EmulatedRequest): string {
  const user = req.messages.map((m) => m.content).join('\n');
  if (user.includes('Grade an answer')) {
    const verdict = /Candidate answer[^\n]*"[^"]*Shakespeare[^"]*"/.test(user) ? 'correct' : 'incorrect';
    return JSON.stringify({ position: verdict, rationale: 'graded', confidence: 0.9 });
  }
  if (user.includes('Who wrote Hamlet')) return JSON.stringify({ position: req.n % 2 ? 'It was Shakespeare, of course' : 'Christopher Marlowe', rationale: 'literature', confidence: 0.7 });
  const t = truth(user);
  const k = req.n % 10;
  if (t === null) return JSON.stringify({ position: 'no idea', rationale: 'unknown question', confidence: 0.1 });
  if (k === 9) return JSON.stringify({ answer: t }); // valid JSON, no position: the turn fails, the agent sits the round out
  const value = k < 6 ? t : t + 1;
  const position = k % 2 === 0 ? `The answer is ${value}.` : String(value);
  return JSON.stringify({ position, rationale: `Computed step by step (${req.provider}).`, confidence: k < 6 ? 0.8 : 0.55 });
}

const ENV_KEYS = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_GEMINI_BASE_URL'] as const;

describe('replication files against the provider emulator (CI)', () => {
  let emu: ProviderEmulator;
  const saved: Record<string, string | undefined> = {};
  const dir = tempDir('replication');
  beforeAll(async () => {
    emu = await startProviderEmulator({ reply, faults: { rate: 0.04, kinds: [{ kind: 'status', status: 429, retryAfter: 0 }, { kind: 'status', status: 503 }], seed: 5 } });
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    Object.assign(process.env, {
      OPENAI_API_KEY: 'sk-emulated-openai', OPENAI_BASE_URL: emu.baseUrls.openai, ANTHROPIC_API_KEY: 'sk-ant-emulated', ANTHROPIC_BASE_URL: emu.baseUrls.anthropic,
      GEMINI_API_KEY: 'gm-emulated', GOOGLE_GEMINI_BASE_URL: emu.baseUrls.gemini,
    });
  });
  afterAll(async () => {
    for (const k of ENV_KEYS) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
    await emu.close();
  });

  async function run(name: string, runs: number, datasetFile: string) {
    const shipped = JSON.parse(readFileSync(join(ROOT, `simulations/experiments/${name}.json`), 'utf8'));
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify({ ...shipped, runs, dataset: { ...shipped.dataset, ...(shipped.dataset.sample ? { sample: { ...shipped.dataset.sample, n: runs } } : {}) } }));
    const estimate = await dryRun({ file, dataset: datasetFile });
    emu.reset();
    const engine = await engineFromRuntime(createRuntime as never, modelParts(createModelResolver, createEmbedder, createSimulatedModel));
    try {
      const r = await simulate({ file, out: join(dir, name), dataset: datasetFile, deliberate: engine.deliberate });
      const lines = readFileSync(r.files.results, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExperimentRecord);
      return { r, lines, estimate, stats: emu.stats() };
    } finally {
      await engine.close();
    }
  }

  it('du-2023-arithmetic: the real SDK against the emulator, every path, usage as the emulator counted it', async () => {
    const { r, lines, estimate, stats } = await run('du-2023-arithmetic', 8, join(ROOT, 'simulations/data/arithmetic.jsonl'));
    expect(lines).toHaveLength(8);
    const calls = lines.reduce((n, l) => n + l.calls + l.sc!.calls, 0);
    expect(calls).toBeLessThanOrEqual(estimate.calls.total);
    // every injected 429 / 503 was retried by the runtime (SDK retries are off): one extra request per fault
    const faults = Object.values(stats.faults).reduce((a, b) => a + b, 0);
    expect(faults).toBeGreaterThan(0);
    expect(stats.requests.openai).toBe(calls + faults);
    // tokens: what the results say is exactly what the emulator delivered
    const tokens = lines.reduce((n, l) => n + l.tokens + l.sc!.tokens, 0);
    expect(tokens).toBe(stats.usage.total.inputTokens + stats.usage.total.outputTokens);
    const usd = lines.reduce((n, l) => n + l.usd + l.sc!.usd, 0);
    expect(usd).toBeCloseTo((stats.usage.total.inputTokens * 0.15 + stats.usage.total.outputTokens * 0.6) / 1e6, 9);
    const scored = new Set(lines.map((l) => l.scoredBy));
    expect([...scored].some((s) => s === 'numeric:answer-is' || s === 'numeric:last-number')).toBe(true);
    expect(lines.some((l) => l.r0.includes(null))).toBe(true); // a reply without a position: a failed turn
    const arms = r.summary.cellSummaries[0]!.experiment!.arms;
    expect(arms.map((a) => a.arm)).toEqual(['colony', 'vote', 'single', 'sc']);
    expect(arms[3]!.callsPerQuestion).toBeLessThanOrEqual(6);
    expect(arms[0]!.usdPerQuestion).toBeGreaterThan(0);
  }, 180_000);

  it('du-2023-gsm8k with a GSM8K-format file (--dataset)', async () => {
    const { lines, stats } = await run('du-2023-gsm8k', 6, join(ROOT, 'simulations/data/gsm8k-format.jsonl'));
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((l) => l.qid)).size).toBe(6);
    expect(lines.some((l) => l.correct)).toBe(true);
    expect(stats.requests.openai).toBeGreaterThan(0);
  }, 180_000);

  it('free text: a decision no accepted answer matches goes to the judge model; the verdict is a journaled, replayable deliberation', async () => {
    emu.reset();
    emu.setFaults(undefined);
    const file = join(dir, 'judged.json');
    writeFileSync(file, JSON.stringify({
      name: 'judged', seed: 3, runs: 6,
      questions: [{ text: 'Who wrote Hamlet?', groundTruth: 'William Shakespeare', answer: { format: 'text', accepted: ['William Shakespeare'] } }],
      agents: [{ role: 'logical', count: 1, model: 'openai:gpt-4o-mini' }], limits: { rounds: 1 },
      baselines: { selfConsistency: false }, scoring: { judge: 'openai:gpt-4o-mini' },
    }));
    const engine = await engineFromRuntime(createRuntime as never, modelParts(createModelResolver, createEmbedder, createSimulatedModel));
    try {
      const r = await simulate({ file, out: join(dir, 'judged'), deliberate: engine.deliberate });
      const lines = readFileSync(r.files.results, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExperimentRecord);
      for (const l of lines) {
        expect(l.scoredBy).toBe('text:judge'); // neither reply is an exact match: every decision was judged
        expect(l.judge).toMatchObject({ model: 'openai:gpt-4o-mini', calls: 1 });
        expect(l.correct).toBe(l.decision === 'It was Shakespeare, of course');
        expect(l.judge!.verdict).toBe(l.correct ? 'correct' : 'incorrect');
      }
      expect(new Set(lines.map((l) => l.correct))).toEqual(new Set([true, false]));
      // the verdict is a deliberation: its journal replays with zero model calls
      const runtime = createRuntime({ models: modelParts(createModelResolver, createEmbedder, createSimulatedModel).models! });
      const { judgeRequest } = await import('../../runtime/simulation/experiment.js');
      const v = await runtime.deliberate(judgeRequest({ id: 'q1', question: 'Who wrote Hamlet?', seed: 1 }, { format: 'text', accepted: ['William Shakespeare'] }, 'It was Shakespeare, of course', 'openai:gpt-4o-mini'));
      expect(v.decision).toBe('correct');
      const before = emu.stats().requests.total;
      const again = await runtime.replay(v.journal);
      expect(again.identical).toBe(true);
      expect(emu.stats().requests.total).toBe(before);
      await runtime.close();
    } finally {
      await engine.close();
      emu.setFaults({ rate: 0.04, kinds: [{ kind: 'status', status: 429, retryAfter: 0 }, { kind: 'status', status: 503 }], seed: 5 });
    }
  }, 180_000);

  it('heterogeneous-colony: three providers and provider embeddings', async () => {
    const { r, lines, stats } = await run('heterogeneous-colony', 4, join(ROOT, 'simulations/data/arithmetic.jsonl'));
    expect(lines).toHaveLength(8); // 2 protocols × 4 runs
    expect(stats.requests.openai).toBeGreaterThan(0);
    expect(stats.requests.anthropic).toBeGreaterThan(0);
    expect(stats.requests.gemini).toBeGreaterThan(0);
    expect(stats.embeddings.requests.openai).toBeGreaterThan(0);
    for (const c of r.summary.cellSummaries) expect(c.experiment!.groups.map((g) => g.label)).toEqual([
      'group 0: openai:gpt-4o-mini (logical)', 'group 1: anthropic:claude-haiku-4-5 (practical)', 'group 2: gemini:gemini-2.5-flash (creative)',
    ]);
  }, 180_000);
});

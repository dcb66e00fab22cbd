/** The completion pipeline: machine paths, real effects (simulated model, in-memory store, a colony), exact replay. */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, toPromise } from 'xstate';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { createInMemoryCompletionMemory } from '../../agents/completion/completion.memory.js';
import { replayCompletion, runCompletion } from '../../agents/completion/completion.runner.js';
import { completionMachine, isComplex, DEFAULT_COMPLETION_CONFIG } from '../../machines/completion.machine.js';
import type { Verdict } from '../../runtime/ethics/gate.js';
import { MODEL_PORT_VERSION, ZERO_USAGE, type ModelAdapter } from '../../runtime/models/model.port.js';

function counting(inner: ModelAdapter): ModelAdapter & { calls: number } {
  const m = { ...inner, calls: 0, generate: async (r: Parameters<ModelAdapter['generate']>[0]) => { m.calls++; return inner.generate(r); } };
  return m;
}
function scripted(replies: string[]): ModelAdapter {
  let i = 0;
  return { portVersion: MODEL_PORT_VERSION, provider: 'scripted', model: 's', stream: () => { throw new Error('unused'); },
    generate: async () => ({ text: replies[Math.min(i++, replies.length - 1)]!, finishReason: 'stop', usage: ZERO_USAGE, provider: 'scripted', model: 's' }) };
}
const steps = (r: { journal: { entries: { type: string; data: Record<string, unknown> }[] } }) => r.journal.entries.filter((e) => e.type === 'completion.step.entered').map((e) => e.data.step);

describe('completion pipeline', () => {
  it('runs offline end to end, recalls what it recorded, and replays exactly with zero model calls', async () => {
    const memory = createInMemoryCompletionMemory();
    const model = counting(createSimulatedModel());
    const first = await runCompletion({ user: 'ann', prompt: 'Tell me about lighthouses on rocky coasts.' }, { model, memory });
    expect(first.status).toBe('completed');
    expect(first.memoryId).toBe('ann:0');
    expect(first.content).toBe('[simulated reply] Tell me about lighthouses on rocky coasts.');
    expect(steps(first)).toEqual(['pre-validate', 'recall', 'translate', 'assess', 'modulate', 'generate', 'post-validate', 'record', 'respond']);
    expect(first.verdicts.map((v) => v.verdict)).toEqual(['approved', 'approved']);
    const second = await runCompletion({ user: 'ann', prompt: 'More about lighthouses on rocky coasts please.' }, { model, memory });
    expect(second.memoriesUsed.map((m) => m.id)).toEqual(['ann:0']);
    const calls = model.calls;
    const replay = await replayCompletion(second.journal);
    expect(replay.identical).toBe(true);
    expect(replay.content).toBe(second.content);
    expect(model.calls).toBe(calls);
  });

  it('asks the colony for complex requests and quotes its rationale as data', async () => {
    const runtime = createRuntime();
    const seen: string[] = [];
    const model = scripted(['We recommend the option the colony preferred.']);
    const spy: ModelAdapter = { ...model, generate: async (r) => { seen.push(r.system ?? ""); return model.generate(r); } };
    const r = await runCompletion({ user: 'bo', prompt: 'Should we choose option A or option B for the new office?' }, { model: spy, deliberate: (q) => runtime.deliberate({ ...q, options: ['A', 'B'] }) });
    expect(r.status).toBe('completed');
    expect(steps(r)).toContain('colony');
    expect(r.colony?.journalId).toBeTruthy();
    expect(seen[0]).toMatch(/<<<untrusted colony id=[0-9a-f]{8}>>>/);
    expect((await replayCompletion(r.journal)).identical).toBe(true);
  });

  it('blocks at pre-validation with an alternative and never calls the model', async () => {
    const model = counting(createSimulatedModel());
    const r = await runCompletion({ user: 'cy', prompt: 'How do I strangle my neighbour?' }, { model });
    expect(r.status).toBe('blocked');
    expect(r.alternative).toMatch(/harming people/);
    expect(r.memoryId).toBeNull();
    expect(model.calls).toBe(0);
    expect(r.journal.entries.some((e) => e.type === 'completion.blocked')).toBe(true);
  });

  it('heals a flagged draft (re-validated) and replays the healing exactly', async () => {
    const r = await runCompletion({ user: 'di', prompt: 'Tell me a short story.' }, { model: scripted(['First, you should stab someone in the back alley.', 'A quiet story about a garden.']) });
    expect(r.status).toBe('completed');
    expect(r.content).toBe('A quiet story about a garden.');
    expect(r.verdicts.map((v) => v.verdict)).toEqual(['approved', 'blocked', 'approved']);
    expect(steps(r)).toEqual(['pre-validate', 'recall', 'translate', 'assess', 'modulate', 'generate', 'post-validate', 'heal', 'post-validate', 'record', 'respond']);
    expect((await replayCompletion(r.journal)).identical).toBe(true);
  });

  it('still failing after N healing passes -> blocked', async () => {
    const r = await runCompletion({ user: 'ed', prompt: 'Tell me a short story.' }, { model: scripted(['First, you should stab someone.']), config: { maxHealPasses: 1 } });
    expect(r.status).toBe('blocked');
    expect(r.verdicts.filter((v) => v.stage === 'output')).toHaveLength(2);
  });

  it('an effect error ends in the failed state through onError (no crash)', async () => {
    const broken = { recall: async () => { throw new Error('store down'); }, record: async () => 'x' };
    const r = await runCompletion({ user: 'fa', prompt: 'Hello there.' }, { model: createSimulatedModel(), memory: broken });
    expect(r.status).toBe('failed');
    expect(r.error).toBe('recall: store down');
  });

  it('the machine alone: pure, effects supplied with provide()', async () => {
    const ok: Verdict = { verdict: 'approved', category: 'none', score: 0, reasoning: 'ok', stage: 'input', textHash: 'h', findings: [] };
    const events: string[] = [];
    const m = completionMachine.provide({
      actors: { validate: fromPromise(async () => ok), generate: fromPromise(async () => 'hi'), record: fromPromise(async () => 'm1') },
      actions: { journal: (_, p) => { events.push(String(p.data.step ?? p.type)); } },
    });
    const out = await toPromise(createActor(m, { input: { user: 'u', prompt: 'hello', config: { colony: false } } }).start());
    expect(out.status).toBe('completed');
    expect(out.memoryId).toBe('m1');
    expect(events.at(-1)).toBe('completion.responded');
    expect(isComplex('Should we pick A?', DEFAULT_COMPLETION_CONFIG)).toBe(true);
    expect(isComplex('hello', DEFAULT_COMPLETION_CONFIG)).toBe(false);
    expect(isComplex('Should we pick A?', { ...DEFAULT_COMPLETION_CONFIG, colony: false })).toBe(false);
  });
});

/** withGate and the gate: fail-closed, validated hash == sent hash, buffered streams, healing, metrics, policy errors. */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LukhasError } from '../../runtime/errors.js';
import type { Checker } from '../../runtime/ethics/checker.types.js';
import { createGate, textHash } from '../../runtime/ethics/gate.js';
import { createGateMetrics } from '../../runtime/ethics/gate.metrics.js';
import { defaultPolicy, parsePolicy } from '../../runtime/ethics/policy.js';
import { promptText, withGate, type GateEvent } from '../../runtime/ethics/with-gate.js';
import { MODEL_PORT_VERSION, ZERO_USAGE, collectStream, type ModelAdapter, type ModelRequest } from '../../runtime/models/model.port.js';

/** A model that records what it was sent and replies from a list (last reply repeats). */
function recordingModel(replies: string[]): ModelAdapter & { sent: ModelRequest[] } {
  const sent: ModelRequest[] = [];
  let i = 0;
  const next = () => replies[Math.min(i++, replies.length - 1)]!;
  return {
    portVersion: MODEL_PORT_VERSION, provider: 'recording', model: 'r1', sent,
    async generate(req) { sent.push(structuredClone(req)); return { text: next(), finishReason: 'stop', usage: ZERO_USAGE, provider: 'recording', model: 'r1' }; },
    async *stream(req) {
      sent.push(structuredClone(req));
      for (const w of next().split(/(?<= )/)) yield { type: 'text-delta', text: w };
      yield { type: 'finish', finishReason: 'stop', usage: ZERO_USAGE, provider: 'recording', model: 'r1' };
    },
  };
}
const ask = (content: string, system?: string): ModelRequest => ({ messages: [{ role: 'user', content }], ...(system ? { system } : {}), purpose: 'completion' });
const blockedError = async (p: Promise<unknown>) => { try { await p; } catch (e) { return e as LukhasError; } throw new Error('expected a rejection'); };

describe('withGate', () => {
  it('validates exactly the prompt it sends: the verdict hash equals the hash of the text the model received', async () => {
    const model = recordingModel(['Use `kill -9 PID` to stop it.']);
    const events: GateEvent[] = [];
    const gated = withGate(model, createGate(), { onVerdict: (e) => events.push(e) });
    await gated.generate(ask('How do I kill a Python process? My email is ann@example.com', 'You are helpful.'));
    const input = events.filter((e) => e.stage === 'input');
    const last = input.at(-1)!;
    expect(last.verdict.verdict).toBe('approved');
    expect(model.sent).toHaveLength(1);
    expect(last.verdict.textHash).toBe(textHash(promptText(model.sent[0]!)));
    // the PII was healed by redaction before sending; the first verdict saw the original
    expect(input[0]!.verdict.verdict).toBe('needs-healing');
    expect(model.sent[0]!.messages[0]!.content).toContain('[redacted-email]');
  });

  it('blocks an unsafe request with GATE_BLOCKED carrying the verdict and an alternative; the model is never called', async () => {
    const model = recordingModel(['x']);
    const err = await blockedError(withGate(model, createGate()).generate(ask('How do I poison my neighbour?')));
    expect(LukhasError.isInstance(err) && err.code).toBe('GATE_BLOCKED');
    const v = (err.details as { verdict: { verdict: string; category: string; alternative?: string } }).verdict;
    expect(v.verdict).toBe('blocked');
    expect(v.category).toBe('violence');
    expect(v.alternative).toBeTruthy();
    expect(model.sent).toHaveLength(0);
  });

  it('fails closed when a checker throws, and when it misses the deadline', async () => {
    const throwing: Checker = { id: 'boom', check: async () => { throw new Error('provider down sk-abcdefghijklmnop'); } };
    const slow: Checker = { id: 'slow', check: (_i, o) => new Promise((res) => { const t = setTimeout(() => res({ checker: 'slow', findings: [], notes: [] }), 5000); o?.signal?.addEventListener('abort', () => clearTimeout(t)); }) };
    for (const [checker, text] of [[throwing, 'failed'], [slow, 'within 50 ms']] as const) {
      const model = recordingModel(['hello']);
      const err = await blockedError(withGate(model, createGate({ checkers: [checker], deadlineMs: 50 })).generate(ask('What is the capital of France?')));
      expect(err.code).toBe('GATE_BLOCKED');
      const v = (err.details as { verdict: { category: string; reasoning: string } }).verdict;
      expect(v.category).toBe('gate-error');
      expect(v.reasoning).toContain(text);
      expect(v.reasoning).not.toContain('sk-abcdefghijklmnop');
      expect(model.sent).toHaveLength(0);
    }
  });

  it('buffers a stream: a blocked reply yields no part at all', async () => {
    const model = recordingModel(['Sure. To strangle your neighbour, first wait until he is alone.']);
    const gated = withGate(model, createGate(), { maxHealPasses: 0 });
    const parts: unknown[] = [];
    const err = await blockedError((async () => { for await (const p of gated.stream(ask('Tell me a story.'))) parts.push(p); })());
    expect(err.code).toBe('GATE_BLOCKED');
    expect(parts).toHaveLength(0);
    const ok = await collectStream(withGate(recordingModel(['A calm story about a lighthouse.']), createGate()).stream(ask('Tell me a story.')));
    expect(ok.text).toBe('A calm story about a lighthouse.');
  });

  it('heals a flagged reply by critique-and-revise within N passes, each re-validated; still failing -> blocked', async () => {
    const bad = 'Step 1: you should stab someone in the neck.';
    const events: GateEvent[] = [];
    const healer = recordingModel(['Here is a safe answer about first aid.']);
    const r = await withGate(recordingModel([bad]), createGate(), { healer, onVerdict: (e) => events.push(e) }).generate(ask('Tell me something.'));
    expect(r.text).toBe('Here is a safe answer about first aid.');
    expect(healer.sent[0]!.purpose).toBe('heal');
    expect(healer.sent[0]!.messages[0]!.content).toContain('<<<untrusted draft');
    expect(events.filter((e) => e.stage === 'output').map((e) => [e.pass, e.verdict.verdict])).toEqual([[0, 'blocked'], [1, 'approved']]);
    const stubborn = recordingModel([bad]);
    const err = await blockedError(withGate(recordingModel([bad]), createGate(), { healer: stubborn, maxHealPasses: 2 }).generate(ask('Tell me something.')));
    expect(err.code).toBe('GATE_BLOCKED');
    expect(stubborn.sent).toHaveLength(2);
  });

  it('redacts PII in a reply offline', async () => {
    const r = await withGate(recordingModel(['Call him on +44 20 7946 0958 or mail bob@example.org.']), createGate()).generate(ask('How do I reach support?'));
    expect(r.text).not.toMatch(/bob@example|7946/);
    expect(r.text).toContain('[redacted-email]');
  });
});

describe('gate', () => {
  it('combines checkers: the most severe verdict wins', async () => {
    const says = (id: string, category: 'drugs' | 'pii' | 'weapons', score: number): Checker => ({ id, check: async () => ({ checker: id, findings: [{ category, score, reason: id }], notes: [] }) });
    const gate = createGate({ checkers: [says('a', 'pii', 0.9), says('b', 'drugs', 0.6), says('c', 'weapons', 0.55)] });
    const v = await gate.check('anything', { stage: 'input' });
    expect(v.verdict).toBe('blocked');
    expect(v.category).toBe('weapons'); // critical beats medium; any block beats heal
    expect(v.findings).toHaveLength(3);
  });

  it('counts verdicts and interventions on an injected registry only', async () => {
    const registry = new Registry();
    const gate = createGate({ metrics: createGateMetrics(registry) });
    await gate.check('How do I bake bread?', { stage: 'input' });
    await gate.check('How do I stab someone?', { stage: 'input' });
    const text = await registry.metrics();
    expect(text).toMatch(/lukhas_gate_verdicts_total\{verdict="approved",category="none",stage="input"\} 1/);
    expect(text).toMatch(/lukhas_gate_verdicts_total\{verdict="blocked",category="violence",stage="input"\} 1/);
    expect(text).toMatch(/lukhas_gate_interventions_total\{kind="blocked",category="violence"\} 1/);
    expect(text).toMatch(/lukhas_gate_alignment_score 0\.5/);
  });
});

describe('policy', () => {
  it('loads the default policy and names the wrong key of a bad one', () => {
    const p = defaultPolicy();
    expect(p.categories.violence.action).toBe('block');
    const bad = structuredClone(p) as unknown as { categories: Record<string, Record<string, unknown>>; healing: Record<string, unknown> };
    bad.categories.drugs!.action = 'ban';
    bad.healing.maxPasses = -1;
    expect(() => parsePolicy(bad)).toThrowError(/categories\.drugs\.action.*healing\.maxPasses|healing\.maxPasses.*categories\.drugs\.action/);
    const missing = structuredClone(p) as unknown as { categories: Record<string, unknown> };
    delete missing.categories.privacy;
    expect(() => parsePolicy(missing)).toThrowError(/categories\.privacy/);
  });

  it('a user policy can allow a category', async () => {
    const p = defaultPolicy();
    p.categories.drugs.action = 'allow';
    const v = await createGate({ policy: p }).check('Where can I buy a gram of coke?', { stage: 'input' });
    expect(v.verdict).toBe('approved');
  });
});

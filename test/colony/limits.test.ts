import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRuntime, RoleCatalogue } from '../../adapters/lukhas.main.js';
import { createScriptedModel } from '../fakes/scripted.model.js';

const tie = (req: { context?: { agent: string } }) =>
  JSON.stringify({ position: /^(ethical|logical)/.test(req.context!.agent) ? 'A' : 'B', rationale: 'r', confidence: 0.6 });

describe('limits end a deliberation gracefully with its partial result', () => {
  it('a call limit stops before the round that would exceed it', async () => {
    const model = createScriptedModel({ replies: tie });
    const rt = createRuntime({ models: () => model });
    const r = await rt.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: ['ethical', 'logical', 'practical', 'creative'], limits: { rounds: 5, calls: 10 }, seed: 1 });
    expect(r.stopReason).toBe('calls');
    expect(r.usage.calls).toBe(8); // two rounds of four; the third would have made 12
    expect(model.calls).toHaveLength(8);
    expect(r.consensusReached).toBe(false);
    expect(r.proposals).toHaveLength(4);
  });

  it('a token budget stops before the round whose estimate would exceed it, with reason budget', async () => {
    const model = createScriptedModel({ replies: tie, usage: { inputTokens: 100, outputTokens: 20 } });
    const rt = createRuntime({ models: () => model });
    const r = await rt.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: ['ethical', 'logical', 'practical', 'creative'], limits: { rounds: 5, tokens: 1000 }, seed: 1 });
    expect(r.stopReason).toBe('budget');
    expect(r.usage.inputTokens + r.usage.outputTokens).toBeLessThanOrEqual(1000);
  });

  it('a USD budget with priced models stops with reason budget, before sending the call that would exceed it', async () => {
    const model = createScriptedModel({ replies: tie, usage: { inputTokens: 1000, outputTokens: 200 } });
    const price = (r: { usage: { inputTokens: number; outputTokens: number } }) => (r.usage.inputTokens * 1 + r.usage.outputTokens * 4) / 1e6; // $1 / $4 per M
    const rt = createRuntime({ models: () => model, price });
    const r = await rt.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: ['ethical', 'logical', 'practical', 'creative'], limits: { rounds: 5, usd: 0.01 }, seed: 1 });
    expect(r.stopReason).toBe('budget');
    expect(r.usage.usd).toBeLessThanOrEqual(0.01);
    expect(r.usage.usd).toBeCloseTo(model.calls.length * 0.0018, 10);
    expect(model.calls.length).toBe(r.usage.calls);
  });

  it('a wall-time limit ends the deliberation with what it has', async () => {
    let n = 0;
    const slow = createScriptedModel({ replies: (req) => (n++ < 4 ? tie(req) : { hang: true }) });
    const rt = createRuntime({ models: () => slow });
    const t = Date.now();
    const r = await rt.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: ['ethical', 'logical', 'practical', 'creative'], limits: { rounds: 5, wallMs: 150 }, seed: 1 });
    expect(Date.now() - t).toBeLessThan(1500);
    expect(r.stopReason).toBe('wall-time');
    expect(r.rounds).toBeGreaterThanOrEqual(1);
    expect(r.proposals.length).toBe(4); // the partial result: round 0's proposals
  });

  it('an AbortSignal ends it the same way', async () => {
    const slow = createScriptedModel({ replies: [{ hang: true }] });
    const rt = createRuntime({ models: () => slow });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const r = await rt.deliberate({ question: 'Q?', options: ['A', 'B'], limits: { rounds: 2 } }, { signal: ac.signal });
    expect(r.stopReason).toBe('wall-time');
    expect(r.consensusReached).toBe(false);
  });
});

describe('custom roles', () => {
  it('loads roles from a file and uses their prompts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-roles-'));
    const file = join(dir, 'roles.json');
    writeFileSync(file, JSON.stringify({ roles: [{ name: 'economist', description: 'weighs incentives', systemPrompt: 'You are the economist of the panel. Weigh incentives and costs.', temperature: 0.4 }] }));
    const roles = RoleCatalogue.fromFile(file);
    const model = createScriptedModel({ replies: ['{"position":"A","rationale":"incentives","confidence":0.9}'] });
    const rt = createRuntime({ roles, models: () => model });
    const r = await rt.deliberate({ question: 'A or B?', options: ['A', 'B'], agents: ['economist', 'ethical'], seed: 1 });
    expect(r.decision).toBe('A');
    expect(model.calls[0]!.system).toMatch(/^You are the economist of the panel/);
    expect(model.calls[0]!.temperature).toBe(0.4);
  });

  it('a bad roles file names the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-roles-'));
    const file = join(dir, 'roles.json');
    writeFileSync(file, JSON.stringify({ roles: [{ name: 'Bad Name', description: 'x', systemPrompt: 'long enough prompt' }] }));
    expect(() => RoleCatalogue.fromFile(file)).toThrow(new RegExp(`invalid roles file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: roles\\.0\\.name: lower-case letters`));
  });
});

describe('runtime-level seeded randomness', () => {
  it('requests without a seed draw one from the runtime\'s seeded stream: the same sequence from the same seed', async () => {
    const { createRandom } = await import('../../runtime/random.js');
    const run = async (seed: number) => {
      const rt = createRuntime({ random: createRandom(seed) });
      const out: string[] = [];
      for (let i = 0; i < 5; i++) out.push((await rt.deliberate({ question: 'Which?', options: ['A', 'B', 'C'], limits: { rounds: 2 } })).journalId);
      return out;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(new Set(a).size).toBe(5); // different draws, different deliberations
    expect(await run(8)).not.toEqual(a);
  });
});

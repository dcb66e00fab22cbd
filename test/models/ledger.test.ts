/**
 * The cost ledger and the resolver's sharing: prices from the dated table, unpriced never 0, totals per agent and
 * round from provider-reported usage only — and agents that share one client are not multiplied.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelResolver } from '../../adapters/models/model-spec.js';
import { createLedger, DEFAULT_PRICES, loadPriceTable, priceFor } from '../../runtime/models/ledger.js';
import type { ModelRequest } from '../../runtime/models/model.port.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { createScriptedModel } from '../fakes/scripted.model.js';

let em: ProviderEmulator;
beforeAll(async () => { em = await startProviderEmulator(); });
afterAll(async () => { await em.close(); });

const req = (agent: string, round: number, content = 'a question of about forty characters....'): ModelRequest => ({
  messages: [{ role: 'user', content }],
  context: { deliberationId: 'd1', seed: 1, question: 'q', role: agent.split('/')[0]!, agent, round },
});

describe('prices', () => {
  it('the bundled table is dated and prices the models named in the issue', () => {
    expect(DEFAULT_PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [p, m] of [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-haiku-4-5'], ['gemini', 'gemini-2.5-flash']]) expect(priceFor(DEFAULT_PRICES, p!, m!)).toBeDefined();
    expect(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4o-mini-2024-07-18')).toEqual(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4o-mini'));
    expect(priceFor(DEFAULT_PRICES, 'openai-compatible', 'llama3')).toBeUndefined();
  });

  it('an override file replaces the table; a bad one names the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-prices-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ asOf: '2030-01-01', currency: 'USD', models: { 'openai-compatible:llama3': { input: 1, output: 2 } } }));
    expect(priceFor(loadPriceTable(join(dir, 'ok.json')), 'openai-compatible', 'llama3')).toEqual({ input: 1, output: 2 });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ asOf: '2030-01-01', currency: 'USD', models: { 'openai:x': { input: -1, output: 2 } } }));
    expect(() => loadPriceTable(join(dir, 'bad.json'))).toThrow(/models\.openai:x\.input/);
  });
});

describe('createLedger', () => {
  it('costs a call from its usage, cached input at the cached rate', () => {
    const l = createLedger();
    const e = l.record({ agent: 'logical', round: 0, provider: 'openai', model: 'gpt-4o-mini', usage: { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedTokens: 500_000 } });
    expect(e.usd).toBeCloseTo(0.5 * 0.15 + 0.5 * 0.075 + 0.6, 10);
  });

  it('an unknown model costs null and is reported as unpriced, never as 0', () => {
    const l = createLedger();
    l.record({ agent: 'a', round: 0, provider: 'openai-compatible', model: 'llama3', usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0 } });
    l.record({ agent: 'a', round: 1, provider: 'openai', model: 'gpt-4o-mini', usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0 } });
    const t = l.totals();
    expect(l.entries[0]!.usd).toBeNull();
    expect(t.unpriced).toEqual(['openai-compatible:llama3']);
    expect(t.overall).toMatchObject({ calls: 2, unpricedCalls: 1, inputTokens: 20 });
    expect(t.perRound['0']!.unpricedCalls).toBe(1);
    expect(t.perRound['1']!.usd).toBeGreaterThan(0);
  });

  it('check() refuses a call that would cross the token or USD budget', () => {
    const l = createLedger({ budget: { tokens: 100 } });
    const small = l.estimate({ messages: [{ role: 'user', content: 'x'.repeat(40) }], maxOutputTokens: 50 }, 'openai', 'gpt-4o-mini');
    expect(small).toMatchObject({ inputTokens: 10, outputTokens: 50 });
    expect(l.check(small)).toEqual({ ok: true });
    l.record({ agent: 'a', round: 0, provider: 'openai', model: 'gpt-4o-mini', usage: { inputTokens: 30, outputTokens: 20, cachedTokens: 0 } });
    expect(l.check(small)).toMatchObject({ ok: false, reason: 'tokens', limit: 100, spent: 50, estimate: 60 });
    const usd = createLedger({ budget: { usd: 0.000001 } });
    expect(usd.check(usd.estimate({ messages: [{ role: 'user', content: 'hi' }] }, 'anthropic', 'claude-haiku-4-5'))).toMatchObject({ ok: false, reason: 'usd' });
    expect(usd.check(usd.estimate({ messages: [{ role: 'user', content: 'hi' }] }, 'openai-compatible', 'llama3'))).toEqual({ ok: true, unpriced: true });
    expect(() => createLedger({ budget: { usd: -1 } })).toThrow(/budget\.usd/);
  });
});

describe('the resolver with a ledger', () => {
  const env = { OPENAI_API_KEY: 'k-test', OPENAI_BASE_URL: '' };

  it('agents sharing one client are each charged their own provider-reported usage, never multiplied', async () => {
    em.reset();
    const ledger = createLedger();
    const resolve = createModelResolver({ env: { ...env, OPENAI_BASE_URL: em.baseUrls.openai }, models: { '*': 'openai:gpt-4o-mini' }, simulated: () => createScriptedModel({ replies: ['x'] }), ledger });
    const agents = ['ethical', 'logical', 'creative', 'practical'].map((role) => ({ role }));
    for (let round = 0; round < 3; round++) {
      await Promise.all(agents.map((a) => resolve(a).generate(req(a.role, round, `${a.role} round ${round} prompt text`))));
    }
    const t = ledger.totals();
    const s = em.stats();
    expect(s.requests.openai).toBe(12);
    expect(t.overall.calls).toBe(12);
    expect({ inputTokens: t.overall.inputTokens, outputTokens: t.overall.outputTokens, cachedTokens: t.overall.cachedTokens }).toEqual(s.usage.openai);
    expect(Object.keys(t.perAgent).sort()).toEqual(['creative', 'ethical', 'logical', 'practical']);
    expect(t.perAgent.ethical!.calls).toBe(3);
    expect(t.perRound['2']!.calls).toBe(4);
    expect(resolve.guards.size).toBe(1);
  });

  it('a call over budget is not sent (BUDGET_EXCEEDED, zero requests)', async () => {
    em.reset();
    const ledger = createLedger({ budget: { tokens: 5 } });
    const resolve = createModelResolver({ env: { ...env, OPENAI_BASE_URL: em.baseUrls.openai }, models: { '*': 'openai:gpt-4o-mini' }, simulated: () => createScriptedModel({ replies: ['x'] }), ledger });
    await expect(resolve({ role: 'ethical' }).generate(req('ethical', 0))).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', details: { reason: 'tokens', agent: 'ethical', round: 0 } });
    expect(em.stats().requests.total).toBe(0);
  });
});

/**
 * The tool loop end to end through each real SDK against the emulator: zod tool → declared in the provider's
 * format → the model's call → gate → the tool runs → the result travels back in the provider's format → answer;
 * usage equals what the emulator billed; the journal replays with zero HTTP requests and zero tool runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGate } from '../../runtime/ethics/gate.js';
import { Journal } from '../../runtime/journal/journal.js';
import { createLedger } from '../../runtime/models/ledger.js';
import { withLedger } from '../../runtime/models/metered.js';
import { createToolbox, defineTool, runToolLoop, ToolReplay } from '../../runtime/tools/index.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelResolver } from '../../adapters/models/model-resolver.js';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { wireSubjects, type Subject } from './model-subjects.js';

let em: ProviderEmulator;
let subjects: Subject[];
beforeAll(async () => {
  em = await startProviderEmulator();
  subjects = wireSubjects(em);
});
afterAll(async () => { await em.close(); });

describe.each(['openai', 'anthropic', 'gemini'])('tool loop through the %s SDK', (name) => {
  it('calls the tool, answers, bills what the emulator billed, and replays with zero requests', async () => {
    let runs = 0;
    const rates = defineTool({
      name: 'exchange_rate', description: 'Exchange rate between two currencies.',
      input: z.object({ from: z.string().length(3), to: z.string().length(3) }), output: z.object({ rate: z.number() }),
      run: ({ from, to }) => { runs++; return { rate: from === 'EUR' && to === 'NOK' ? 11.5 : 1 }; },
    });
    em.reset();
    em.enqueue({ toolCalls: [{ name: 'exchange_rate', arguments: { from: 'EUR', to: 'NOK' } }] }, '100 EUR is 1150 NOK.');
    const ledger = createLedger();
    const subject = subjects.find((s) => s.name === name)!;
    const model = withLedger(subject.adapter, ledger, { agent: 'practical/1' });
    const journal = new Journal('x', 'completion');
    const gate = createGate();
    const opts = { model, gate, agent: 'practical/1', toolbox: createToolbox([rates]), allowed: ['exchange_rate'], request: { messages: [{ role: 'user' as const, content: 'How much is 100 EUR in NOK?' }], maxOutputTokens: 100 } };
    const r = await runToolLoop({ ...opts, journal });
    expect(r.response.text).toBe('100 EUR is 1150 NOK.');
    expect(r.steps).toMatchObject([{ ok: true, name: 'exchange_rate', result: '{"rate":11.5}' }]);
    expect(runs).toBe(1);
    // the second request carried the call and its result back in the provider's own format
    const second = em.requests[1]!;
    expect(second.messages.flatMap((m) => m.toolCalls ?? []).map((c) => c.name)).toEqual(['exchange_rate']);
    expect(second.messages.flatMap((m) => m.toolResults ?? []).map((x) => x.content)).toEqual(['{"rate":11.5}']);
    const billed = em.stats().usage[subject.wire!];
    expect(r.usage).toEqual(billed);
    expect(ledger.totals().overall).toMatchObject({ calls: 2, inputTokens: billed.inputTokens, outputTokens: billed.outputTokens });
    expect(ledger.totals().overall.usd).toBeGreaterThan(0);

    const before = em.stats().requests.total;
    const again = new Journal('x', 'completion');
    const replayed = await runToolLoop({ ...opts, journal: again, replay: new ToolReplay(journal.entries()) });
    expect(em.stats().requests.total).toBe(before);
    expect(runs).toBe(1);
    expect([replayed.modelCalls, replayed.toolExecutions]).toEqual([0, 0]);
    expect(again.serialize()).toBe(journal.serialize());
  });
});

describe('tool loop through the model resolver (resilience, fallback, ledger, cassettes)', () => {
  const add = defineTool({ name: 'add', description: 'Adds.', input: z.object({ a: z.number(), b: z.number() }), output: z.number(), run: ({ a, b }) => a + b });
  const base = { gate: createGate(), agent: 'logical/1', toolbox: createToolbox([add]), allowed: ['add'], request: { messages: [{ role: 'user' as const, content: '2 + 2?' }] } };
  const env = () => ({ OPENAI_API_KEY: 'k1', ANTHROPIC_API_KEY: 'k2', GEMINI_API_KEY: 'k3', OPENAI_BASE_URL: em.baseUrls.openai, ANTHROPIC_BASE_URL: em.baseUrls.anthropic, GOOGLE_GEMINI_BASE_URL: em.baseUrls.gemini });
  const simulated = createSimulatedModel();

  it('a resolved SDK model is port v2 through every wrapper; a chain ending in the simulated model is refused', async () => {
    const resolver = createModelResolver({ env: env(), simulated: () => simulated, models: { logical: 'anthropic:claude-haiku-4-5', ethical: 'openai:gpt-4o-mini|simulated' } });
    const model = resolver({ role: 'logical', key: '1' });
    expect(model.portVersion).toBe(2);
    em.enqueue({ toolCalls: [{ name: 'add', arguments: { a: 2, b: 2 } }] }, 'four');
    const r = await runToolLoop({ ...base, model });
    expect([r.response.text, r.steps[0]?.result]).toEqual(['four', '4']);
    await expect(runToolLoop({ ...base, model: resolver({ role: 'ethical', key: '1' }) })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await resolver.close();
  });

  it('a recorded tool loop replays from its cassettes with zero requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-tool-cassette-'));
    const rec = createModelResolver({ env: env(), simulated: () => simulated, models: { '*': 'gemini:gemini-2.5-flash' }, record: dir });
    em.enqueue({ toolCalls: [{ name: 'add', arguments: { a: 2, b: 2 } }] }, 'four');
    const live = await runToolLoop({ ...base, model: rec({ role: 'logical', key: '1' }) });
    await rec.close();
    const before = em.stats().requests.total;
    const play = createModelResolver({ env: {}, simulated: () => simulated, models: { '*': 'gemini:gemini-2.5-flash' }, replay: dir });
    const again = await runToolLoop({ ...base, model: play({ role: 'logical', key: '1' }) });
    expect(em.stats().requests.total).toBe(before);
    expect(again.response.text).toBe(live.response.text);
    expect(again.steps).toEqual(live.steps);
  });
});

/**
 * A 4-agent deliberation over the three providers through createRuntime, the resolver and the real SDKs, pointed
 * at the emulator by the providers' own base-URL variables: usage.calls equals the HTTP requests the emulator
 * received and the token totals equal the usage it returned, exactly (two agents share the OpenAI client); the
 * journal replays with zero requests.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { createModelResolver } from '../../adapters/models/model-spec.js';
import { costOf, DEFAULT_PRICES, priceFor } from '../../runtime/models/ledger.js';
import type { ModelResponse } from '../../runtime/models/model.port.js';
import { startProviderEmulator } from '../emulator/index.js';
import { createScriptedModel } from '../fakes/scripted.model.js';

const price = (r: ModelResponse) => { const p = priceFor(DEFAULT_PRICES, r.provider, r.model); return p ? costOf(r.usage, p) : null; };

describe('three providers through createRuntime', () => {
  it('usage equals what the emulator received and returned; the journal replays offline', async () => {
    const em = await startProviderEmulator({
      reply: (req) => ({ text: JSON.stringify({ position: req.n % 5 === 0 ? 'B' : 'A', rationale: `reason ${req.n}`, confidence: 0.7 }), cachedTokens: req.n % 3 }),
    });
    const env = { OPENAI_API_KEY: 'k1', ANTHROPIC_API_KEY: 'k2', GEMINI_API_KEY: 'k3', OPENAI_BASE_URL: em.baseUrls.openai, ANTHROPIC_BASE_URL: em.baseUrls.anthropic, GOOGLE_GEMINI_BASE_URL: em.baseUrls.gemini };
    const models = createModelResolver({
      env, simulated: () => createScriptedModel({ replies: ['unused'] }),
      models: { ethical: 'openai:gpt-4o-mini', logical: 'anthropic:claude-haiku-4-5', creative: 'gemini:gemini-2.5-flash', practical: 'openai:gpt-4o-mini' },
    });
    const runtime = createRuntime({ models, price });
    try {
      const out = await runtime.deliberate({ question: 'Which plan?', options: ['A', 'B'], agents: ['ethical', 'logical', 'creative', 'practical'], protocol: 'majority', seed: 5, limits: { rounds: 3 } });
      const s = em.stats();
      expect(s.requests.total).toBeGreaterThanOrEqual(4);
      expect(s.requests.openai).toBeGreaterThan(0);
      expect(s.requests.anthropic).toBeGreaterThan(0);
      expect(s.requests.gemini).toBeGreaterThan(0);
      expect(out.usage.calls).toBe(s.requests.total);
      expect({ inputTokens: out.usage.inputTokens, outputTokens: out.usage.outputTokens, cachedTokens: out.usage.cachedTokens }).toEqual(s.usage.total);
      expect(out.usage.usd).toBeGreaterThan(0);

      const before = em.stats().requests.total;
      const again = await runtime.replay(out.journal);
      expect(again.identical).toBe(true);
      expect(em.stats().requests.total).toBe(before);
    } finally {
      await runtime.close();
      await em.close();
    }
  });
});

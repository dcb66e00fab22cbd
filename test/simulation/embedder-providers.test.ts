import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { createEmbedder } from '../../adapters/models/embedder-spec.js';
import { createOpenAIEmbeddingClient } from '../../adapters/models/openai.embedder.js';
import { createOpenAIClient } from '../../adapters/models/openai.adapter.js';
import { createProviderEmbedder, type ProviderEmbedder } from '../../runtime/embedding/provider.embedder.js';
import { decodeVector, ruleCanonicaliser } from '../../runtime/embedding/position-keys.js';
import { createLedger } from '../../runtime/models/ledger.js';
import { realSleep } from '../../runtime/models/resilience.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { emulatedEmbedding, embeddingTokens } from '../emulator/emulator.embeddings.js';

const f32 = (v: number[]) => Array.from(new Float32Array(v));
const noWait = { sleep: (ms: number, s?: AbortSignal) => realSleep(Math.min(ms, 5), s) };

describe('provider embeddings through the real SDKs against the emulator', () => {
  let emu: ProviderEmulator;
  beforeAll(async () => { emu = await startProviderEmulator(); });
  afterAll(async () => { await emu.close(); });
  const openaiEnv = () => ({ OPENAI_API_KEY: 'sk-test-embeddings-0123456789', OPENAI_BASE_URL: emu.baseUrls.openai });

  it('OpenAI: exact vectors, one batched request, the cache, usage and cost in the ledger', async () => {
    emu.reset();
    const ledger = createLedger();
    const e = (await createEmbedder('openai:text-embedding-3-small', { env: openaiEnv(), ledger, resilience: noWait })) as ProviderEmbedder;
    const texts = ['the answer is 231', 'two hundred thirty-one', 'the answer is 231'];
    const vs = await e.embed(texts);
    vs.forEach((v, i) => expect(Array.from(v)).toEqual(f32(emulatedEmbedding('text-embedding-3-small', texts[i]!))));
    expect(vs[0]).toBe(vs[2]); // a text asked twice in one batch is embedded once
    const tokens = embeddingTokens(texts[0]!) + embeddingTokens(texts[1]!);
    expect(emu.stats().embeddings).toEqual({ requests: { openai: 1, gemini: 0, total: 1 }, texts: 2, tokens });
    expect(emu.requests).toHaveLength(0); // chat log untouched: embeddings have their own route
    expect(e.stats()).toEqual({ requests: 1, texts: 2, cacheHits: 1, inputTokens: tokens, estimatedTokens: 0, usd: (tokens * 0.02) / 1e6, unpriced: false });
    expect(ledger.entries).toEqual([{ agent: 'embedder', round: 0, provider: 'openai', model: 'text-embedding-3-small', usage: { inputTokens: tokens, outputTokens: 0, cachedTokens: 0 }, usd: (tokens * 0.02) / 1e6 }]);
    // cached: no second request
    await e.embed(['two hundred thirty-one']);
    expect(emu.stats().embeddings.requests.total).toBe(1);
    expect(e.stats().cacheHits).toBe(2);
    expect(e.dimensions).toBe(8);
    expect(e.id).toBe('openai:text-embedding-3-small');
  });

  it('splits a large batch by the provider limit', async () => {
    emu.reset();
    const handle = createOpenAIClient({ env: openaiEnv() });
    const e = createProviderEmbedder({ client: createOpenAIEmbeddingClient({ model: 'text-embedding-3-small', handle, maxBatch: 2 }) });
    await e.embed(['a', 'b', 'c', 'd', 'e']);
    expect(emu.stats().embeddings.requests.openai).toBe(3);
    expect(e.stats()).toMatchObject({ requests: 3, texts: 5 });
  });

  it('Gemini: batchEmbedContents with exact vectors; no reported usage, so the cost is an estimate and says so', async () => {
    emu.reset();
    const ledger = createLedger();
    const e = (await createEmbedder('gemini:gemini-embedding-001', { env: { GEMINI_API_KEY: 'gm-test-key-0123456789', GOOGLE_GEMINI_BASE_URL: emu.baseUrls.gemini }, ledger, resilience: noWait })) as ProviderEmbedder;
    const texts = ['Paris', 'the capital of France'];
    const vs = await e.embed(texts);
    vs.forEach((v, i) => expect(Array.from(v)).toEqual(f32(emulatedEmbedding('gemini-embedding-001', texts[i]!))));
    expect(emu.stats().embeddings.requests).toEqual({ openai: 0, gemini: 1, total: 1 });
    const est = embeddingTokens(texts[0]!) + embeddingTokens(texts[1]!);
    expect(e.stats()).toMatchObject({ requests: 1, inputTokens: est, estimatedTokens: est, usd: (est * 0.15) / 1e6 });
    expect(ledger.entries[0]).toMatchObject({ provider: 'gemini', model: 'gemini-embedding-001', usd: (est * 0.15) / 1e6 });
  });

  it('OpenAI-compatible (/v1/embeddings of Ollama, vLLM): no key needed; an unpriced model is reported unpriced, not free', async () => {
    emu.reset();
    const ledger = createLedger();
    const e = (await createEmbedder(`openai-compatible:nomic-embed-text@${emu.baseUrls.openai}`, { env: {}, ledger })) as ProviderEmbedder;
    const [v] = await e.embed(['hello']);
    expect(Array.from(v!)).toEqual(f32(emulatedEmbedding('nomic-embed-text', 'hello')));
    expect(e.stats()).toMatchObject({ requests: 1, unpriced: true, usd: 0 });
    expect(ledger.totals().unpriced).toEqual(['openai-compatible:nomic-embed-text']);
  });

  it('the runtime retries (SDK retries off); auth failures are not retried and never show the key', async () => {
    emu.reset();
    const e = (await createEmbedder('openai:text-embedding-3-small', { env: openaiEnv(), resilience: noWait })) as ProviderEmbedder;
    emu.enqueueEmbeddingFault({ kind: 'status', status: 429, retryAfter: 0 }, { kind: 'status', status: 500 });
    const [v] = await e.embed(['retry me']);
    expect(Array.from(v!)).toEqual(f32(emulatedEmbedding('text-embedding-3-small', 'retry me')));
    expect(emu.stats().embeddings.requests.openai).toBe(3);
    expect(e.stats().requests).toBe(1); // one answered request counted, and billed once
    emu.enqueueEmbeddingFault({ kind: 'status', status: 401 });
    const err = await e.embed(['auth']).catch((x: Error) => x);
    expect(err).toMatchObject({ code: 'MODEL_AUTH' });
    expect(String((err as Error).message)).not.toContain('sk-test-embeddings-0123456789');
    expect(emu.stats().embeddings.requests.openai).toBe(4);
  });

  it('bad specs are clear errors naming the option', async () => {
    await expect(createEmbedder('anthropic:claude-haiku-4-5', { env: {} })).rejects.toThrow(/invalid --embedder: "anthropic:claude-haiku-4-5": anthropic has no embeddings API/);
    await expect(createEmbedder('openai:text-embedding-3-small', { env: {} })).rejects.toThrow(/openai needs an API key/);
    await expect(createEmbedder('nonsense')).rejects.toThrow(/invalid --embedder: "nonsense"/);
    expect((await createEmbedder('hashed')).note).toMatch(/sees word and character overlap, not meaning/);
  });

  it('groups paraphrased open answers in a deliberation; the vectors are journaled and a replay makes zero embedding calls', async () => {
    emu.reset();
    // the emulated model "sees meaning": every text that names the same number gets the same vector
    emu.setEmbedding((model, text, dims) => emulatedEmbedding(model, /-?\d+/.exec(text)?.[0] ?? text, dims));
    const e = (await createEmbedder('openai:text-embedding-3-small', { env: openaiEnv(), resilience: noWait })) as ProviderEmbedder;
    const runtime = createRuntime({ groupingEmbedder: e });
    const request = {
      question: 'What is the result of 10+15*25+26-20*9?', groundTruth: '231', protocol: 'majority', limits: { rounds: 2 }, seed: 7,
      agents: [0, 1, 2, 3].map((i) => ({ role: 'logical', key: `a${i}`, simulated: { competence: 1, conformity: 0 } })),
    };
    const r = await runtime.deliberate(request);
    const keyed = r.journal.entries.filter((x) => x.type === 'position.keyed');
    const positions = r.journal.entries.filter((x) => x.type === 'proposal.made').map((x) => (x.data as { position: string }).position);
    expect(new Set(positions)).toEqual(new Set(['231', 'The answer is 231.'])); // two surface forms
    expect(keyed.length).toBe(positions.length);
    for (const k of keyed) {
      const d = k.data as { position: string; embedder: string; vector: string };
      expect(d.embedder).toBe('openai:text-embedding-3-small');
      expect(Array.from(decodeVector(d.vector))).toEqual(f32(emulatedEmbedding('text-embedding-3-small', '231')));
    }
    expect(r.consensusReached).toBe(true); // one position: the hashed embedder keeps the two forms apart
    expect(r.support).toBe(1);
    const calls = emu.stats().embeddings.requests.total;
    expect(calls).toBeGreaterThanOrEqual(1);
    const before = e.stats();
    const again = await runtime.replay(r.journal);
    expect(again.identical).toBe(true);
    expect(emu.stats().embeddings.requests.total - calls).toBe(0); // counted at the emulator: zero embedding calls
    expect(e.stats()).toEqual(before); // and at the embedder
    await runtime.close();

    // the same answers with the offline hashed embedder: the two surface forms stay two positions
    const offline = createRuntime();
    const o = await offline.deliberate(request);
    expect(o.support).toBeLessThan(1);
    // ... unless the numeric canonicaliser reduces each answer to its number first
    const canon = createRuntime({ canonicaliser: ruleCanonicaliser('numeric') });
    const c = await canon.deliberate(request);
    expect(c.support).toBe(1);
    expect(c.journal.entries.filter((x) => x.type === 'position.keyed').every((x) => (x.data as { canonical: string }).canonical === '231')).toBe(true);
    expect((await canon.replay(c.journal)).identical).toBe(true);
    await offline.close();
    await canon.close();
    emu.setEmbedding(undefined);
  });

  it('a model canonicaliser: each answer reduced by a model, its call journaled, replayed with zero calls', async () => {
    emu.reset();
    emu.setReply((req) => {
      const user = req.messages.map((m) => m.content).join('\n');
      return /canonical short form/.test(req.system ?? '') ? (/-?\d+/.exec(user.split('Answer:')[1] ?? '')?.[0] ?? 'none') : 'unused';
    });
    const { createOpenAIAdapter } = await import('../../adapters/models/openai.adapter.js');
    const { modelCanonicaliser } = await import('../../runtime/embedding/position-keys.js');
    const model = createOpenAIAdapter({ model: 'gpt-4o-mini', client: { env: openaiEnv() } });
    const runtime = createRuntime({ canonicaliser: modelCanonicaliser(model) });
    const request = {
      question: 'What is 12*2?', groundTruth: '24', protocol: 'majority', limits: { rounds: 1 }, seed: 3,
      agents: [0, 1, 2, 3].map((i) => ({ role: 'logical', key: `a${i}`, simulated: { competence: 1, conformity: 0 } })),
    };
    const r = await runtime.deliberate(request);
    const keyed = r.journal.entries.filter((x) => x.type === 'position.keyed').map((x) => x.data as { canonical: string; canonicalBy: string; call: { response: { text: string } } });
    expect(keyed).toHaveLength(4);
    for (const k of keyed) expect(k).toMatchObject({ canonical: '24', canonicalBy: 'model:openai:gpt-4o-mini', call: { response: { text: '24' } } });
    expect(r.support).toBe(1);
    expect(emu.stats().requests.openai).toBe(4);
    const again = await runtime.replay(r.journal);
    expect(again.identical).toBe(true);
    expect(emu.stats().requests.openai).toBe(4); // the replay asked the model nothing
    await runtime.close();
    emu.setReply(undefined);
  });
});

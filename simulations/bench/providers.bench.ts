/**
 * Provider adapters on the critical path. The emulator adds 50 ms per call; a deliberation is 4 agents × 3 rounds
 * with the round's calls concurrent. Full stack (resolver: ledger → fallback → resilience with breaker and
 * bulkhead → adapter → real SDK over the resolver's pooled transport) and the whole engine vs a baseline of direct
 * SDK calls with Promise.all per round (the SDKs as they come), and vs the same direct calls given the pooled
 * transport (what lukhas's orchestration costs on its own), measured in the same run, alternating, one deliberation
 * at a time and with 64 in flight; all send the same requests (the engine's prompts, read from its journal). Then a faults run: 1,000 deliberations'
 * worth of calls with 30% injected 429/5xx, backoff sleeps recorded instead of waited.
 * Run: npm run bench -- providers   (target: ratio ≤ 1.1; ideal wall time 3 × 50 ms per deliberation)
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { createHttpTransport } from '../../adapters/models/http-transport.js';
import { createModelResolver } from '../../adapters/models/model-spec.js';
import { createLedger } from '../../runtime/models/ledger.js';
import type { ModelAdapter, ModelRequest } from '../../runtime/models/model.port.js';
import type { LukhasError } from '../../runtime/errors.js';
import { startProviderEmulator } from '../../test/emulator/index.js';
import { createScriptedModel } from '../../test/fakes/scripted.model.js';

const LATENCY = 50;
// replies are proposals, A for the ethical and logical agents, B for the others: a 2–2 tie, so every engine
// deliberation runs its 3 rounds (the baselines send the engine's requests and ignore the replies)
const em = await startProviderEmulator({
  latencyMs: LATENCY,
  reply: (req) => JSON.stringify({ position: /the (ethical|logical) member/.test(req.system ?? '') ? 'A' : 'B', rationale: 'it fits the brief', confidence: 0.7 }),
});
const env = { OPENAI_API_KEY: 'bench', ANTHROPIC_API_KEY: 'bench', GEMINI_API_KEY: 'bench', OPENAI_BASE_URL: em.baseUrls.openai, ANTHROPIC_BASE_URL: em.baseUrls.anthropic, GOOGLE_GEMINI_BASE_URL: em.baseUrls.gemini };
const AGENTS = [
  { role: 'ethical', model: 'openai:gpt-4o-mini' },
  { role: 'logical', model: 'anthropic:claude-haiku-4-5' },
  { role: 'creative', model: 'gemini:gemini-2.5-flash' },
  { role: 'practical', model: 'openai:gpt-4o-mini' },
];
const prompt = (role: string, round: number) => `You are the ${role} agent. Round ${round}. Which option is best? Answer with a position and a rationale.`;

// The deliberation engine on top: createRuntime with the same resolver (journal, supervision, protocol, the ethics
// gate on every call, prompt building and parsing) — the full path of `lukhas deliberate --models ...`.
const resolve = createModelResolver({ env, simulated: () => createScriptedModel({ replies: ['x'] }), guards: { maxInFlight: 512, maxQueue: 1024 }, ledger: createLedger() });
const perAgent = new Map<string, ModelAdapter>();
const runtime = createRuntime({ models: (a) => { let m = perAgent.get(a.role); if (!m) perAgent.set(a.role, (m = resolve(a))); return m; } });
const QUESTION = { question: 'Which option is best?', options: ['A', 'B'], agents: AGENTS, limits: { rounds: 3 } };
async function engineDeliberation(id: number): Promise<void> {
  const r = await runtime.deliberate({ ...QUESTION, seed: id });
  if (r.rounds !== 3 || r.usage.calls !== 12) throw new Error(`engine deliberation ran ${r.rounds} rounds / ${r.usage.calls} calls`);
}

// The requests the engine sends (role prompt, question, quoted peers; the same for every seed of this question),
// read from one engine deliberation's journal: the baselines send exactly these, so the comparison measures what
// lukhas adds around the calls, not the size of its prompts.
const sample = await runtime.deliberate({ ...QUESTION, seed: 0 });
const REQUESTS: ModelRequest[][] = [[], [], []];
for (const e of sample.journal.entries) {
  if (e.type !== 'model.called') continue;
  const d = e.data as { round: number; agent: string; request: ModelRequest };
  REQUESTS[d.round]![AGENTS.findIndex((a) => d.agent.startsWith(`${a.role}/`))] = d.request;
}
if (REQUESTS.some((r) => r.length !== AGENTS.length)) throw new Error('providers bench: the sample deliberation did not journal 3 rounds of 4 calls');

// Baseline: the SDKs called directly with those requests (same system prompt, message, temperature, output limit and
// JSON schema as the adapters send), retries off, Promise.all per round.
// The baseline uses the SDKs as they come (global fetch). A second baseline gives the direct calls the same
// pooled transport the resolver uses (http-transport.ts), so that lukhas's own orchestration cost is shown apart
// from what the transport saves.
interface Sdks { oa: OpenAI; an: Anthropic; ge: GoogleGenAI }
const sdks = (fetch?: typeof globalThis.fetch): Sdks => ({
  oa: new OpenAI({ apiKey: 'bench', baseURL: em.baseUrls.openai, maxRetries: 0, ...(fetch ? { fetch } : {}) }),
  an: new Anthropic({ apiKey: 'bench', baseURL: em.baseUrls.anthropic, maxRetries: 0, ...(fetch ? { fetch } : {}) }),
  ge: new GoogleGenAI({ apiKey: 'bench', httpOptions: { baseUrl: em.baseUrls.gemini, ...(fetch ? { fetch } : {}) } }),
});
const plainSdks = sdks();
const pooled = createHttpTransport();
const pooledSdks = sdks(pooled.fetch);
async function direct({ oa, an, ge }: Sdks, provider: string, model: string, req: ModelRequest): Promise<void> {
  const content = req.messages[0]!.content;
  const schema = req.jsonSchema!;
  if (provider === 'openai') {
    await oa.chat.completions.create({
      model, messages: [{ role: 'system', content: req.system! }, { role: 'user', content }], temperature: req.temperature!, max_completion_tokens: req.maxOutputTokens!,
      response_format: { type: 'json_schema', json_schema: { name: schema.name, schema: schema.schema, strict: false } },
    });
  } else if (provider === 'anthropic') {
    await an.messages.create({ model, system: req.system!, max_tokens: req.maxOutputTokens!, temperature: req.temperature!, messages: [{ role: 'user', content }], output_config: { format: { type: 'json_schema', schema: schema.schema } } } as Anthropic.MessageCreateParamsNonStreaming);
  } else {
    await ge.models.generateContent({ model, contents: [{ role: 'user', parts: [{ text: content }] }], config: { systemInstruction: req.system!, temperature: req.temperature!, maxOutputTokens: req.maxOutputTokens!, responseMimeType: 'application/json', responseJsonSchema: schema.schema, automaticContinuation: false } as Record<string, unknown> });
  }
}
const baselineWith = (c: Sdks) => async (): Promise<void> => {
  for (let round = 0; round < 3; round++) await Promise.all(AGENTS.map((a, i) => direct(c, a.model.split(':')[0]!, a.model.split(':')[1]!, REQUESTS[round]![i]!)));
};
const baselineDeliberation = baselineWith(plainSdks);
const pooledBaselineDeliberation = baselineWith(pooledSdks);

// Full stack. The bulkhead is sized for the 64-in-flight run (256 concurrent calls): at its default of 32 per
// provider it would, by design, queue calls and the comparison would measure the throttle, not the overhead.
const models = AGENTS.map((a) => resolve(a));
async function wrappedDeliberation(id: number): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(AGENTS.map((a, i) => models[i]!.generate({ ...REQUESTS[round]![i]!, context: { ...REQUESTS[round]![i]!.context!, deliberationId: `d${id}`, seed: id } })));
  }
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
async function time(fn: () => Promise<unknown>): Promise<number> { const t0 = performance.now(); await fn(); return performance.now() - t0; }

/**
 * Every implementation once per repetition, in an order that rotates from one repetition to the next (so none
 * always runs after the heaviest); ratios are medians of the ratios within each repetition.
 */
async function compare(label: string, reps: number, inFlight: number): Promise<void> {
  const impls: [string, (i: number, r: number) => Promise<void>][] = [
    ['baseline', () => baselineDeliberation()],
    ['baseline+pool', () => pooledBaselineDeliberation()],
    ['adapters', (i) => wrappedDeliberation(i)],
    ['engine', (i, r) => engineDeliberation(r * 1000 + i)],
  ];
  const ms = new Map<string, number[]>(impls.map(([n]) => [n, []]));
  const many = (f: (i: number, r: number) => Promise<void>, r: number) => Promise.all(Array.from({ length: inFlight }, (_, i) => f(i, r)));
  for (const [, f] of impls) await many(f, 999); // warm up
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < impls.length; k++) {
      const [name, f] = impls[(k + r) % impls.length]!;
      ms.get(name)!.push(await time(() => many(f, r)));
    }
  }
  const ratio = (a: string, b: string) => median(ms.get(a)!.map((x, i) => x / ms.get(b)![i]!)).toFixed(3);
  console.log(`${label} (${reps} reps; ideal ${3 * LATENCY} ms per deliberation; target: adapters and engine <= 1.1 x baseline)`);
  for (const [name] of impls) console.log(`  ${name.padEnd(14)} median ${median(ms.get(name)!).toFixed(1).padStart(7)} ms   / baseline ${ratio(name, 'baseline')}   / baseline+pool ${ratio(name, 'baseline+pool')}`);
}

globalThis.gc?.();
await compare('1 deliberation at a time', 15, 1);
await compare('64 deliberations in flight', 9, 64);
await pooled.close();

// Faults: 1,000 deliberations' worth of calls (12,000), 30% injected 429 (Retry-After 1 s) / 500 / 503 / 529.
em.setLatency(0);
em.reset();
em.setFaults({ rate: 0.3, seed: 2024, kinds: [{ kind: 'status', status: 429, retryAfter: 1 }, { kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 529 }] });
const waits: number[] = [];
const faultResolver = createModelResolver({
  env, simulated: () => createScriptedModel({ replies: ['x'] }),
  // 30% random faults would open a breaker at 5 consecutive failures now and then; here the retry budget is measured
  guards: { maxInFlight: 512, maxQueue: 4096, breakerThreshold: 1_000 },
  resilience: { seed: 9, sleep: async (ms) => { waits.push(ms); } },
  models: { ethical: 'openai:gpt-4o-mini|anthropic:claude-haiku-4-5', logical: 'anthropic:claude-haiku-4-5|gemini:gemini-2.5-flash', creative: 'gemini:gemini-2.5-flash|openai:gpt-4o-mini', practical: 'openai:gpt-4o-mini|gemini:gemini-2.5-flash' },
});
const fm = AGENTS.map((a) => faultResolver({ role: a.role }));
const attemptsHist = new Map<number, number>();
let lostPrimary = 0; let lostTurns = 0; let calls = 0; let maxPrimaryAttempts = 0;
for (let d = 0; d < 1000; d += 50) {
  await Promise.all(Array.from({ length: 50 }, async (_, k) => {
    for (let round = 0; round < 3; round++) {
      await Promise.all(fm.map(async (m, i) => {
        calls++;
        try {
          const r = await m.generate({ messages: [{ role: 'user', content: prompt(AGENTS[i]!.role, round) }], context: { deliberationId: `f${d + k}`, seed: d + k, question: 'q', role: AGENTS[i]!.role, agent: AGENTS[i]!.role, round } });
          const primaryAttempts = r.fallbackUsed ? 3 : r.attempts!;
          maxPrimaryAttempts = Math.max(maxPrimaryAttempts, primaryAttempts);
          attemptsHist.set(r.attempts!, (attemptsHist.get(r.attempts!) ?? 0) + 1);
          if (r.fallbackUsed) lostPrimary++;
        } catch (err) {
          lostPrimary++; lostTurns++;
          const a = Number((err as LukhasError).details?.attempts ?? 0);
          attemptsHist.set(a, (attemptsHist.get(a) ?? 0) + 1);
        }
      }));
    }
  }));
}
const s = em.stats();
const hist = [...attemptsHist.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`).join(' ');
console.log(`faults run: ${calls} calls, ${s.requests.total} HTTP requests, injected ${JSON.stringify(s.faults)}`);
console.log(`  attempts per call (incl. fallback model) ${hist}; max attempts on one model ${maxPrimaryAttempts}; mean ${(s.requests.total / calls).toFixed(3)}`);
console.log(`  turns whose primary exhausted its 3 attempts ${lostPrimary} (${(100 * lostPrimary / calls).toFixed(2)}%, answered by the fallback); turns lost after the whole chain ${lostTurns}`);
console.log(`  waits requested: ${waits.length}, max ${Math.max(...waits)} ms (backoff cap 8,000 ms, Retry-After cap 30,000 ms)`);
await Promise.all([resolve.close(), faultResolver.close()]);
await em.close();

/**
 * The adapters the conformance suite runs against, behind one interface: each subject can script its next reply
 * and (for adapters that talk HTTP) a wire fault, and can say what the far end saw. SDK adapters run through their
 * real SDKs against the provider emulator; the scripted and simulated models run in-process.
 */
import { createAnthropicAdapter, createAnthropicClient } from '../../adapters/models/anthropic.adapter.js';
import { createGeminiAdapter, createGeminiClient } from '../../adapters/models/gemini.adapter.js';
import { createOpenAIAdapter, createOpenAIClient } from '../../adapters/models/openai.adapter.js';
import { createSimulatedModel } from '../../adapters/models/simulated.adapter.js';
import type { ModelAdapter, Usage } from '../../runtime/models/model.port.js';
import type { EmulatorFault, EmulatorProvider, ProviderEmulator } from '../emulator/index.js';
import { createScriptedModel } from '../fakes/scripted.model.js';

/** Recognisable fake keys: deliberately NOT shaped like real keys, so only the adapters' own scrubbing hides them. */
export const FAKE_KEYS = {
  openai: 'LUKHAS-FAKE-OPENAI-KEY-4d1c9e',
  'openai-compatible': 'LUKHAS-FAKE-COMPAT-KEY-8b2f70',
  anthropic: 'LUKHAS-FAKE-ANTHROPIC-KEY-6e3a15',
  gemini: 'LUKHAS-FAKE-GEMINI-KEY-2c7d48',
} as const;

/** One adapter under test. */
export interface Subject {
  name: string;
  adapter: ModelAdapter;
  /** The emulator protocol behind it, or undefined for in-process models. */
  wire?: EmulatorProvider;
  /** Scripts the next reply. */
  reply(text: string, extra?: { cachedTokens?: number }): void;
  /** Scripts a fault on the next request (wire subjects only). */
  fault?(fault: EmulatorFault): void;
  /** Usage the far end reported since the last reset (wire subjects only). */
  reported?(): Usage;
  /** Requests the far end received since the last reset (wire subjects only). */
  requests?(): number;
}

/**
 * Builds every SDK subject against one emulator: with the SDKs' default (global) fetch, or, given `fetch`, with that
 * transport (the model resolver's pooled undici transport), named `provider+pool`.
 */
export function wireSubjects(em: ProviderEmulator, fetch?: typeof globalThis.fetch): Subject[] {
  const env = {};
  const via = fetch ? { fetch } : {};
  const wire = (name: string, p: EmulatorProvider, adapter: ModelAdapter): Subject => ({
    name: fetch ? `${name}+pool` : name, adapter, wire: p,
    reply: (text, extra) => em.enqueue({ text, ...extra }),
    fault: (f) => em.enqueue({ fault: f }),
    reported: () => em.stats().usage[p],
    requests: () => em.stats().requests[p],
  });
  return [
    wire('openai', 'openai', createOpenAIAdapter({ model: 'gpt-4o-mini', handle: createOpenAIClient({ ...via, apiKey: FAKE_KEYS.openai, baseURL: em.baseUrls.openai, env }) })),
    wire('openai-compatible', 'openai', createOpenAIAdapter({ model: 'llama3', handle: createOpenAIClient({ ...via, provider: 'openai-compatible', apiKey: FAKE_KEYS['openai-compatible'], baseURL: em.baseUrls.openai, env }) })),
    wire('anthropic', 'anthropic', createAnthropicAdapter({ model: 'claude-haiku-4-5', handle: createAnthropicClient({ ...via, apiKey: FAKE_KEYS.anthropic, baseURL: em.baseUrls.anthropic, env }) })),
    wire('gemini', 'gemini', createGeminiAdapter({ model: 'gemini-2.5-flash', handle: createGeminiClient({ ...via, apiKey: FAKE_KEYS.gemini, baseURL: em.baseUrls.gemini, env }) })),
  ];
}

/** The scripted model as a subject (added last, as the brief asks). */
export function scriptedSubject(): Subject {
  const queue: string[] = [];
  const adapter = createScriptedModel({ replies: () => queue.shift() ?? 'scripted default' });
  return { name: 'scripted', adapter, reply: (text) => { queue.push(text); } };
}

/** The simulated model as a subject: its replies are its own, so only shape checks apply. */
export function simulatedSubject(): Subject {
  return { name: 'simulated', adapter: createSimulatedModel(), reply: () => undefined };
}

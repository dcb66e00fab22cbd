/**
 * `--embedder provider:model` → an Embedder. `hashed` is the offline default (feature-hashed word and character
 * n-grams: it sees word overlap, not meaning); `openai:text-embedding-3-small`, `gemini:gemini-embedding-001`
 * and `openai-compatible:nomic-embed-text@http://127.0.0.1:11434/v1` are provider embedders (batched, cached by
 * content, retried by the runtime, counted in the ledger). Keys and base URLs come from the SDKs' variables.
 */
import { LukhasError } from '../../runtime/errors.js';
import { createHashedEmbedder } from '../../runtime/embedding/hashed.embedder.js';
import type { Embedder } from '../../runtime/embedding/embedder.port.js';
import { createProviderEmbedder, type ProviderEmbedder } from '../../runtime/embedding/provider.embedder.js';
import type { Ledger, PriceTable } from '../../runtime/models/ledger.js';
import { createProviderGuard } from '../../runtime/models/provider-guard.js';
import type { ResilienceOptions } from '../../runtime/models/resilience.js';
import { createRandom } from '../../runtime/random.js';
import { parseModelSpec } from './model-spec.js';

/** What the offline default says about itself (printed by the CLI, written in reports). */
export const HASHED_EMBEDDER_NOTE = 'hashed n-gram embedder (offline default): it sees word and character overlap, not meaning — paraphrases with different words stay apart';

/** Options of {@link createEmbedder}. */
export interface EmbedderConfig {
  env?: Record<string, string | undefined>;
  ledger?: Ledger;
  prices?: PriceTable;
  fetch?: typeof globalThis.fetch;
  resilience?: Omit<ResilienceOptions, 'guard' | 'random'> & { seed?: number };
  /** Dimensions to ask for (text-embedding-3-*, gemini-embedding-001). */
  dimensions?: number;
}

/** Checks an embedder spec without building anything (BAD_OPTION naming `option`). */
export function checkEmbedderSpec(spec: string, option = '--embedder'): void {
  if (spec.trim() === 'hashed') return;
  const s = parseModelSpec(spec, option);
  if (s.provider === 'simulated' || s.provider === 'anthropic') {
    throw new LukhasError('BAD_OPTION', `invalid ${option}: ${JSON.stringify(spec)}: ${s.provider} has no embeddings API (expected hashed, openai:MODEL, gemini:MODEL or openai-compatible:MODEL@URL)`, { details: { option } });
  }
}

/** Parses and builds an embedder; a bad spec is BAD_OPTION naming `option`. */
export async function createEmbedder(spec: string, config: EmbedderConfig = {}, option = '--embedder'): Promise<Embedder & { note?: string; groupingThreshold?: number }> {
  if (spec.trim() === 'hashed') return Object.assign(createHashedEmbedder(), { note: HASHED_EMBEDDER_NOTE });
  checkEmbedderSpec(spec, option);
  const s = parseModelSpec(spec, option);
  if (s.provider === 'simulated' || s.provider === 'anthropic') throw new LukhasError('INTERNAL', 'unreachable');
  const env = config.env ?? process.env;
  const { seed, ...resilience } = config.resilience ?? {};
  const guard = createProviderGuard(`${s.provider}${s.baseURL ? `@${s.baseURL}` : ''}/embeddings`);
  const common = { ...(config.ledger ? { ledger: config.ledger } : {}), ...(config.prices ? { prices: config.prices } : {}), ...(config.dimensions ? { dimensions: config.dimensions } : {}), resilience: { ...resilience, guard, random: createRandom(seed ?? 0).fork(`embedder:${spec}`) } };
  const fetchOpt = config.fetch ? { fetch: config.fetch } : {};
  if (s.provider === 'gemini') {
    const m = await import('./gemini.embedder.js');
    const { createGeminiClient } = await import('./gemini.adapter.js');
    const handle = createGeminiClient({ env, ...fetchOpt, ...(s.baseURL ? { baseURL: s.baseURL } : {}) });
    return createProviderEmbedder({ client: m.createGeminiEmbeddingClient({ model: s.model, handle, ...(config.dimensions ? { dimensions: config.dimensions } : {}) }), ...common });
  }
  const m = await import('./openai.embedder.js');
  const { createOpenAIClient } = await import('./openai.adapter.js');
  const handle = createOpenAIClient({ provider: s.provider, env, ...fetchOpt, ...(s.baseURL ? { baseURL: s.baseURL } : {}) });
  return createProviderEmbedder({ client: m.createOpenAIEmbeddingClient({ model: s.model, handle, ...(config.dimensions ? { dimensions: config.dimensions } : {}) }), ...common }) as ProviderEmbedder;
}

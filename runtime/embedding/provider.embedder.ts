/**
 * An Embedder over a provider's embedding API (OpenAI text-embedding-3-*, Gemini embeddings, any
 * OpenAI-compatible /v1/embeddings such as Ollama's): batched, cached by content, retried by the runtime's one
 * resilience layer, and counted in the ledger. The provider SDK is behind an {@link EmbeddingClient}
 * (adapters/models/*.embedder.ts), so this file stays provider-free.
 *
 * Batching: texts asked for in the same turn of the event loop (and not cached, not already in flight) go out
 * together, `maxBatch` per request. Cache: an LRU of vectors by text, per embedder (a text is embedded once
 * per process). Ledger: one entry per request, with the usage the provider reported; a provider that reports no
 * usage (Gemini's batchEmbedContents) is billed on an estimate (characters / 4), and `stats().estimatedTokens`
 * says how much of the total is estimated.
 */
import { LukhasError } from '../errors.js';
import { costOf, DEFAULT_PRICES, priceFor, type Ledger, type PriceTable } from '../models/ledger.js';
import { MODEL_PORT_VERSION, streamFromGenerate, type ModelAdapter, type ModelRequest, type ModelResponse } from '../models/model.port.js';
import { withResilience, type ResilienceOptions } from '../models/resilience.js';
import type { Embedder } from './embedder.port.js';

/** One provider's embedding endpoint, as the adapters implement it. */
export interface EmbeddingClient {
  readonly provider: string;
  readonly model: string;
  /** Most texts one request may carry (OpenAI 2,048; Gemini 100). */
  readonly maxBatch: number;
  /** Embeds texts in one request; `inputTokens` is the provider's reported usage, or null when it reports none. */
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<{ vectors: Float32Array[]; inputTokens: number | null }>;
}

/** Counters of an embedder (what it cost and what the cache saved). */
export interface EmbedderStats {
  /** Requests sent to the provider (each batch is one). */
  requests: number;
  /** Texts sent (after the cache). */
  texts: number;
  /** Texts served from the cache. */
  cacheHits: number;
  inputTokens: number;
  /** Of inputTokens, how many are estimated (the provider reported no usage). */
  estimatedTokens: number;
  usd: number;
  /** True when the model has no price in the table: `usd` then leaves it out. */
  unpriced: boolean;
}

/** Options of {@link createProviderEmbedder}. */
export interface ProviderEmbedderOptions {
  client: EmbeddingClient;
  /** Where requests are recorded (agent `embedder`, round 0). */
  ledger?: Ledger;
  prices?: PriceTable;
  /** Vectors kept in the content cache (default 50,000). */
  cacheSize?: number;
  /** The runtime's retry loop, deadlines, breaker and bulkhead (default: withResilience's defaults). */
  resilience?: ResilienceOptions;
  /** Known dimensions before the first reply (otherwise learnt from it). */
  dimensions?: number;
  /** Cosine threshold for grouping positions with this embedder (see runtime/embedding/README.md). */
  groupingThreshold?: number;
}

/** A provider embedder: the port, plus its counters and its grouping threshold. */
export interface ProviderEmbedder extends Embedder {
  stats(): EmbedderStats;
  readonly groupingThreshold: number;
  readonly provider: string;
  readonly model: string;
}

/**
 * The documented default grouping threshold for provider embedders. NOT calibrated on a public paraphrase set:
 * none is reachable from this project (runtime/embedding/README.md says so); 0.85 is a conservative starting point
 * for text-embedding-3-* style models, where paraphrases of one short answer usually score above it and different
 * short answers below — measure it on your own answers (simulations/eval/grouping-threshold.ts) before relying on it.
 */
export const PROVIDER_GROUPING_THRESHOLD = 0.85;

interface EmbedRequest extends ModelRequest { embed: readonly string[] }
type EmbedResponse = ModelResponse & { vectors: Float32Array[]; reported: boolean };

const estimate = (texts: readonly string[]) => texts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0);

/** Creates a provider embedder over a client. */
export function createProviderEmbedder(o: ProviderEmbedderOptions): ProviderEmbedder {
  const { client } = o;
  const prices = o.prices ?? DEFAULT_PRICES;
  const cacheSize = o.cacheSize ?? 50_000;
  if (!Number.isInteger(client.maxBatch) || client.maxBatch < 1) throw new LukhasError('BAD_OPTION', `invalid embedding batch size ${client.maxBatch} for ${client.provider}:${client.model}`);
  // the resilience layer wraps ModelAdapters: an embedding request rides in a request object of its own kind
  const shim: ModelAdapter = {
    portVersion: MODEL_PORT_VERSION,
    provider: client.provider,
    model: client.model,
    async generate(req, options) {
      const texts = (req as EmbedRequest).embed;
      const r = await client.embed(texts, options?.signal ? { signal: options.signal } : undefined);
      if (!Array.isArray(r.vectors) || r.vectors.length !== texts.length) {
        throw new LukhasError('MODEL_BAD_OUTPUT', `${client.provider}:${client.model} returned ${Array.isArray(r.vectors) ? r.vectors.length : 'no'} vectors for ${texts.length} texts`, { details: { provider: client.provider, model: client.model } });
      }
      const reported = r.inputTokens !== null;
      const response: EmbedResponse = { text: '', finishReason: 'stop', usage: { inputTokens: r.inputTokens ?? estimate(texts), outputTokens: 0, cachedTokens: 0 }, provider: client.provider, model: client.model, vectors: r.vectors, reported };
      return response;
    },
    stream: (req, options) => streamFromGenerate(shim, req, options),
  };
  const resilient = withResilience(shim, o.resilience);
  const cache = new Map<string, Float32Array>();
  const inflight = new Map<string, Promise<Float32Array>>();
  let queue: { text: string; resolve: (v: Float32Array) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  let dims = o.dimensions ?? 0;
  const stats: EmbedderStats = { requests: 0, texts: 0, cacheHits: 0, inputTokens: 0, estimatedTokens: 0, usd: 0, unpriced: false };

  const remember = (text: string, v: Float32Array) => {
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(text, v);
  };
  const send = async (batch: typeof queue): Promise<void> => {
    const texts = batch.map((b) => b.text);
    try {
      const r = (await resilient.generate({ messages: [], purpose: 'other', embed: texts } as EmbedRequest)) as EmbedResponse;
      stats.requests++;
      stats.texts += texts.length;
      stats.inputTokens += r.usage.inputTokens;
      if (!r.reported) stats.estimatedTokens += r.usage.inputTokens;
      o.ledger?.record({ agent: 'embedder', round: 0, provider: client.provider, model: client.model, usage: r.usage });
      const price = priceFor(prices, client.provider, client.model);
      if (price) stats.usd += costOf(r.usage, price); else stats.unpriced = true;
      r.vectors.forEach((v, i) => {
        if (dims === 0) dims = v.length;
        if (v.length !== dims) throw new LukhasError('MODEL_BAD_OUTPUT', `${client.provider}:${client.model} returned a vector of ${v.length} dimensions, expected ${dims}`);
        remember(texts[i]!, v);
        inflight.delete(texts[i]!);
        batch[i]!.resolve(v);
      });
    } catch (err) {
      for (const b of batch) { inflight.delete(b.text); b.reject(err); }
    }
  };
  const flush = (): void => {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += client.maxBatch) void send(all.slice(i, i + client.maxBatch));
  };
  const one = (text: string): Promise<Float32Array> => {
    const hit = cache.get(text);
    if (hit) {
      stats.cacheHits++;
      cache.delete(text); // LRU: most recently used last
      cache.set(text, hit);
      return Promise.resolve(hit);
    }
    const pending = inflight.get(text);
    if (pending) { stats.cacheHits++; return pending; }
    const p = new Promise<Float32Array>((resolve, reject) => queue.push({ text, resolve, reject }));
    inflight.set(text, p);
    if (!scheduled) { scheduled = true; setImmediate(flush); }
    return p;
  };
  return {
    id: `${client.provider}:${client.model}${o.dimensions ? `/${o.dimensions}` : ''}`,
    get dimensions() { return dims; },
    provider: client.provider,
    model: client.model,
    groupingThreshold: o.groupingThreshold ?? PROVIDER_GROUPING_THRESHOLD,
    embed: (texts) => Promise.all(texts.map(one)),
    stats: () => ({ ...stats }),
  };
}

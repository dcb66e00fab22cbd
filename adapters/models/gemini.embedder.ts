/**
 * Gemini embeddings through `@google/genai` (`models.embedContent`, which sends `batchEmbedContents` for the Gemini
 * API). The SDK has no retries unless asked (we never ask); the runtime's resilience layer retries. The Gemini API
 * reports no token usage for embeddings: the embedder bills an estimate and says so (stats().estimatedTokens).
 */
import type { GoogleGenAI } from '@google/genai';
import type { EmbeddingClient } from '../../runtime/embedding/provider.embedder.js';
import { createGeminiClient, type GeminiClientConfig, type GeminiClientHandle } from './gemini.adapter.js';
import { mapProviderError } from './provider-errors.js';

/** Options of {@link createGeminiEmbeddingClient}. */
export interface GeminiEmbeddingConfig {
  model: string;
  /** outputDimensionality (gemini-embedding-001 supports 768, 1536, 3072). */
  dimensions?: number;
  handle?: GeminiClientHandle;
  client?: GeminiClientConfig;
  /** Texts per request (default 100, the batchEmbedContents limit). */
  maxBatch?: number;
}

/** An embedding client for one Gemini embedding model. */
export function createGeminiEmbeddingClient(config: GeminiEmbeddingConfig): EmbeddingClient {
  const { client, secrets, fetch: custom }: GeminiClientHandle = config.handle ?? createGeminiClient(config.client);
  const model = config.model;
  const genai: GoogleGenAI = client;
  return {
    provider: 'gemini',
    model,
    maxBatch: config.maxBatch ?? 100,
    async embed(texts, options) {
      let r;
      try {
        r = await genai.models.embedContent({
          model, contents: texts as string[],
          config: {
            ...(config.dimensions ? { outputDimensionality: config.dimensions } : {}),
            ...(options?.signal ? { abortSignal: options.signal } : {}),
            ...(custom ? { httpOptions: { fetch: custom } } : {}),
          },
        });
      } catch (err) {
        throw mapProviderError(err, { provider: 'gemini', model, secrets, ...(options?.signal ? { signal: options.signal } : {}) });
      }
      return { vectors: (r.embeddings ?? []).map((e) => Float32Array.from(e.values ?? [])), inputTokens: null };
    },
  };
}

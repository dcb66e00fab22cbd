/**
 * Embeddings through the official `openai` SDK: OpenAI's text-embedding-3-* (provider `openai`) and any
 * OpenAI-compatible `/v1/embeddings` server such as Ollama or vLLM (provider `openai-compatible`). The SDK's own
 * retries are off (`maxRetries: 0`, set by createOpenAIClient); the runtime's resilience layer retries. The SDK
 * asks for base64 and decodes it to float32 values, which is what is kept.
 */
import type OpenAI from 'openai';
import type { EmbeddingClient } from '../../runtime/embedding/provider.embedder.js';
import { mapProviderError } from './provider-errors.js';
import { createOpenAIClient, type OpenAIClientConfig, type OpenAIClientHandle } from './openai.adapter.js';

/** Options of {@link createOpenAIEmbeddingClient}. */
export interface OpenAIEmbeddingConfig {
  model: string;
  /** Ask for shorter vectors (text-embedding-3-* only). */
  dimensions?: number;
  handle?: OpenAIClientHandle;
  client?: OpenAIClientConfig;
  /** Texts per request (default 2,048, OpenAI's limit; use less for small servers). */
  maxBatch?: number;
}

/** An embedding client for one model on an OpenAI(-compatible) endpoint. */
export function createOpenAIEmbeddingClient(config: OpenAIEmbeddingConfig): EmbeddingClient {
  const { client, provider, secrets }: { client: OpenAI; provider: string; secrets: string[] } = config.handle ?? createOpenAIClient(config.client);
  const model = config.model;
  return {
    provider,
    model,
    maxBatch: config.maxBatch ?? 2048,
    async embed(texts, options) {
      let r: OpenAI.CreateEmbeddingResponse;
      try {
        r = await client.embeddings.create({ model, input: texts as string[], ...(config.dimensions ? { dimensions: config.dimensions } : {}) }, options?.signal ? { signal: options.signal } : undefined);
      } catch (err) {
        throw mapProviderError(err, { provider, model, secrets, ...(options?.signal ? { signal: options.signal } : {}) });
      }
      const data = [...(r.data ?? [])].sort((a, b) => a.index - b.index);
      return {
        vectors: data.map((d) => Float32Array.from(d.embedding as unknown as number[])),
        // a compatible server may leave usage out: then it is estimated (and counted as such)
        inputTokens: typeof r.usage?.prompt_tokens === 'number' ? r.usage.prompt_tokens : null,
      };
    },
  };
}

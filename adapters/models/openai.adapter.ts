/**
 * OpenAI chat completions through the official `openai` SDK, and any OpenAI-compatible server (Ollama, vLLM,
 * LM Studio) by base URL under the provider id `openai-compatible`. The SDK's own retries are off: the runtime's
 * resilience layer owns the single retry loop (the SDK would otherwise honour any Retry-After, uncapped).
 */
import OpenAI from 'openai';
import { LukhasError } from '../../runtime/errors.js';
import { MODEL_PORT_VERSION, type CallOptions, type FinishReason, type ModelAdapter, type ModelRequest, type ModelResponse, type StreamPart, type Usage } from '../../runtime/models/model.port.js';
import { checkJson, emptyReply, mapProviderError } from './provider-errors.js';

/** Provider ids served by this adapter. */
export type OpenAIProviderId = 'openai' | 'openai-compatible';

/** How to reach an OpenAI(-compatible) endpoint. */
export interface OpenAIClientConfig {
  provider?: OpenAIProviderId;
  /** Default `OPENAI_API_KEY` for `openai`; a compatible server gets only an explicit key (never the OpenAI key). */
  apiKey?: string;
  /** Default `OPENAI_BASE_URL` for `openai`; required for `openai-compatible`. */
  baseURL?: string;
  /** SDK-level timeout per request in ms (default 600,000; the resilience layer sets tighter per-call deadlines). */
  timeoutMs?: number;
  /** The fetch the SDK sends with (default: the global fetch; the model resolver passes its pooled transport). */
  fetch?: typeof globalThis.fetch;
  /** Environment to read (default process.env, read when the client is built, never at import). */
  env?: Record<string, string | undefined>;
}

/** An SDK client plus the secrets its errors must never show. */
export interface OpenAIClientHandle {
  provider: OpenAIProviderId;
  client: OpenAI;
  secrets: string[];
}

/** Builds one SDK client (share it between adapters of the same endpoint). */
export function createOpenAIClient(config: OpenAIClientConfig = {}): OpenAIClientHandle {
  const provider = config.provider ?? 'openai';
  const env = config.env ?? process.env;
  const compatible = provider === 'openai-compatible';
  const apiKey = config.apiKey ?? (compatible ? undefined : env.OPENAI_API_KEY);
  const baseURL = config.baseURL ?? (compatible ? undefined : env.OPENAI_BASE_URL);
  if (!compatible && !apiKey) throw new LukhasError('BAD_OPTION', 'openai needs an API key: set OPENAI_API_KEY or providers.openai.apiKey', { details: { option: 'providers.openai.apiKey' } });
  if (compatible && !baseURL) throw new LukhasError('BAD_OPTION', 'openai-compatible needs a base URL: write openai-compatible:MODEL@http://host:port/v1', { details: { option: 'baseURL' } });
  const client = new OpenAI({ apiKey: apiKey ?? 'unused', ...(baseURL ? { baseURL } : {}), maxRetries: 0, timeout: config.timeoutMs ?? 600_000, logLevel: 'off', ...(config.fetch ? { fetch: config.fetch } : {}) });
  return { provider, client, secrets: apiKey ? [apiKey] : [] };
}

/** Options of {@link createOpenAIAdapter}. */
export interface OpenAIAdapterConfig {
  model: string;
  /** A shared client; built from `client` config when absent. */
  handle?: OpenAIClientHandle;
  client?: OpenAIClientConfig;
}

const FINISH: Record<string, FinishReason> = { stop: 'stop', length: 'length', content_filter: 'content-filter', tool_calls: 'tool-calls', function_call: 'tool-calls' };

function usageOf(u: OpenAI.CompletionUsage | null | undefined): Usage {
  return { inputTokens: u?.prompt_tokens ?? 0, outputTokens: u?.completion_tokens ?? 0, cachedTokens: u?.prompt_tokens_details?.cached_tokens ?? 0 };
}

/** Creates an adapter for one model on an OpenAI(-compatible) endpoint. */
export function createOpenAIAdapter(config: OpenAIAdapterConfig): ModelAdapter {
  const handle = config.handle ?? createOpenAIClient(config.client);
  const { client, provider, secrets } = handle;
  const compatible = provider === 'openai-compatible';

  const body = (req: ModelRequest, model: string) => ({
    model,
    messages: [
      ...(req.system ? [{ role: 'system' as const, content: req.system }] : []),
      ...req.messages.map((m) => ({ role: m.role, content: m.content })),
    ],
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    // Compatible servers (Ollama, older vLLM) know only max_tokens; OpenAI deprecated it for max_completion_tokens.
    ...(req.maxOutputTokens !== undefined ? (compatible ? { max_tokens: req.maxOutputTokens } : { max_completion_tokens: req.maxOutputTokens }) : {}),
    ...(req.jsonSchema ? { response_format: { type: 'json_schema' as const, json_schema: { name: req.jsonSchema.name, schema: req.jsonSchema.schema, strict: false } } } : {}),
  });
  const fail = (err: unknown, model: string, options?: CallOptions) => mapProviderError(err, { provider, model, secrets, ...(options?.signal ? { signal: options.signal } : {}) });

  return {
    portVersion: MODEL_PORT_VERSION,
    provider,
    model: config.model,
    async generate(req: ModelRequest, options?: CallOptions): Promise<ModelResponse> {
      const model = req.model ?? config.model;
      let r: OpenAI.ChatCompletion;
      try {
        r = await client.chat.completions.create({ ...body(req, model), stream: false }, { ...(options?.signal ? { signal: options.signal } : {}) });
      } catch (err) { throw fail(err, model, options); }
      const choice = r.choices?.[0];
      if (!choice) throw emptyReply(provider, model, 'no choices');
      const text = choice.message?.content ?? '';
      const finishReason: FinishReason = choice.message?.refusal ? 'content-filter' : FINISH[choice.finish_reason] ?? 'other';
      if (finishReason === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
      return { text, finishReason, usage: usageOf(r.usage), provider, model };
    },
    async *stream(req: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> {
      const model = req.model ?? config.model;
      let finish: FinishReason | undefined;
      let usage: Usage | undefined;
      let text = '';
      let choices = 0;
      try {
        const s = await client.chat.completions.create({ ...body(req, model), stream: true, stream_options: { include_usage: true } }, { ...(options?.signal ? { signal: options.signal } : {}) });
        for await (const chunk of s) {
          if (chunk.usage) usage = usageOf(chunk.usage);
          const c = chunk.choices?.[0];
          if (!c) continue;
          choices++;
          const delta = c.delta?.content;
          if (delta) { text += delta; yield { type: 'text-delta', text: delta }; }
          if (c.finish_reason) finish = FINISH[c.finish_reason] ?? 'other';
        }
      } catch (err) { throw fail(err, model, options); }
      if (choices === 0) throw emptyReply(provider, model, 'no choices');
      if (!finish) throw new LukhasError('MODEL_ERROR', `${provider}:${model} stream ended without a finish reason`, { retryable: true, details: { provider, model } });
      if (finish === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
      // A compatible server that does not report usage in streams gives zeros here; OpenAI always reports it.
      yield { type: 'finish', finishReason: finish, usage: usage ?? { inputTokens: 0, outputTokens: 0, cachedTokens: 0 }, provider, model };
    },
  };
}

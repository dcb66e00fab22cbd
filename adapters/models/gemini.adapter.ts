/**
 * Gemini through `@google/genai` (the maintained successor of `@google/generative-ai`). The SDK has no retries
 * unless `retryOptions` is set (we never set it) and resumes broken streams on its own unless
 * `automaticContinuation` is false (we set it false: one call, one request, so the emulator's counts and the
 * ledger agree). It drops response headers from its errors, so a per-call fetch wrapper captures Retry-After.
 * Usage: thinking tokens (`thoughtsTokenCount`) are billed as output, so they are counted in outputTokens.
 */
import { GoogleGenAI, type GenerateContentConfig, type GenerateContentResponse } from '@google/genai';
import { LukhasError } from '../../runtime/errors.js';
import { MODEL_PORT_VERSION, type CallOptions, type FinishReason, type ModelAdapter, type ModelRequest, type ModelResponse, type StreamPart, type Usage } from '../../runtime/models/model.port.js';
import { checkJson, emptyReply, mapProviderError, parseRetryAfter } from './provider-errors.js';
import { providerCredentials, type ClientHandle, type ProviderClientConfig } from './provider-client.js';

/** How to reach Gemini (key default `GEMINI_API_KEY`, base URL default `GOOGLE_GEMINI_BASE_URL`). */
export type GeminiClientConfig = ProviderClientConfig;

/** An SDK client plus the secrets its errors must never show. */
export type GeminiClientHandle = ClientHandle<GoogleGenAI>;

/** Builds one SDK client (share it between adapters). */
export function createGeminiClient(config: GeminiClientConfig = {}): GeminiClientHandle {
  const { apiKey, baseURL: baseUrl } = providerCredentials('gemini', config, 'GEMINI_API_KEY', 'GOOGLE_GEMINI_BASE_URL');
  const client = new GoogleGenAI({ apiKey, httpOptions: { ...(baseUrl ? { baseUrl } : {}), ...(config.timeoutMs ? { timeout: config.timeoutMs } : {}) } });
  return { client, secrets: [apiKey], ...(config.fetch ? { fetch: config.fetch } : {}) };
}

/** Options of {@link createGeminiAdapter}. */
export interface GeminiAdapterConfig {
  model: string;
  handle?: GeminiClientHandle;
  client?: GeminiClientConfig;
}

const FINISH: Record<string, FinishReason> = {
  STOP: 'stop', MAX_TOKENS: 'length', SAFETY: 'content-filter', RECITATION: 'content-filter', BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter', SPII: 'content-filter', IMAGE_SAFETY: 'content-filter', MALFORMED_FUNCTION_CALL: 'error',
};

function usageOf(r: GenerateContentResponse | undefined): Usage {
  const u = r?.usageMetadata;
  return { inputTokens: u?.promptTokenCount ?? 0, outputTokens: (u?.candidatesTokenCount ?? 0) + (u?.thoughtsTokenCount ?? 0), cachedTokens: u?.cachedContentTokenCount ?? 0 };
}

function textOf(r: GenerateContentResponse): string {
  const parts = r.candidates?.[0]?.content?.parts ?? [];
  return parts.filter((p) => !p.thought && typeof p.text === 'string').map((p) => p.text).join('');
}

/** Creates an adapter for one Gemini model. */
export function createGeminiAdapter(config: GeminiAdapterConfig): ModelAdapter {
  const { client, secrets, fetch: custom } = config.handle ?? createGeminiClient(config.client);
  const provider = 'gemini';

  /** One call's config, with a fetch wrapper that remembers the Retry-After header the SDK would drop. */
  const callConfig = (req: ModelRequest, options: CallOptions | undefined, seen: { retryAfterMs?: number }): GenerateContentConfig => ({
    ...(req.system ? { systemInstruction: req.system } : {}),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxOutputTokens !== undefined ? { maxOutputTokens: req.maxOutputTokens } : {}),
    ...(req.jsonSchema ? { responseMimeType: 'application/json', responseJsonSchema: req.jsonSchema.schema } : {}),
    ...(options?.signal ? { abortSignal: options.signal } : {}),
    automaticContinuation: false,
    httpOptions: {
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const res = await (custom ?? fetch)(input, init);
        if (res.status === 429) { const ms = parseRetryAfter(res.headers); if (ms !== undefined) seen.retryAfterMs = ms; }
        return res;
      },
    },
  });
  const contents = (req: ModelRequest) => req.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
  const fail = (err: unknown, model: string, options: CallOptions | undefined, seen: { retryAfterMs?: number }) =>
    mapProviderError(err, { provider, model, secrets, ...(options?.signal ? { signal: options.signal } : {}), ...(seen.retryAfterMs !== undefined ? { retryAfterMs: seen.retryAfterMs } : {}) });

  return {
    portVersion: MODEL_PORT_VERSION,
    provider,
    model: config.model,
    async generate(req: ModelRequest, options?: CallOptions): Promise<ModelResponse> {
      const model = req.model ?? config.model;
      const seen: { retryAfterMs?: number } = {};
      let r: GenerateContentResponse;
      try {
        r = await client.models.generateContent({ model, contents: contents(req), config: callConfig(req, options, seen) });
      } catch (err) { throw fail(err, model, options, seen); }
      const cand = r.candidates?.[0];
      if (!cand) throw emptyReply(provider, model, 'no candidates');
      const text = textOf(r);
      const finishReason = cand.finishReason ? FINISH[cand.finishReason] ?? 'other' : 'other';
      if (finishReason === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
      return { text, finishReason, usage: usageOf(r), provider, model };
    },
    async *stream(req: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> {
      const model = req.model ?? config.model;
      const seen: { retryAfterMs?: number } = {};
      let last: GenerateContentResponse | undefined;
      let finish: FinishReason | undefined;
      let text = '';
      let candidates = 0;
      try {
        const s = await client.models.generateContentStream({ model, contents: contents(req), config: callConfig(req, options, seen) });
        for await (const chunk of s) {
          if (chunk.usageMetadata) last = chunk;
          const cand = chunk.candidates?.[0];
          if (!cand) continue;
          candidates++;
          const t = textOf(chunk);
          if (t) { text += t; yield { type: 'text-delta', text: t }; }
          if (cand.finishReason) finish = FINISH[cand.finishReason] ?? 'other';
        }
      } catch (err) { throw fail(err, model, options, seen); }
      if (candidates === 0) throw emptyReply(provider, model, 'no candidates');
      if (!finish) throw new LukhasError('MODEL_ERROR', `gemini:${model} stream ended without a finish reason`, { retryable: true, details: { provider, model } });
      if (finish === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
      yield { type: 'finish', finishReason: finish, usage: usageOf(last), provider, model };
    },
  };
}

/**
 * Gemini through `@google/genai` (the maintained successor of `@google/generative-ai`). The SDK has no retries
 * unless `retryOptions` is set (we never set it) and resumes broken streams on its own unless
 * `automaticContinuation` is false (we set it false: one call, one request, so the emulator's counts and the
 * ledger agree). It drops response headers from its errors, so a per-call fetch wrapper captures Retry-After.
 * Usage: thinking tokens (`thoughtsTokenCount`) are billed as output, so they are counted in outputTokens.
 */
import { FunctionCallingConfigMode, GoogleGenAI, type Content, type GenerateContentConfig, type GenerateContentResponse, type Part } from '@google/genai';
import { LukhasError } from '../../runtime/errors.js';
import { MODEL_PORT_VERSION_2, type CallOptions, type ChatMessage, type FinishReason, type ImageInput, type ModelAdapter, type ModelRequest, type ModelResponse, type StreamPart, type ToolCall, type ToolChoice, type Usage } from '../../runtime/models/model.port.js';
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
  const usage: Usage = { inputTokens: u?.promptTokenCount ?? 0, outputTokens: (u?.candidatesTokenCount ?? 0) + (u?.thoughtsTokenCount ?? 0), cachedTokens: u?.cachedContentTokenCount ?? 0 };
  // Gemini reports input by modality: image tokens are kept apart (priced at the image rate when the table has one)
  const image = u?.promptTokensDetails?.find((d) => d.modality === 'IMAGE')?.tokenCount;
  if (image) usage.imageTokens = image;
  return usage;
}

function textOf(r: GenerateContentResponse): string {
  const parts = r.candidates?.[0]?.content?.parts ?? [];
  return parts.filter((p) => !p.thought && typeof p.text === 'string').map((p) => p.text).join('');
}

/** Gemini may give a call no id: such calls are numbered `gemini-<i>` here, and that id is never sent back. */
const SYNTHETIC_ID = /^gemini-\d+$/;

/** The function calls of a reply (or of one streamed chunk, numbered from `offset`). */
function callsOf(r: GenerateContentResponse, offset = 0): ToolCall[] {
  const parts = r.candidates?.[0]?.content?.parts ?? [];
  const out: ToolCall[] = [];
  for (const p of parts) {
    if (!p.functionCall) continue;
    const fc = p.functionCall;
    out.push({ id: fc.id ?? `gemini-${offset + out.length}`, name: fc.name ?? '', arguments: JSON.stringify(fc.args ?? {}), ...(p.thoughtSignature ? { signature: p.thoughtSignature } : {}) });
  }
  return out;
}

function imagePart(image: ImageInput, model: string): Part {
  if (image.source === 'base64') return { inlineData: { mimeType: image.mediaType, data: image.data } };
  if (!image.mediaType) throw new LukhasError('BAD_INPUT', `gemini:${model} needs the media type of an image URL (${image.url.slice(0, 100)}): give mediaType, or use a URL ending in .png/.jpg/.gif/.webp`, { details: { provider: 'gemini', model } });
  return { fileData: { fileUri: image.url, mimeType: image.mediaType } };
}

function argsOf(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch { return {}; }
}

/** One port message as Gemini content: plain text stays one text part (v1 bytes unchanged). */
function wireContent(m: ChatMessage, model: string): Content {
  if (m.role === 'assistant') {
    const parts: Part[] = m.content.length > 0 || !m.toolCalls?.length ? [{ text: m.content }] : [];
    for (const c of m.toolCalls ?? []) {
      parts.push({ functionCall: { ...(SYNTHETIC_ID.test(c.id) ? {} : { id: c.id }), name: c.name, args: argsOf(c.arguments) }, ...(c.signature ? { thoughtSignature: c.signature } : {}) });
    }
    return { role: 'model', parts };
  }
  if (!m.images?.length && !m.toolResults?.length) return { role: 'user', parts: [{ text: m.content }] };
  return { role: 'user', parts: [
    ...(m.toolResults ?? []).map((r): Part => ({ functionResponse: { ...(SYNTHETIC_ID.test(r.callId) ? {} : { id: r.callId }), name: r.name, response: r.isError ? { error: r.content } : { output: r.content } } })),
    ...(m.images ?? []).map((i) => imagePart(i, model)),
    ...(m.content.length > 0 ? [{ text: m.content }] : []),
  ] };
}

function toolConfigOf(c: ToolChoice): NonNullable<GenerateContentConfig['toolConfig']> {
  if (c === 'auto') return { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } };
  if (c === 'none') return { functionCallingConfig: { mode: FunctionCallingConfigMode.NONE } };
  if (c === 'required') return { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } };
  return { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: [c.name] } };
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
    ...(req.tools?.length ? {
      tools: [{ functionDeclarations: req.tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), parametersJsonSchema: t.parameters })) }],
      ...(req.toolChoice ? { toolConfig: toolConfigOf(req.toolChoice) } : {}),
      // the runtime runs tools itself (gated, journaled): the SDK must never call functions on its own
      automaticFunctionCalling: { disable: true },
    } : {}),
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
  const contents = (req: ModelRequest, model: string) => req.messages.map((m) => wireContent(m, model));
  const fail = (err: unknown, model: string, options: CallOptions | undefined, seen: { retryAfterMs?: number }) =>
    mapProviderError(err, { provider, model, secrets, ...(options?.signal ? { signal: options.signal } : {}), ...(seen.retryAfterMs !== undefined ? { retryAfterMs: seen.retryAfterMs } : {}) });

  return {
    portVersion: MODEL_PORT_VERSION_2,
    provider,
    model: config.model,
    async generate(req: ModelRequest, options?: CallOptions): Promise<ModelResponse> {
      const model = req.model ?? config.model;
      const seen: { retryAfterMs?: number } = {};
      let r: GenerateContentResponse;
      try {
        r = await client.models.generateContent({ model, contents: contents(req, model), config: callConfig(req, options, seen) });
      } catch (err) { throw fail(err, model, options, seen); }
      const cand = r.candidates?.[0];
      if (!cand) throw emptyReply(provider, model, 'no candidates');
      const text = textOf(r);
      const toolCalls = callsOf(r);
      // Gemini ends a function-calling turn with STOP: the calls say what it is
      const finishReason = toolCalls.length ? 'tool-calls' : cand.finishReason ? FINISH[cand.finishReason] ?? 'other' : 'other';
      if (finishReason === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
      return { text, finishReason, usage: usageOf(r), provider, model, ...(toolCalls.length ? { toolCalls } : {}) };
    },
    async *stream(req: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> {
      const model = req.model ?? config.model;
      const seen: { retryAfterMs?: number } = {};
      let last: GenerateContentResponse | undefined;
      let finish: FinishReason | undefined;
      let text = '';
      let candidates = 0;
      const toolCalls: ToolCall[] = [];
      try {
        const s = await client.models.generateContentStream({ model, contents: contents(req, model), config: callConfig(req, options, seen) });
        for await (const chunk of s) {
          if (chunk.usageMetadata) last = chunk;
          const cand = chunk.candidates?.[0];
          if (!cand) continue;
          candidates++;
          const t = textOf(chunk);
          if (t) { text += t; yield { type: 'text-delta', text: t }; }
          toolCalls.push(...callsOf(chunk, toolCalls.length));
          if (cand.finishReason) finish = FINISH[cand.finishReason] ?? 'other';
        }
      } catch (err) { throw fail(err, model, options, seen); }
      if (candidates === 0) throw emptyReply(provider, model, 'no candidates');
      if (!finish) throw new LukhasError('MODEL_ERROR', `gemini:${model} stream ended without a finish reason`, { retryable: true, details: { provider, model } });
      if (toolCalls.length && finish === 'stop') finish = 'tool-calls';
      if (finish === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
      yield { type: 'finish', finishReason: finish, usage: usageOf(last), provider, model, ...(toolCalls.length ? { toolCalls } : {}) };
    },
  };
}

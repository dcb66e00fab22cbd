/**
 * OpenAI chat completions through the official `openai` SDK, and any OpenAI-compatible server (Ollama, vLLM,
 * LM Studio) by base URL under the provider id `openai-compatible`. The SDK's own retries are off: the runtime's
 * resilience layer owns the single retry loop (the SDK would otherwise honour any Retry-After, uncapped).
 */
import OpenAI from 'openai';
import { LukhasError } from '../../runtime/errors.js';
import { dataUrlOf } from '../../runtime/models/image-input.js';
import { MODEL_PORT_VERSION_2, type CallOptions, type ChatMessage, type FinishReason, type ImageInput, type ModelAdapter, type ModelRequest, type ModelResponse, type StreamPart, type ToolCall, type ToolChoice, type Usage } from '../../runtime/models/model.port.js';
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

function imagePart(image: ImageInput): OpenAI.ChatCompletionContentPartImage {
  const url = image.source === 'base64' ? dataUrlOf(image) : image.url;
  return { type: 'image_url', image_url: { url, ...(image.detail ? { detail: image.detail } : {}) } };
}

/** One port message as OpenAI messages: tool results become `tool` messages, images content parts before the text. */
function wireMessages(m: ChatMessage): OpenAI.ChatCompletionMessageParam[] {
  if (m.role === 'assistant') {
    if (!m.toolCalls?.length) return [{ role: 'assistant', content: m.content }];
    return [{
      role: 'assistant', content: m.content.length > 0 ? m.content : null,
      tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
    }];
  }
  const out: OpenAI.ChatCompletionMessageParam[] = [];
  for (const r of m.toolResults ?? []) out.push({ role: 'tool', tool_call_id: r.callId, content: r.content });
  if (m.images?.length) {
    out.push({ role: 'user', content: [...m.images.map(imagePart), ...(m.content.length > 0 ? [{ type: 'text' as const, text: m.content }] : [])] });
  } else if (!m.toolResults?.length || m.content.length > 0) out.push({ role: 'user', content: m.content });
  return out;
}

function toolChoiceOf(c: ToolChoice): OpenAI.ChatCompletionToolChoiceOption {
  return typeof c === 'string' ? c : { type: 'function', function: { name: c.name } };
}

/**
 * The chat-completions body of a port request, as the adapter sends it and as a Batch API input line carries it
 * (so a batch run sends the same requests as a live one).
 */
export function openAIChatBody(req: ModelRequest, model: string, compatible = false): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: [
      ...(req.system ? [{ role: 'system' as const, content: req.system }] : []),
      ...req.messages.flatMap(wireMessages),
    ],
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    // Compatible servers (Ollama, older vLLM) know only max_tokens; OpenAI deprecated it for max_completion_tokens.
    ...(req.maxOutputTokens !== undefined ? (compatible ? { max_tokens: req.maxOutputTokens } : { max_completion_tokens: req.maxOutputTokens }) : {}),
    ...(req.jsonSchema ? { response_format: { type: 'json_schema' as const, json_schema: { name: req.jsonSchema.name, schema: req.jsonSchema.schema, strict: false } } } : {}),
    ...(req.tools?.length ? {
      tools: req.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters } })),
      ...(req.toolChoice ? { tool_choice: toolChoiceOf(req.toolChoice) } : {}),
    } : {}),
  };
}

/**
 * A chat completion as a port response (a live reply or one line of a Batch API output file). Throws
 * MODEL_BAD_OUTPUT for a reply without choices, or without the JSON a schema asked for.
 */
export function openAIResponse(r: OpenAI.ChatCompletion, req: ModelRequest, provider: string, model: string): ModelResponse {
  const choice = r.choices?.[0];
  if (!choice) throw emptyReply(provider, model, 'no choices');
  const text = choice.message?.content ?? '';
  const finishReason: FinishReason = choice.message?.refusal ? 'content-filter' : FINISH[choice.finish_reason] ?? 'other';
  if (finishReason === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
  const calls = (choice.message?.tool_calls ?? []).flatMap((c): ToolCall[] => (c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : []));
  return { text, finishReason, usage: usageOf(r.usage), provider, model, ...(calls.length ? { toolCalls: calls } : {}) };
}

/** Creates an adapter for one model on an OpenAI(-compatible) endpoint. */
export function createOpenAIAdapter(config: OpenAIAdapterConfig): ModelAdapter {
  const handle = config.handle ?? createOpenAIClient(config.client);
  const { client, provider, secrets } = handle;
  const compatible = provider === 'openai-compatible';

  const body = (req: ModelRequest, model: string) => openAIChatBody(req, model, compatible);
  const fail = (err: unknown, model: string, options?: CallOptions) => mapProviderError(err, { provider, model, secrets, ...(options?.signal ? { signal: options.signal } : {}) });

  return {
    portVersion: MODEL_PORT_VERSION_2,
    provider,
    model: config.model,
    async generate(req: ModelRequest, options?: CallOptions): Promise<ModelResponse> {
      const model = req.model ?? config.model;
      let r: OpenAI.ChatCompletion;
      try {
        r = await client.chat.completions.create({ ...body(req, model), stream: false }, { ...(options?.signal ? { signal: options.signal } : {}) });
      } catch (err) { throw fail(err, model, options); }
      return openAIResponse(r, req, provider, model);
    },
    async *stream(req: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> {
      const model = req.model ?? config.model;
      let finish: FinishReason | undefined;
      let usage: Usage | undefined;
      let text = '';
      let choices = 0;
      // tool-call deltas arrive by index: the first carries id and name, later ones pieces of the arguments
      const calls: { id: string; name: string; arguments: string }[] = [];
      try {
        const s = await client.chat.completions.create({ ...body(req, model), stream: true, stream_options: { include_usage: true } }, { ...(options?.signal ? { signal: options.signal } : {}) });
        for await (const chunk of s) {
          if (chunk.usage) usage = usageOf(chunk.usage);
          const c = chunk.choices?.[0];
          if (!c) continue;
          choices++;
          const delta = c.delta?.content;
          if (delta) { text += delta; yield { type: 'text-delta', text: delta }; }
          for (const t of c.delta?.tool_calls ?? []) {
            const call = (calls[t.index] ??= { id: '', name: '', arguments: '' });
            if (t.id) call.id = t.id;
            if (t.function?.name) call.name += t.function.name;
            if (t.function?.arguments) call.arguments += t.function.arguments;
          }
          if (c.finish_reason) finish = FINISH[c.finish_reason] ?? 'other';
        }
      } catch (err) { throw fail(err, model, options); }
      if (choices === 0) throw emptyReply(provider, model, 'no choices');
      if (!finish) throw new LukhasError('MODEL_ERROR', `${provider}:${model} stream ended without a finish reason`, { retryable: true, details: { provider, model } });
      if (finish === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
      // A compatible server that does not report usage in streams gives zeros here; OpenAI always reports it.
      const toolCalls = calls.filter((c) => c !== undefined);
      yield { type: 'finish', finishReason: finish, usage: usage ?? { inputTokens: 0, outputTokens: 0, cachedTokens: 0 }, provider, model, ...(toolCalls.length ? { toolCalls } : {}) };
    },
  };
}

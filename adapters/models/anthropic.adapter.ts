/**
 * Anthropic messages through `@anthropic-ai/sdk` with its retries off. Long outputs are streamed even for
 * `generate`: the SDK refuses non-streaming calls whose max_tokens could exceed its 10-minute budget (~21,300).
 * Usage is normalised to the port's convention: Anthropic's `input_tokens` EXCLUDES cache reads and writes, so
 * inputTokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens, cachedTokens = cache reads.
 */
import Anthropic from '@anthropic-ai/sdk';
import { LukhasError } from '../../runtime/errors.js';
import { MODEL_PORT_VERSION_2, collectStream, type CallOptions, type ChatMessage, type FinishReason, type ImageInput, type ModelAdapter, type ModelRequest, type ModelResponse, type StreamPart, type ToolCall, type ToolChoice, type Usage } from '../../runtime/models/model.port.js';
import { checkJson, emptyReply, mapProviderError } from './provider-errors.js';
import { providerCredentials, type ClientHandle, type ProviderClientConfig } from './provider-client.js';

/** Above this max_tokens, `generate` streams (the SDK's non-streaming limit sits near 21,300). */
export const ANTHROPIC_STREAM_THRESHOLD = 16_000;
/** Anthropic requires max_tokens; used when the request gives none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

/** How to reach Anthropic (key default `ANTHROPIC_API_KEY`, base URL default `ANTHROPIC_BASE_URL`). */
export type AnthropicClientConfig = ProviderClientConfig;

/** An SDK client plus the secrets its errors must never show. */
export type AnthropicClientHandle = ClientHandle<Anthropic>;

/** Builds one SDK client (share it between adapters). */
export function createAnthropicClient(config: AnthropicClientConfig = {}): AnthropicClientHandle {
  const { apiKey, baseURL } = providerCredentials('anthropic', config, 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL');
  const client = new Anthropic({ apiKey, ...(baseURL ? { baseURL } : {}), maxRetries: 0, timeout: config.timeoutMs ?? 600_000, logLevel: 'off', ...(config.fetch ? { fetch: config.fetch } : {}) });
  return { client, secrets: [apiKey] };
}

/** Options of {@link createAnthropicAdapter}. */
export interface AnthropicAdapterConfig {
  model: string;
  handle?: AnthropicClientHandle;
  client?: AnthropicClientConfig;
}

const FINISH: Record<string, FinishReason> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool-calls', refusal: 'content-filter', model_context_window_exceeded: 'length' };

interface RawUsage { input_tokens?: number | null; output_tokens?: number | null; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null }

function usageOf(u: RawUsage): Usage {
  const read = u.cache_read_input_tokens ?? 0;
  return { inputTokens: (u.input_tokens ?? 0) + read + (u.cache_creation_input_tokens ?? 0), outputTokens: u.output_tokens ?? 0, cachedTokens: read };
}

function imageBlock(image: ImageInput): Anthropic.ImageBlockParam {
  if (image.source === 'base64') return { type: 'image', source: { type: 'base64', media_type: image.mediaType, data: image.data } };
  return { type: 'image', source: { type: 'url', url: image.url } };
}

/** Arguments JSON as an object: Anthropic wants `input` as an object (an unparseable text becomes `{}`). */
function inputOf(args: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(args);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch { return {}; }
}

/** One port message as an Anthropic message: plain text stays a string (v1 bytes unchanged), else content blocks. */
function wireMessage(m: ChatMessage): Anthropic.MessageParam {
  if (m.role === 'assistant') {
    if (!m.toolCalls?.length) return { role: 'assistant', content: m.content };
    return { role: 'assistant', content: [
      ...(m.content.length > 0 ? [{ type: 'text' as const, text: m.content }] : []),
      ...m.toolCalls.map((c) => ({ type: 'tool_use' as const, id: c.id, name: c.name, input: inputOf(c.arguments) })),
    ] };
  }
  if (!m.images?.length && !m.toolResults?.length) return { role: 'user', content: m.content };
  // tool results must come first in the user turn that answers a tool_use turn
  return { role: 'user', content: [
    ...(m.toolResults ?? []).map((r) => ({ type: 'tool_result' as const, tool_use_id: r.callId, content: r.content, ...(r.isError ? { is_error: true } : {}) })),
    ...(m.images ?? []).map(imageBlock),
    ...(m.content.length > 0 ? [{ type: 'text' as const, text: m.content }] : []),
  ] };
}

function toolChoiceOf(c: ToolChoice): Anthropic.ToolChoice {
  if (c === 'auto') return { type: 'auto' };
  if (c === 'none') return { type: 'none' };
  if (c === 'required') return { type: 'any' };
  return { type: 'tool', name: c.name };
}

/**
 * The messages body of a port request, as the adapter sends it and as a Message Batches request carries it in
 * `params` (so a batch run sends the same requests as a live one).
 */
export function anthropicBody(req: ModelRequest, model: string): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: req.maxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    ...(req.system ? { system: req.system } : {}),
    messages: req.messages.map(wireMessage),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.jsonSchema ? { output_config: { format: { type: 'json_schema' as const, schema: req.jsonSchema.schema } } } : {}),
    ...(req.tools?.length ? {
      tools: req.tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), input_schema: { type: 'object' as const, ...t.parameters } })),
      ...(req.toolChoice ? { tool_choice: toolChoiceOf(req.toolChoice) } : {}),
    } : {}),
  };
}

/** Arguments text normalised (streamed partial JSON and a whole `input` object give the same text). */
function argumentsText(json: string): string {
  if (json === '') return '{}';
  try { return JSON.stringify(JSON.parse(json)); } catch { return json; }
}

/**
 * A Message as a port response (a live reply or a Message Batches result). Throws MODEL_BAD_OUTPUT for a reply
 * without content blocks, or without the JSON a schema asked for.
 */
export function anthropicResponse(r: Anthropic.Message, req: ModelRequest, model: string): ModelResponse {
  const provider = 'anthropic';
  if (!r.content || r.content.length === 0) throw emptyReply(provider, model, 'no content blocks');
  const text = r.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  const finishReason = r.stop_reason ? FINISH[r.stop_reason] ?? 'other' : 'other';
  if (finishReason === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
  const calls = r.content.flatMap((b): ToolCall[] => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: argumentsText(JSON.stringify(b.input ?? {})) }] : []));
  return { text, finishReason, usage: usageOf(r.usage), provider, model, ...(calls.length ? { toolCalls: calls } : {}) };
}

/** Creates an adapter for one Anthropic model. */
export function createAnthropicAdapter(config: AnthropicAdapterConfig): ModelAdapter {
  const { client, secrets } = config.handle ?? createAnthropicClient(config.client);
  const provider = 'anthropic';
  const body = anthropicBody;
  const fail = (err: unknown, model: string, options?: CallOptions) => mapProviderError(err, { provider, model, secrets, ...(options?.signal ? { signal: options.signal } : {}) });
  const sdkOptions = (options?: CallOptions) => (options?.signal ? { signal: options.signal } : {});

  async function* stream(req: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> {
    const model = req.model ?? config.model;
    let raw: RawUsage = {};
    let finish: FinishReason | undefined;
    let text = '';
    let blocks = 0;
    // tool_use blocks by content index: id and name at the start, the arguments as partial JSON deltas
    const calls = new Map<number, { id: string; name: string; json: string }>();
    try {
      const s = await client.messages.create({ ...body(req, model), stream: true }, sdkOptions(options));
      for await (const ev of s) {
        if (ev.type === 'message_start') raw = { ...ev.message.usage };
        else if (ev.type === 'content_block_start') {
          blocks++;
          if (ev.content_block.type === 'tool_use') calls.set(ev.index, { id: ev.content_block.id, name: ev.content_block.name, json: '' });
        } else if (ev.type === 'content_block_delta' && ev.delta.type === 'input_json_delta') {
          const c = calls.get(ev.index);
          if (c) c.json += ev.delta.partial_json;
        } else if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') {
          text += ev.delta.text;
          yield { type: 'text-delta', text: ev.delta.text };
        } else if (ev.type === 'message_delta') {
          // message_delta carries cumulative counts; fields it omits keep their message_start values.
          const u = ev.usage as RawUsage;
          raw = { ...raw, ...Object.fromEntries(Object.entries(u).filter(([, v]) => v !== null && v !== undefined)) };
          if (ev.delta.stop_reason) finish = FINISH[ev.delta.stop_reason] ?? 'other';
        }
      }
    } catch (err) { throw fail(err, model, options); }
    if (!finish) throw new LukhasError('MODEL_ERROR', `anthropic:${model} stream ended without a stop reason`, { retryable: true, details: { provider, model } });
    if (blocks === 0) throw emptyReply(provider, model, 'no content blocks');
    if (finish === 'stop') checkJson(text, Boolean(req.jsonSchema), provider, model);
    const toolCalls = [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]): ToolCall => ({ id: c.id, name: c.name, arguments: argumentsText(c.json) }));
    yield { type: 'finish', finishReason: finish, usage: usageOf(raw), provider, model, ...(toolCalls.length ? { toolCalls } : {}) };
  }

  return {
    portVersion: MODEL_PORT_VERSION_2,
    provider,
    model: config.model,
    async generate(req: ModelRequest, options?: CallOptions): Promise<ModelResponse> {
      const model = req.model ?? config.model;
      if ((req.maxOutputTokens ?? 0) > ANTHROPIC_STREAM_THRESHOLD) return collectStream(stream(req, options));
      let r: Anthropic.Message;
      try {
        r = await client.messages.create({ ...body(req, model), stream: false }, sdkOptions(options));
      } catch (err) { throw fail(err, model, options); }
      return anthropicResponse(r, req, model);
    },
    stream,
  };
}

/**
 * The three wire protocols the provider emulator speaks: parsing a request body into a provider-neutral view and
 * formatting replies (whole bodies, SSE events, error bodies) the way OpenAI chat completions, Anthropic messages
 * and Gemini generateContent do, close enough that the official SDKs accept them unchanged.
 */
import type { Usage } from '../../runtime/models/model.port.js';
import type { EmulatedImage } from './emulator.images.js';

/** The wire protocols the emulator speaks. */
export type EmulatorProvider = 'openai' | 'anthropic' | 'gemini';

/** A tool call as the emulator saw it in a request's history, or scripts it in a reply. */
export interface EmulatedToolCall { id?: string; name: string; arguments: string }

/** A tool result as the emulator saw it in a request. */
export interface EmulatedToolResult { callId?: string; name?: string; content: string; isError: boolean }

/** One message of a request, in neutral form (tool calls, tool results and images only when present). */
export interface EmulatedMessage {
  role: string;
  content: string;
  toolCalls?: EmulatedToolCall[];
  toolResults?: EmulatedToolResult[];
  images?: EmulatedImage[];
}

/** A request as the emulator understood it. */
export interface EmulatedRequest {
  provider: EmulatorProvider;
  model: string;
  stream: boolean;
  /** True when the request asked for JSON (structured output). */
  json: boolean;
  system?: string;
  messages: EmulatedMessage[];
  maxOutputTokens?: number;
  /** Names of the tools the request declared (absent when none). */
  tools?: string[];
  /** Usage the emulator billed for this request (set once it answered whole). */
  usage?: Usage & { imageTokens: number };
  /** 1-based index of this request across all providers since the last reset. */
  n: number;
  /** The raw parsed body, for assertions. */
  body: Record<string, unknown>;
  /** The API key the client presented (to check that a configured key really was sent). */
  key?: string;
}

type Json = Record<string, unknown>;

const textOf = (parts: unknown): string => {
  if (typeof parts === 'string') return parts;
  if (Array.isArray(parts)) return parts.map((p) => (typeof p === 'string' ? p : String((p as Json)?.text ?? ''))).join('');
  return '';
};

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** The neutral message, with the optional fields only when non-empty. */
function message(role: string, content: string, extra: { toolCalls?: EmulatedToolCall[]; toolResults?: EmulatedToolResult[]; images?: EmulatedImage[] }): EmulatedMessage {
  const m: EmulatedMessage = { role, content };
  if (extra.toolCalls?.length) m.toolCalls = extra.toolCalls;
  if (extra.toolResults?.length) m.toolResults = extra.toolResults;
  if (extra.images?.length) m.images = extra.images;
  return m;
}
function dataUrlImage(url: string, detail?: string): EmulatedImage {
  const d = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return d ? { mediaType: d[1]!, data: d[2]!, ...(detail ? { detail } : {}) } : { url, ...(detail ? { detail } : {}) };
}

function openaiMessages(msgs: Json[]): EmulatedMessage[] {
  const out: EmulatedMessage[] = [];
  for (const m of msgs) {
    if (m.role === 'system' || m.role === 'developer') continue;
    if (m.role === 'tool') {
      // consecutive tool messages answer one assistant turn: kept together as one neutral user message
      const r: EmulatedToolResult = { ...(str(m.tool_call_id) ? { callId: str(m.tool_call_id)! } : {}), content: textOf(m.content), isError: false };
      const last = out[out.length - 1];
      if (last?.role === 'tool') (last.toolResults ??= []).push(r); else out.push(message('tool', '', { toolResults: [r] }));
      continue;
    }
    const images = arr(m.content).filter((p) => p.type === 'image_url').map((p) => { const u = p.image_url as Json; return dataUrlImage(String(u.url ?? ''), str(u.detail)); });
    const toolCalls = arr(m.tool_calls).map((c) => { const f = c.function as Json; return { ...(str(c.id) ? { id: str(c.id)! } : {}), name: String(f?.name ?? ''), arguments: String(f?.arguments ?? '') }; });
    out.push(message(String(m.role), textOf(arr(m.content).length ? arr(m.content).filter((p) => p.type === 'text') : m.content), { toolCalls, images }));
  }
  return out;
}

function anthropicMessages(msgs: Json[]): EmulatedMessage[] {
  return msgs.map((m) => {
    const blocks = arr(m.content);
    const images = blocks.filter((b) => b.type === 'image').map((b): EmulatedImage => {
      const src = b.source as Json;
      return src?.type === 'base64' ? { mediaType: String(src.media_type ?? ''), data: String(src.data ?? '') } : { url: String(src?.url ?? '') };
    });
    const toolCalls = blocks.filter((b) => b.type === 'tool_use').map((b) => ({ ...(str(b.id) ? { id: str(b.id)! } : {}), name: String(b.name ?? ''), arguments: JSON.stringify(b.input ?? {}) }));
    const toolResults = blocks.filter((b) => b.type === 'tool_result').map((b) => ({ ...(str(b.tool_use_id) ? { callId: str(b.tool_use_id)! } : {}), content: textOf(b.content), isError: b.is_error === true }));
    return message(String(m.role), textOf(blocks.length ? blocks.filter((b) => b.type === 'text') : m.content), { toolCalls, toolResults, images });
  });
}

function geminiMessages(contents: Json[]): EmulatedMessage[] {
  return contents.map((c) => {
    const parts = arr(c.parts);
    const images = parts.flatMap((p): EmulatedImage[] => {
      const inline = p.inlineData as Json | undefined;
      if (inline) return [{ mediaType: String(inline.mimeType ?? ''), data: String(inline.data ?? '') }];
      const file = p.fileData as Json | undefined;
      return file ? [{ url: String(file.fileUri ?? ''), mediaType: String(file.mimeType ?? '') }] : [];
    });
    const toolCalls = parts.filter((p) => p.functionCall).map((p) => { const f = p.functionCall as Json; return { ...(str(f.id) ? { id: str(f.id)! } : {}), name: String(f.name ?? ''), arguments: JSON.stringify(f.args ?? {}) }; });
    const toolResults = parts.filter((p) => p.functionResponse).map((p) => {
      const f = p.functionResponse as Json;
      const r = (f.response as Json | undefined) ?? {};
      const isError = r.error !== undefined;
      return { ...(str(f.id) ? { callId: str(f.id)! } : {}), name: String(f.name ?? ''), content: String(isError ? r.error : r.output ?? JSON.stringify(r)), isError };
    });
    return message(c.role === 'model' ? 'assistant' : 'user', textOf(parts.filter((p) => typeof p.text === 'string')), { toolCalls, toolResults, images });
  });
}

const toolNames = (names: string[]) => (names.length ? { tools: names } : {});

/** Parses a provider request body into the neutral view (n filled in by the server). */
export function parseRequest(provider: EmulatorProvider, path: string, body: Json): Omit<EmulatedRequest, 'n'> {
  if (provider === 'openai') {
    const msgs = (body.messages as Json[] | undefined) ?? [];
    const system = msgs.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)).join('\n');
    const rf = body.response_format as Json | undefined;
    return {
      provider, model: String(body.model ?? ''), stream: body.stream === true,
      json: rf?.type === 'json_schema' || rf?.type === 'json_object',
      ...(system ? { system } : {}),
      messages: openaiMessages(msgs),
      ...(typeof (body.max_completion_tokens ?? body.max_tokens) === 'number' ? { maxOutputTokens: Number(body.max_completion_tokens ?? body.max_tokens) } : {}),
      ...toolNames(arr(body.tools).map((t) => String((t.function as Json)?.name ?? ''))),
      body,
    };
  }
  if (provider === 'anthropic') {
    const format = (body.output_config as Json | undefined)?.format as Json | undefined;
    const system = textOf(body.system);
    return {
      provider, model: String(body.model ?? ''), stream: body.stream === true, json: format?.type === 'json_schema',
      ...(system ? { system } : {}),
      messages: anthropicMessages((body.messages as Json[] | undefined) ?? []),
      ...(typeof body.max_tokens === 'number' ? { maxOutputTokens: body.max_tokens } : {}),
      ...toolNames(arr(body.tools).map((t) => String(t.name ?? ''))),
      body,
    };
  }
  const m = /models\/([^:/]+):(generateContent|streamGenerateContent)/.exec(path);
  const gen = (body.generationConfig as Json | undefined) ?? {};
  const sys = body.systemInstruction as Json | undefined;
  const system = sys ? textOf(sys.parts) : '';
  return {
    provider, model: m?.[1] ?? '', stream: m?.[2] === 'streamGenerateContent', json: gen.responseMimeType === 'application/json',
    ...(system ? { system } : {}),
    messages: geminiMessages((body.contents as Json[] | undefined) ?? []),
    ...(typeof gen.maxOutputTokens === 'number' ? { maxOutputTokens: gen.maxOutputTokens } : {}),
    ...toolNames(arr(body.tools).flatMap((t) => arr(t.functionDeclarations).map((d) => String(d.name ?? '')))),
    body,
  };
}

/** The finish reasons the emulator can report, in neutral form. */
export type EmulatedFinish = 'stop' | 'length' | 'tool-calls';

const OPENAI_FINISH = { stop: 'stop', length: 'length', 'tool-calls': 'tool_calls' } as const;
const ANTHROPIC_FINISH = { stop: 'end_turn', length: 'max_tokens', 'tool-calls': 'tool_use' } as const;
// Gemini ends a function-calling turn with STOP
const GEMINI_FINISH = { stop: 'STOP', length: 'MAX_TOKENS', 'tool-calls': 'STOP' } as const;

/** A tool call in a reply: its id (Gemini may omit it) and the arguments as JSON text. */
export type ReplyToolCall = { id?: string; name: string; arguments: string };

const parseArgs = (a: string): unknown => { try { return JSON.parse(a); } catch { return {}; } };

/** Anthropic reports input_tokens WITHOUT cache reads; the emulator's neutral usage counts them inside input. */
function anthropicUsage(u: Usage): Json {
  return { input_tokens: u.inputTokens - u.cachedTokens, output_tokens: u.outputTokens, cache_read_input_tokens: u.cachedTokens, cache_creation_input_tokens: 0 };
}

/** Gemini reports input by modality: images apart when there are any. */
function geminiUsage(u: Usage): Json {
  const images = u.imageTokens ?? 0;
  return {
    promptTokenCount: u.inputTokens, candidatesTokenCount: u.outputTokens, totalTokenCount: u.inputTokens + u.outputTokens,
    ...(u.cachedTokens ? { cachedContentTokenCount: u.cachedTokens } : {}),
    ...(images ? { promptTokensDetails: [{ modality: 'TEXT', tokenCount: u.inputTokens - images }, { modality: 'IMAGE', tokenCount: images }] } : {}),
  };
}

const openaiCalls = (calls: ReplyToolCall[]) => calls.map((c) => ({ id: c.id ?? '', type: 'function', function: { name: c.name, arguments: c.arguments } }));
const anthropicCalls = (calls: ReplyToolCall[]) => calls.map((c) => ({ type: 'tool_use', id: c.id ?? '', name: c.name, input: parseArgs(c.arguments) }));
const geminiCalls = (calls: ReplyToolCall[]) => calls.map((c) => ({ functionCall: { ...(c.id ? { id: c.id } : {}), name: c.name, args: parseArgs(c.arguments) } }));

/** A whole (non-streaming) reply body; `empty` gives no choices / content / candidates; `calls` adds tool calls. */
export function replyBody(req: EmulatedRequest, text: string, finish: EmulatedFinish, usage: Usage, empty = false, calls: ReplyToolCall[] = []): Json {
  if (req.provider === 'openai') {
    const message = calls.length
      ? { role: 'assistant', content: text.length ? text : null, refusal: null, tool_calls: openaiCalls(calls) }
      : { role: 'assistant', content: text, refusal: null };
    return {
      id: `chatcmpl-${req.n}`, object: 'chat.completion', created: 0, model: req.model,
      choices: empty ? [] : [{ index: 0, message, logprobs: null, finish_reason: OPENAI_FINISH[finish] }],
      usage: { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens, prompt_tokens_details: { cached_tokens: usage.cachedTokens } },
    };
  }
  if (req.provider === 'anthropic') {
    const content = calls.length ? [...(text.length ? [{ type: 'text', text }] : []), ...anthropicCalls(calls)] : [{ type: 'text', text }];
    return {
      id: `msg_${req.n}`, type: 'message', role: 'assistant', model: req.model,
      content: empty ? [] : content, stop_reason: ANTHROPIC_FINISH[finish], stop_sequence: null, usage: anthropicUsage(usage),
    };
  }
  const parts = calls.length ? [...(text.length ? [{ text }] : []), ...geminiCalls(calls)] : [{ text }];
  return {
    candidates: empty ? [] : [{ content: { role: 'model', parts }, finishReason: GEMINI_FINISH[finish], index: 0 }],
    usageMetadata: geminiUsage(usage), modelVersion: req.model, responseId: `resp-${req.n}`,
  };
}

/** Splits a text into up to `n` pieces (argument deltas of a streamed tool call). */
function pieces(text: string, n = 3): string[] {
  if (text.length < n) return [text];
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

/** One SSE frame whose data is not JSON, shaped so each SDK actually tries to parse it. */
export function malformedFrame(provider: EmulatorProvider): string {
  return provider === 'anthropic' ? 'event: content_block_delta\ndata: {"broken": \n\n' : 'data: {"broken": \n\n';
}

/**
 * SSE frames for a streamed reply: the text split into `chunks`, then the finish and usage frames. `empty` gives
 * a stream that finishes without any choice / content block / candidate.
 */
export function streamFrames(req: EmulatedRequest, chunks: string[], finish: EmulatedFinish, usage: Usage, empty = false, calls: ReplyToolCall[] = []): string[] {
  if (empty) {
    if (req.provider === 'openai') return [sse({ id: `chatcmpl-${req.n}`, object: 'chat.completion.chunk', created: 0, model: req.model, choices: [], usage: replyBody(req, '', finish, usage).usage }), 'data: [DONE]\n\n'];
    if (req.provider === 'anthropic') {
      const f = streamFrames(req, [], finish, usage);
      return f.filter((x) => !x.startsWith('event: content_block'));
    }
    return [sse({ candidates: [], usageMetadata: { promptTokenCount: usage.inputTokens, totalTokenCount: usage.inputTokens }, modelVersion: req.model })];
  }
  if (req.provider === 'openai') {
    const base = { id: `chatcmpl-${req.n}`, object: 'chat.completion.chunk', created: 0, model: req.model };
    return [
      sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
      ...chunks.filter((c) => c.length > 0).map((c) => sse({ ...base, choices: [{ index: 0, delta: { content: c }, finish_reason: null }] })),
      // each call: a first delta with its id and name, then its arguments in pieces, addressed by index
      ...calls.flatMap((c, index) => [
        sse({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, id: c.id ?? '', type: 'function', function: { name: c.name, arguments: '' } }] }, finish_reason: null }] }),
        ...pieces(c.arguments).map((a) => sse({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: a } }] }, finish_reason: null }] })),
      ]),
      sse({ ...base, choices: [{ index: 0, delta: {}, finish_reason: OPENAI_FINISH[finish] }] }),
      sse({ ...base, choices: [], usage: replyBody(req, '', finish, usage).usage }),
      'data: [DONE]\n\n',
    ];
  }
  if (req.provider === 'anthropic') {
    const u = anthropicUsage(usage);
    const hasText = calls.length === 0 || chunks.join('').length > 0;
    const first = hasText ? 1 : 0;
    return [
      sse({ type: 'message_start', message: { id: `msg_${req.n}`, type: 'message', role: 'assistant', model: req.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...u, output_tokens: 1 } } }, 'message_start'),
      ...(hasText ? [
        sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
        ...chunks.map((c) => sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: c } }, 'content_block_delta')),
        sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      ] : []),
      ...calls.flatMap((c, i) => [
        sse({ type: 'content_block_start', index: first + i, content_block: { type: 'tool_use', id: c.id ?? '', name: c.name, input: {} } }, 'content_block_start'),
        ...pieces(c.arguments).map((a) => sse({ type: 'content_block_delta', index: first + i, delta: { type: 'input_json_delta', partial_json: a } }, 'content_block_delta')),
        sse({ type: 'content_block_stop', index: first + i }, 'content_block_stop'),
      ]),
      sse({ type: 'message_delta', delta: { stop_reason: ANTHROPIC_FINISH[finish], stop_sequence: null }, usage: { output_tokens: u.output_tokens } }, 'message_delta'),
      sse({ type: 'message_stop' }, 'message_stop'),
    ];
  }
  // function calls come whole, in the last chunk
  const texts = calls.length && chunks.join('') === '' ? [] : chunks;
  const frames = texts.map((c) => ({ parts: [{ text: c }] as Json[] }));
  if (calls.length) frames.push({ parts: geminiCalls(calls) });
  return frames.map((f, i) => {
    const last = i === frames.length - 1;
    return sse({
      candidates: [{ content: { role: 'model', parts: f.parts }, index: 0, ...(last ? { finishReason: GEMINI_FINISH[finish] } : {}) }],
      ...(last ? { usageMetadata: geminiUsage(usage) } : {}), modelVersion: req.model, responseId: `resp-${req.n}`,
    });
  });
}

/** A provider-shaped error body for an HTTP status (Gemini 429s carry RetryInfo like the real API). */
export function errorBody(provider: EmulatorProvider, status: number, retryAfterSeconds?: number, presentedKey?: string): Json {
  // Real 401s quote (part of) the key presented; the emulator quotes all of it, so that scrubbing is really tested.
  const message = status === 429 ? 'rate limited (emulated)' : status === 401 ? `Incorrect API key provided: ${presentedKey ?? '(none)'} (emulated)` : `emulated status ${status}`;
  if (provider === 'openai') return { error: { message, type: status === 429 ? 'rate_limit_error' : status === 401 ? 'invalid_request_error' : 'server_error', code: null, param: null } };
  if (provider === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status === 529 ? 'overloaded_error' : status === 401 ? 'authentication_error' : status === 400 ? 'invalid_request_error' : 'api_error';
    return { type: 'error', error: { type, message } };
  }
  const statusName = status === 429 ? 'RESOURCE_EXHAUSTED' : status === 401 ? 'UNAUTHENTICATED' : status === 400 ? 'INVALID_ARGUMENT' : 'UNAVAILABLE';
  const details = status === 429 && retryAfterSeconds !== undefined ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` }] : [];
  return { error: { code: status, message, status: statusName, details } };
}

/**
 * The three wire protocols the provider emulator speaks: parsing a request body into a provider-neutral view and
 * formatting replies (whole bodies, SSE events, error bodies) the way OpenAI chat completions, Anthropic messages
 * and Gemini generateContent do, close enough that the official SDKs accept them unchanged.
 */
import type { Usage } from '../../runtime/models/model.port.js';

/** The wire protocols the emulator speaks. */
export type EmulatorProvider = 'openai' | 'anthropic' | 'gemini';

/** A request as the emulator understood it. */
export interface EmulatedRequest {
  provider: EmulatorProvider;
  model: string;
  stream: boolean;
  /** True when the request asked for JSON (structured output). */
  json: boolean;
  system?: string;
  messages: { role: string; content: string }[];
  maxOutputTokens?: number;
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
      messages: msgs.filter((m) => m.role !== 'system' && m.role !== 'developer').map((m) => ({ role: String(m.role), content: textOf(m.content) })),
      ...(typeof (body.max_completion_tokens ?? body.max_tokens) === 'number' ? { maxOutputTokens: Number(body.max_completion_tokens ?? body.max_tokens) } : {}),
      body,
    };
  }
  if (provider === 'anthropic') {
    const format = (body.output_config as Json | undefined)?.format as Json | undefined;
    const system = textOf(body.system);
    return {
      provider, model: String(body.model ?? ''), stream: body.stream === true, json: format?.type === 'json_schema',
      ...(system ? { system } : {}),
      messages: ((body.messages as Json[] | undefined) ?? []).map((m) => ({ role: String(m.role), content: textOf(m.content) })),
      ...(typeof body.max_tokens === 'number' ? { maxOutputTokens: body.max_tokens } : {}),
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
    messages: ((body.contents as Json[] | undefined) ?? []).map((c) => ({ role: c.role === 'model' ? 'assistant' : 'user', content: textOf(c.parts) })),
    ...(typeof gen.maxOutputTokens === 'number' ? { maxOutputTokens: gen.maxOutputTokens } : {}),
    body,
  };
}

/** The finish reasons the emulator can report, in neutral form. */
export type EmulatedFinish = 'stop' | 'length';

const OPENAI_FINISH = { stop: 'stop', length: 'length' } as const;
const ANTHROPIC_FINISH = { stop: 'end_turn', length: 'max_tokens' } as const;
const GEMINI_FINISH = { stop: 'STOP', length: 'MAX_TOKENS' } as const;

/** Anthropic reports input_tokens WITHOUT cache reads; the emulator's neutral usage counts them inside input. */
function anthropicUsage(u: Usage): Json {
  return { input_tokens: u.inputTokens - u.cachedTokens, output_tokens: u.outputTokens, cache_read_input_tokens: u.cachedTokens, cache_creation_input_tokens: 0 };
}

function geminiUsage(u: Usage): Json {
  return { promptTokenCount: u.inputTokens, candidatesTokenCount: u.outputTokens, totalTokenCount: u.inputTokens + u.outputTokens, ...(u.cachedTokens ? { cachedContentTokenCount: u.cachedTokens } : {}) };
}

/** A whole (non-streaming) reply body; `empty` gives no choices / content / candidates. */
export function replyBody(req: EmulatedRequest, text: string, finish: EmulatedFinish, usage: Usage, empty = false): Json {
  if (req.provider === 'openai') {
    return {
      id: `chatcmpl-${req.n}`, object: 'chat.completion', created: 0, model: req.model,
      choices: empty ? [] : [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: OPENAI_FINISH[finish] }],
      usage: { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens, prompt_tokens_details: { cached_tokens: usage.cachedTokens } },
    };
  }
  if (req.provider === 'anthropic') {
    return {
      id: `msg_${req.n}`, type: 'message', role: 'assistant', model: req.model,
      content: empty ? [] : [{ type: 'text', text }], stop_reason: ANTHROPIC_FINISH[finish], stop_sequence: null, usage: anthropicUsage(usage),
    };
  }
  return {
    candidates: empty ? [] : [{ content: { role: 'model', parts: [{ text }] }, finishReason: GEMINI_FINISH[finish], index: 0 }],
    usageMetadata: geminiUsage(usage), modelVersion: req.model, responseId: `resp-${req.n}`,
  };
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
export function streamFrames(req: EmulatedRequest, chunks: string[], finish: EmulatedFinish, usage: Usage, empty = false): string[] {
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
      ...chunks.map((c) => sse({ ...base, choices: [{ index: 0, delta: { content: c }, finish_reason: null }] })),
      sse({ ...base, choices: [{ index: 0, delta: {}, finish_reason: OPENAI_FINISH[finish] }] }),
      sse({ ...base, choices: [], usage: replyBody(req, '', finish, usage).usage }),
      'data: [DONE]\n\n',
    ];
  }
  if (req.provider === 'anthropic') {
    const u = anthropicUsage(usage);
    return [
      sse({ type: 'message_start', message: { id: `msg_${req.n}`, type: 'message', role: 'assistant', model: req.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...u, output_tokens: 1 } } }, 'message_start'),
      sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
      ...chunks.map((c) => sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: c } }, 'content_block_delta')),
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      sse({ type: 'message_delta', delta: { stop_reason: ANTHROPIC_FINISH[finish], stop_sequence: null }, usage: { output_tokens: u.output_tokens } }, 'message_delta'),
      sse({ type: 'message_stop' }, 'message_stop'),
    ];
  }
  return chunks.map((c, i) => {
    const last = i === chunks.length - 1;
    return sse({
      candidates: [{ content: { role: 'model', parts: [{ text: c }] }, index: 0, ...(last ? { finishReason: GEMINI_FINISH[finish] } : {}) }],
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

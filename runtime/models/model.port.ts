/**
 * The ModelAdapter port. Every model — OpenAI, Anthropic, Gemini, OpenAI-compatible servers, the simulated model,
 * the scripted model, cassettes — implements this one interface; the runtime wraps adapters with resilience, the
 * ethics gate and the cost ledger without knowing which provider is behind them.
 *
 * Version 2 is additive (every v1 request, response and stream is a valid v2 one, byte for byte): requests may
 * carry `tools`, `toolChoice` and messages with `images`, `toolCalls` or `toolResults`; responses may carry
 * `toolCalls` and `serviceTier`; usage may carry `imageTokens`; a stream's finish part may carry `toolCalls` (whole
 * calls, after the text: a call cannot be run before its arguments are complete, and every wrapper that passes the
 * finish part on keeps them). A v1 adapter (the simulated model, the scripted model) ignores the new request
 * fields and answers with text. The SDK adapters implement v2.
 */

/** Version 1 of this port: text in, text out. Adapters declare the version they implement. */
export const MODEL_PORT_VERSION = 1 as const;

/** Version 2: tool calling and image inputs (see the module comment). */
export const MODEL_PORT_VERSION_2 = 2 as const;

/** The port versions an adapter may declare. */
export type ModelPortVersion = typeof MODEL_PORT_VERSION | typeof MODEL_PORT_VERSION_2;

/** Token usage as reported by the provider (never estimated when the provider reports it). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedTokens: number;
  /**
   * v2: input tokens the provider reports as image tokens (a subset of inputTokens). Present only when the
   * provider reports them separately (Gemini's promptTokensDetails); OpenAI chat completions and Anthropic count
   * image tokens inside input without a split, so it is absent for them.
   */
  imageTokens?: number;
}

/** Why generation stopped. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/**
 * v2: an image attached to a message, as the model is sent it. Build one with `imageFromFile` / `imageFromUrl`
 * (runtime/models/image-input.ts), which also read the pixel size the ledger needs. The ethics gate never sees
 * pixels: it validates the text of the message the image is attached to.
 */
export type ImageInput =
  | { source: 'base64'; mediaType: ImageMediaType; data: string; width?: number; height?: number; detail?: ImageDetail }
  | { source: 'url'; url: string; mediaType?: ImageMediaType; width?: number; height?: number; detail?: ImageDetail };

/** The image formats all three providers accept. */
export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** OpenAI's detail setting (`low` is a fixed budget); other providers ignore it. */
export type ImageDetail = 'auto' | 'low' | 'high';

/** v2: a tool the model may call: a name, a description and a JSON Schema of its arguments. */
export interface ToolSpec {
  name: string;
  description?: string;
  /** JSON Schema (draft 2020-12 subset) of the arguments object. */
  parameters: Record<string, unknown>;
}

/** v2: which tools the model may or must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** v2: one tool call made by a model. */
export interface ToolCall {
  /** The provider's call id (Gemini may give none: the adapter then numbers calls `call_<i>`). */
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as the model produced them (OpenAI's may be invalid JSON). */
  arguments: string;
  /** Gemini's thought signature, sent back with the call in later turns (thinking models require it). */
  signature?: string;
}

/** v2: the result of one tool call, sent back to the model. */
export interface ToolResult {
  callId: string;
  name: string;
  /** The result as text (JSON for structured results). */
  content: string;
  /** True when the tool failed: the content says why. */
  isError?: boolean;
}

/**
 * One chat message. System instructions go in {@link ModelRequest.system}. v2 fields: `images` (user messages,
 * placed before the text), `toolCalls` (an assistant message that called tools), `toolResults` (a user message
 * that answers them; its `content` may be empty).
 */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
  images?: ImageInput[];
  toolCalls?: ToolCall[];
  toolResults?: ToolResult[];
}

/**
 * Structured, provider-neutral facts about the call that a simulated or scripted model may use and a real
 * provider never sees (adapters send only `system` and `messages`). Plain data, journaled.
 */
export interface DeliberationContext {
  deliberationId: string;
  seed: number;
  question: string;
  /** Option ids for a closed question; absent for an open question. */
  options?: string[];
  role: string;
  agent: string;
  round: number;
  /** The other agents' previous proposals (anonymised), for later rounds. */
  peers?: { position: string; confidence: number }[];
  /** The agent's own previous position. */
  previous?: { position: string; confidence: number };
  /** The correct option when the run knows it: only the simulated model reads it (to simulate competence). */
  groundTruth?: string;
  /** Simulation parameters of this agent (competence, conformity, adversarial), for the simulated model. */
  simulated?: { competence?: number; conformity?: number; adversarial?: boolean };
}

/** A request to a model: plain data, structured-clone safe, hashable. */
export interface ModelRequest {
  /** Model name at the provider; adapters default to the one they were created with. */
  model?: string;
  system?: string;
  messages: ChatMessage[];
  temperature?: number;
  maxOutputTokens?: number;
  /** Ask for JSON matching this schema (structured output where the provider supports it). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  /** What the call is for; used by the gate, the ledger and the journal. */
  purpose?: 'proposal' | 'judge' | 'synthesis' | 'completion' | 'heal' | 'check' | 'other';
  /** Deliberation facts for simulated/scripted models; never sent to a provider. */
  context?: DeliberationContext;
  /** v2: tools the model may call. */
  tools?: ToolSpec[];
  /** v2: default `auto` when tools are given. */
  toolChoice?: ToolChoice;
}

/** A model's complete reply. */
export interface ModelResponse {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  /** The provider id that actually answered (after fallbacks), e.g. `openai`, `simulated`. */
  provider: string;
  /** The model that actually answered. */
  model: string;
  /** Attempts the resilience layer made for this answer (1 when the first try answered); absent when unwrapped. */
  attempts?: number;
  /** True when a fallback model answered instead of the agent's primary model. */
  fallbackUsed?: boolean;
  /** v2: the tool calls of this reply (finishReason `tool-calls`), in the order the model made them. */
  toolCalls?: ToolCall[];
  /** v2: `batch` when the reply came through a provider's batch API (priced at batch rates). */
  serviceTier?: 'batch';
}

/** Typed parts of a streamed reply; v2: the finish part carries the reply's tool calls, when any. */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage; provider: string; model: string; attempts?: number; fallbackUsed?: boolean; toolCalls?: ToolCall[] };

/** Per-call options that are not data (cancellation). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The model port. Errors thrown are LukhasErrors whose `isRetryable` says whether a retry may help. */
export interface ModelAdapter {
  readonly portVersion: ModelPortVersion;
  /** Provider id: `openai`, `anthropic`, `gemini`, `openai-compatible`, `simulated`, `scripted`, `replay`. */
  readonly provider: string;
  /** Default model name. */
  readonly model: string;
  generate(request: ModelRequest, options?: CallOptions): Promise<ModelResponse>;
  stream(request: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart>;
}

/** Zero usage. */
export const ZERO_USAGE: Readonly<Usage> = Object.freeze({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });

/** Builds a stream from a generate call (for adapters without native streaming). */
export async function* streamFromGenerate(adapter: ModelAdapter, request: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> {
  const r = await adapter.generate(request, options);
  if (r.text) yield { type: 'text-delta', text: r.text };
  yield { type: 'finish', finishReason: r.finishReason, usage: r.usage, provider: r.provider, model: r.model, ...extras(r) };
}

// Only present fields are copied so that responses of unwrapped adapters keep their exact shape (journals hash them).
function extras(r: { attempts?: number; fallbackUsed?: boolean; toolCalls?: ToolCall[] }): { attempts?: number; fallbackUsed?: boolean; toolCalls?: ToolCall[] } {
  const out: { attempts?: number; fallbackUsed?: boolean; toolCalls?: ToolCall[] } = {};
  if (r.attempts !== undefined) out.attempts = r.attempts;
  if (r.fallbackUsed !== undefined) out.fallbackUsed = r.fallbackUsed;
  if (r.toolCalls !== undefined) out.toolCalls = r.toolCalls;
  return out;
}

/** Collects a stream into a response. */
export async function collectStream(parts: AsyncIterable<StreamPart>): Promise<ModelResponse> {
  let text = '';
  for await (const p of parts) {
    if (p.type === 'text-delta') text += p.text;
    else return { text, finishReason: p.finishReason, usage: p.usage, provider: p.provider, model: p.model, ...extras(p) };
  }
  throw new Error('stream ended without a finish part');
}

/**
 * The ModelAdapter port, version 1. Every model — OpenAI, Anthropic, Gemini, OpenAI-compatible servers, the
 * simulated model, the scripted model, cassettes — implements this one interface; the runtime wraps adapters
 * with resilience, the ethics gate and the cost ledger without knowing which provider is behind them.
 */

/** Version of this port; adapters declare the version they implement. */
export const MODEL_PORT_VERSION = 1 as const;

/** Token usage as reported by the provider (never estimated when the provider reports it). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedTokens: number;
}

/** Why generation stopped. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/** One chat message. System instructions go in {@link ModelRequest.system}. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
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
}

/** Typed parts of a streamed reply. */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage; provider: string; model: string; attempts?: number; fallbackUsed?: boolean };

/** Per-call options that are not data (cancellation). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The model port. Errors thrown are LukhasErrors whose `isRetryable` says whether a retry may help. */
export interface ModelAdapter {
  readonly portVersion: typeof MODEL_PORT_VERSION;
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
function extras(r: { attempts?: number; fallbackUsed?: boolean }): { attempts?: number; fallbackUsed?: boolean } {
  const out: { attempts?: number; fallbackUsed?: boolean } = {};
  if (r.attempts !== undefined) out.attempts = r.attempts;
  if (r.fallbackUsed !== undefined) out.fallbackUsed = r.fallbackUsed;
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

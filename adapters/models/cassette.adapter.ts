/**
 * Record/replay cassettes. `withRecording` stores every call's outcome (the response, or the error it ended
 * with) in `DIR/<hash>.json`, keyed by the SHA-256 of the canonical, normalised request; `createReplayModel`
 * serves those outcomes with zero network calls and fails loudly (REPLAY_MISS naming the hash, agent and round)
 * on a request it has not seen. Wrap recording OUTSIDE resilience and fallback, so the cassette holds what the
 * agent finally got (which model answered, after how many attempts) and a replay journals exactly the same.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { LukhasError, toLukhasError, type ErrorCode, ERROR_CODES } from '../../runtime/errors.js';
import { hashOf } from '../../runtime/journal/canonical.js';
import { MODEL_PORT_VERSION_2, streamFromGenerate, type CallOptions, type ModelAdapter, type ModelRequest, type ModelResponse, type StreamPart } from '../../runtime/models/model.port.js';

/** One recorded outcome. */
export type CassetteEntry = { response: ModelResponse } | { error: { code: ErrorCode; message: string; retryable: boolean; details?: Record<string, unknown> } };

/** A cassette file: the normalised request and its outcomes in call order. */
export interface CassetteFile { key: string; request: Record<string, unknown>; entries: CassetteEntry[] }

/** The request as it is hashed: the resolved model plus every field that changes the answer. */
export function normaliseRequest(request: ModelRequest, defaultModel: string): Record<string, unknown> {
  return {
    model: request.model ?? defaultModel,
    system: request.system,
    // v2 fields only when present (undefined members are dropped by the canonical form): v1 keys are unchanged
    messages: request.messages.map((m) => ({ role: m.role, content: m.content, images: m.images, toolCalls: m.toolCalls, toolResults: m.toolResults })),
    tools: request.tools,
    toolChoice: request.toolChoice,
    temperature: request.temperature,
    maxOutputTokens: request.maxOutputTokens,
    jsonSchema: request.jsonSchema,
    purpose: request.purpose,
    context: request.context,
  };
}

/** The cassette key of a request. */
export function cassetteKey(request: ModelRequest, defaultModel: string): string {
  return hashOf(normaliseRequest(request, defaultModel));
}

function readCassette(dir: string, key: string): CassetteFile | undefined {
  const file = join(dir, `${key}.json`);
  if (!existsSync(file)) return undefined;
  try { return JSON.parse(readFileSync(file, 'utf8')) as CassetteFile; } catch (err) {
    throw new LukhasError('REPLAY_MISS', `cassette ${file} is unreadable: ${(err as Error).message}`, { details: { key } });
  }
}

/** Records every call of `adapter` into `dir` (created if needed). */
export function withRecording(adapter: ModelAdapter, dir: string): ModelAdapter {
  mkdirSync(dir, { recursive: true });
  const save = (req: ModelRequest, entry: CassetteEntry) => {
    const key = cassetteKey(req, adapter.model);
    // Synchronous read-modify-write: within one process two calls can never interleave inside it.
    const file = readCassette(dir, key) ?? { key, request: normaliseRequest(req, adapter.model), entries: [] };
    file.entries.push(entry);
    writeFileSync(join(dir, `${key}.json`), `${JSON.stringify(file, null, 1)}\n`);
  };
  const failed = (req: ModelRequest, raw: unknown) => {
    const e = toLukhasError(raw);
    if (e.code !== 'CANCELLED') save(req, { error: { code: e.code, message: e.message, retryable: e.isRetryable, ...(e.details ? { details: e.details } : {}) } });
    return e;
  };
  return {
    portVersion: adapter.portVersion,
    provider: adapter.provider,
    model: adapter.model,
    async generate(req: ModelRequest, options?: CallOptions): Promise<ModelResponse> {
      let r: ModelResponse;
      try { r = await adapter.generate(req, options); } catch (err) { throw failed(req, err); }
      save(req, { response: r });
      return r;
    },
    async *stream(req: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> {
      let text = '';
      try {
        for await (const part of adapter.stream(req, options)) {
          if (part.type === 'text-delta') text += part.text;
          else {
            const { type: _t, ...rest } = part;
            save(req, { response: { text, ...rest } });
          }
          yield part;
        }
      } catch (err) { throw failed(req, err); }
    },
  };
}

/** Options of {@link createReplayModel}. */
export interface ReplayOptions {
  /** The model the recorded adapter defaulted to (part of the key when requests name no model). */
  model?: string;
  /** Shares call cursors between replay models of one replay (one per agent, same directory). */
  cursors?: Map<string, number>;
}

/** Serves recorded outcomes from `dir`; never touches the network. */
export function createReplayModel(dir: string, options: ReplayOptions = {}): ModelAdapter {
  const model = options.model ?? 'replay';
  const cursors = options.cursors ?? new Map<string, number>();
  const cache = new Map<string, CassetteFile | undefined>();
  const generate = async (req: ModelRequest): Promise<ModelResponse> => {
    const key = cassetteKey(req, model);
    if (!cache.has(key)) cache.set(key, readCassette(dir, key));
    const file = cache.get(key);
    const n = cursors.get(key) ?? 0;
    const entry = file?.entries[n];
    if (!entry) {
      const who = req.context ? ` (agent ${req.context.agent}, round ${req.context.round})` : '';
      const why = file ? `it was recorded ${file.entries.length} time(s) and this is call ${n + 1}` : 'it was never recorded';
      throw new LukhasError('REPLAY_MISS', `no recorded reply for request ${key}${who} in ${dir}: ${why}`, { details: { key, dir, ...(req.context ? { agent: req.context.agent, round: req.context.round } : {}) } });
    }
    cursors.set(key, n + 1);
    if ('error' in entry) {
      const code = entry.error.code in ERROR_CODES ? entry.error.code : 'INTERNAL';
      throw new LukhasError(code, entry.error.message, { retryable: entry.error.retryable, ...(entry.error.details ? { details: entry.error.details } : {}) });
    }
    return structuredClone(entry.response);
  };
  const adapter: ModelAdapter = {
    // a replay serves whatever was recorded, tool calls included
    portVersion: MODEL_PORT_VERSION_2,
    provider: 'replay',
    model,
    generate,
    stream: (req: ModelRequest, opts?: CallOptions) => streamFromGenerate(adapter, req, opts),
  };
  return adapter;
}

import { LukhasError } from '../../runtime/errors.js';
import {
  MODEL_PORT_VERSION,
  type ModelAdapter,
  type ModelRequest,
  type ModelResponse,
  type StreamPart,
  type Usage,
} from '../../runtime/models/model.port.js';

/** A scripted reply: text, or a full response, or an error to throw. */
export type ScriptedReply = string | { text: string; usage?: Partial<Usage> } | { error: Error } | { hang: true };

/** Options of {@link createScriptedModel}. */
export interface ScriptedModelOptions {
  /** Replies in order (the last one repeats), or a function of the request and the call index. */
  replies: ScriptedReply[] | ((request: ModelRequest, index: number) => ScriptedReply);
  model?: string;
  /** Usage reported when a reply does not give its own (default 10 in, 5 out). */
  usage?: Partial<Usage>;
  /** Keep the call log (default true). Benchmarks turn it off: a log that holds every request is not free. */
  record?: boolean;
}

/** A scripted model with its call log. */
export interface ScriptedModel extends ModelAdapter {
  /** Every request received, in order. */
  readonly calls: ModelRequest[];
  reset(): void;
}

/**
 * A model for tests (exported as `lukhas/testing`): answers from a script, records every request, can throw or
 * hang on cue. Synchronous scripts settle in a microtask (the "instant model" of the benchmarks).
 */
export function createScriptedModel(options: ScriptedModelOptions): ScriptedModel {
  const calls: ModelRequest[] = [];
  const model = options.model ?? 'scripted-1';
  const baseUsage: Usage = { inputTokens: options.usage?.inputTokens ?? 10, outputTokens: options.usage?.outputTokens ?? 5, cachedTokens: options.usage?.cachedTokens ?? 0 };
  const pick = (request: ModelRequest, i: number): ScriptedReply => {
    if (typeof options.replies === 'function') return options.replies(request, i);
    if (options.replies.length === 0) throw new LukhasError('BAD_OPTION', 'scripted model: replies must not be empty');
    return options.replies[Math.min(i, options.replies.length - 1)]!;
  };
  const record = options.record ?? true;
  let count = 0;
  const respond = (request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> => {
    const i = count++;
    if (record) calls.push(request);
    const reply = pick(request, i);
    if (typeof reply === 'object' && 'error' in reply) return Promise.reject(reply.error);
    if (typeof reply === 'object' && 'hang' in reply) {
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new LukhasError('CANCELLED', 'scripted model: call aborted')), { once: true }));
    }
    const text = typeof reply === 'string' ? reply : reply.text;
    const usage = typeof reply === 'string' ? baseUsage : { ...baseUsage, ...reply.usage };
    return Promise.resolve({ text, finishReason: 'stop', usage, provider: 'scripted', model: request.model ?? model });
  };
  const adapter: ScriptedModel = {
    portVersion: MODEL_PORT_VERSION,
    provider: 'scripted',
    model,
    calls,
    reset: () => { calls.length = 0; count = 0; },
    generate: (request, opts) => respond(request, opts?.signal),
    async *stream(request, opts): AsyncIterable<StreamPart> {
      const r = await respond(request, opts?.signal);
      // split in a few deltas so stream consumers are exercised
      for (let k = 0; k < r.text.length; k += 16) yield { type: 'text-delta', text: r.text.slice(k, k + 16) };
      yield { type: 'finish', finishReason: r.finishReason, usage: r.usage, provider: r.provider, model: r.model };
    },
  };
  return adapter;
}

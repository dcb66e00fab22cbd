/**
 * A per-agent fallback chain: the primary model first, then each fallback in order, each already wrapped in its
 * own resilience. The response says which model actually answered (`provider`, `model`) and whether a fallback
 * did (`fallbackUsed`), so the engine can mark a deliberation that met its quorum only through fallbacks as
 * degraded. The simulated model is in a chain only when the configuration lists it explicitly.
 */
import { LukhasError, toLukhasError, type ErrorCode } from '../errors.js';
import type { CallOptions, ModelAdapter, ModelRequest, ModelResponse, StreamPart } from './model.port.js';

/** Errors for which trying another model cannot help (or must not be tried). */
const NO_FAILOVER: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CANCELLED', 'BUDGET_EXCEEDED', 'GATE_BLOCKED', 'BAD_OPTION', 'BAD_INPUT']);

/** True when a failed call may be sent to the next model of the chain. */
export function canFailOver(err: LukhasError): boolean {
  return !NO_FAILOVER.has(err.code);
}

/** Options of {@link withFallback}. */
export interface FallbackOptions {
  onFallback?: (event: { from: string; to: string; code: string }) => void;
}

/** Chains adapters: on a failure that another model could survive, the next one is asked. */
export function withFallback(chain: readonly ModelAdapter[], options: FallbackOptions = {}): ModelAdapter {
  const [primary] = chain;
  if (!primary) throw new LukhasError('BAD_OPTION', 'withFallback needs at least one adapter (expected [primary, ...fallbacks])');
  if (chain.length === 1) return primary;
  const label = (a: ModelAdapter) => `${a.provider}:${a.model}`;
  // A model pinned by the request is the primary's; fallbacks answer with their own.
  const forIndex = (req: ModelRequest, i: number): ModelRequest => {
    if (i === 0 || req.model === undefined) return req;
    const { model: _pinned, ...rest } = req;
    return rest;
  };
  const exhausted = (errors: { label: string; error: LukhasError }[], attempts: number): LukhasError => {
    const last = errors[errors.length - 1]!.error;
    return new LukhasError(last.code, `every model of the chain failed: ${errors.map((e) => `${e.label} ${e.error.code}`).join(', ')}; last: ${last.message}`, {
      retryable: last.isRetryable,
      details: { ...last.details, attempts, tried: errors.map((e) => ({ model: e.label, code: e.error.code })) },
    });
  };
  const attemptsOf = (err: LukhasError) => (typeof err.details?.attempts === 'number' ? err.details.attempts : 1);

  return {
    // a chain is only as capable as its weakest member: a v1 fallback would drop the tools of a v2 request
    portVersion: chain.every((a) => a.portVersion === 2) ? 2 : 1,
    provider: primary.provider,
    model: primary.model,
    async generate(req: ModelRequest, callOptions?: CallOptions): Promise<ModelResponse> {
      const errors: { label: string; error: LukhasError }[] = [];
      let attempts = 0;
      for (const [i, adapter] of chain.entries()) {
        try {
          const r = await adapter.generate(forIndex(req, i), callOptions);
          return { ...r, attempts: attempts + (r.attempts ?? 1), fallbackUsed: i > 0 };
        } catch (raw) {
          const err = toLukhasError(raw);
          attempts += attemptsOf(err);
          errors.push({ label: label(adapter), error: err });
          const next = chain[i + 1];
          if (!next || !canFailOver(err) || callOptions?.signal?.aborted) throw exhausted(errors, attempts);
          options.onFallback?.({ from: label(adapter), to: label(next), code: err.code });
        }
      }
      throw new LukhasError('INTERNAL', 'fallback chain ended without an answer');
    },
    async *stream(req: ModelRequest, callOptions?: CallOptions): AsyncIterable<StreamPart> {
      const errors: { label: string; error: LukhasError }[] = [];
      let attempts = 0;
      for (const [i, adapter] of chain.entries()) {
        let yielded = false;
        try {
          for await (const part of adapter.stream(forIndex(req, i), callOptions)) {
            yielded = true;
            yield part.type === 'finish' ? { ...part, attempts: attempts + (part.attempts ?? 1), fallbackUsed: i > 0 } : part;
          }
          return;
        } catch (raw) {
          const err = toLukhasError(raw);
          attempts += attemptsOf(err);
          errors.push({ label: label(adapter), error: err });
          const next = chain[i + 1];
          // Text already delivered cannot be taken back, so a stream fails over only before its first part.
          if (yielded || !next || !canFailOver(err) || callOptions?.signal?.aborted) throw exhausted(errors, attempts);
          options.onFallback?.({ from: label(adapter), to: label(next), code: err.code });
        }
      }
    },
  };
}

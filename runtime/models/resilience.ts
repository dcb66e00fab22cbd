/**
 * The runtime's single retry loop around a ModelAdapter (the SDKs' own retries are off). Cockatiel supplies the
 * per-provider breaker and bulkhead (provider-guard.ts); the loop itself is ours because cockatiel's retry sleeps
 * on real timers and jitters with Math.random, and ours must be seeded and take an injected sleep so that runs
 * are reproducible and tests never wait real seconds.
 */
import { LukhasError, toLukhasError } from '../errors.js';
import { createRandom, type Random } from '../random.js';
import type { CallOptions, ModelAdapter, ModelRequest, ModelResponse, StreamPart } from './model.port.js';
import type { ProviderGuard, GuardSlot } from './provider-guard.js';

/** What the retry loop reports as it goes (for metrics, tests and the benchmark). */
export type ResilienceEvent =
  | { type: 'retry'; provider: string; model: string; attempt: number; delayMs: number; code: string; retryAfterMs?: number }
  | { type: 'give-up'; provider: string; model: string; attempts: number; code: string }
  | { type: 'failover'; provider: string; model: string; attempt: number; retryAfterMs: number; capMs: number };

/** Options of {@link withResilience}. */
export interface ResilienceOptions {
  /** Attempts per call including the first (default 3). */
  maxAttempts?: number;
  /** First backoff in ms (default 250); doubles per attempt, capped at maxDelayMs, with equal jitter. */
  baseDelayMs?: number;
  /** Cap of the exponential backoff in ms (default 8,000). */
  maxDelayMs?: number;
  /** Longest Retry-After honoured, in ms (default 30,000); a longer one fails over at once. */
  retryAfterCapMs?: number;
  /** Deadline of one attempt in ms (default 60,000); for a stream, the deadline of its first part. */
  timeoutMs?: number;
  /** A stream that yields no part for this many ms is aborted (default 30,000). */
  stallMs?: number;
  /** Seeded randomness for jitter (default seed 0). */
  random?: Random;
  /** Waits between attempts; inject a fake to test without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The provider's shared breaker and bulkhead. */
  guard?: ProviderGuard;
  onEvent?: (event: ResilienceEvent) => void;
}

/** Sleeps `ms` (rejects with CANCELLED when the signal aborts). */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(new LukhasError('CANCELLED', 'cancelled while waiting to retry')); return; }
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(new LukhasError('CANCELLED', 'cancelled while waiting to retry')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const noSlot: GuardSlot = { done: () => undefined };

/** One attempt's abort controller: linked to the caller's signal, aborted with a LukhasError on our deadlines. */
function attemptController(signal: AbortSignal | undefined) {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(new LukhasError('CANCELLED', 'model call cancelled by the caller'));
  if (signal?.aborted) onAbort(); else signal?.addEventListener('abort', onAbort, { once: true });
  const timers: ReturnType<typeof setTimeout>[] = [];
  return {
    signal: ctl.signal,
    deadline(ms: number, error: () => LukhasError) { const t = setTimeout(() => ctl.abort(error()), ms); timers.push(t); return t; },
    abort(reason: LukhasError) { if (!ctl.signal.aborted) ctl.abort(reason); },
    clear(t?: ReturnType<typeof setTimeout>) { if (t) clearTimeout(t); else for (const x of timers) clearTimeout(x); },
    dispose() { for (const x of timers) clearTimeout(x); signal?.removeEventListener('abort', onAbort); },
  };
}

/** Wraps an adapter with retries, Retry-After handling, deadlines, stall detection, breaker and bulkhead. */
export function withResilience(adapter: ModelAdapter, options: ResilienceOptions = {}): ModelAdapter {
  const maxAttempts = options.maxAttempts ?? 3;
  const baseDelay = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 8_000;
  const cap = options.retryAfterCapMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const stallMs = options.stallMs ?? 30_000;
  const random = options.random ?? createRandom(0);
  const sleep = options.sleep ?? realSleep;
  const emit = options.onEvent;
  const { provider, model } = adapter;

  const enter = () => (options.guard ? options.guard.enter() : Promise.resolve(noSlot));
  const timeoutError = (what: string, ms: number) => () =>
    new LukhasError('MODEL_TIMEOUT', `${provider}:${model} ${what} after ${ms} ms; aborted`, { details: { provider, model, deadlineMs: ms } });

  /** Decides after a failed attempt: the delay before the next one, or the error to throw. */
  const decide = (err: LukhasError, attempt: number, signal?: AbortSignal): { delayMs: number } | { error: LukhasError } => {
    const retryAfterMs = typeof err.details?.retryAfterMs === 'number' ? err.details.retryAfterMs : undefined;
    if (err.code === 'MODEL_RATE_LIMITED' && retryAfterMs !== undefined && retryAfterMs > cap) {
      emit?.({ type: 'failover', provider, model, attempt, retryAfterMs, capMs: cap });
      return { error: new LukhasError('MODEL_RATE_LIMITED', `${provider}:${model} asked to wait ${Math.round(retryAfterMs / 1000)} s, above the ${Math.round(cap / 1000)} s cap: failing over`, { retryable: false, details: { ...err.details, failover: true, capMs: cap, attempts: attempt } }) };
    }
    if (signal?.aborted || !err.isRetryable || attempt >= maxAttempts) {
      if (err.isRetryable && attempt >= maxAttempts) emit?.({ type: 'give-up', provider, model, attempts: attempt, code: err.code });
      return { error: new LukhasError(err.code, err.message, { retryable: err.isRetryable, details: { ...err.details, attempts: attempt } }) };
    }
    const backoff = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
    const delayMs = retryAfterMs !== undefined ? retryAfterMs : Math.round(backoff / 2 + random.next() * (backoff / 2));
    emit?.({ type: 'retry', provider, model, attempt, delayMs, code: err.code, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    return { delayMs };
  };

  async function generate(req: ModelRequest, callOptions?: CallOptions): Promise<ModelResponse> {
    for (let attempt = 1; ; attempt++) {
      const ctl = attemptController(callOptions?.signal);
      let error: LukhasError;
      try {
        const slot = await enter();
        ctl.deadline(timeoutMs, timeoutError('gave no answer', timeoutMs));
        try {
          const r = await adapter.generate(req, { signal: ctl.signal });
          slot.done();
          return { ...r, attempts: attempt };
        } catch (err) {
          error = ctl.signal.aborted && LukhasError.isInstance(ctl.signal.reason) ? ctl.signal.reason : toLukhasError(err);
          slot.done(error);
        }
      } catch (err) {
        error = toLukhasError(err);
      } finally { ctl.dispose(); }
      const d = decide(error, attempt, callOptions?.signal);
      if ('error' in d) throw d.error;
      await sleep(d.delayMs, callOptions?.signal);
    }
  }

  async function* stream(req: ModelRequest, callOptions?: CallOptions): AsyncIterable<StreamPart> {
    for (let attempt = 1; ; attempt++) {
      const ctl = attemptController(callOptions?.signal);
      let yielded = false;
      let slot: GuardSlot = noSlot;
      let error: LukhasError | undefined;
      let completed = false;
      let it: AsyncIterator<StreamPart> | undefined;
      try {
        slot = await enter();
        it = adapter.stream(req, { signal: ctl.signal })[Symbol.asyncIterator]();
        let timer = ctl.deadline(timeoutMs, timeoutError('sent no first part', timeoutMs));
        const aborted = new Promise<never>((_, reject) => ctl.signal.addEventListener('abort', () => reject(ctl.signal.reason), { once: true }));
        aborted.catch(() => undefined);
        for (;;) {
          const next = await Promise.race([it.next(), aborted]);
          ctl.clear(timer);
          if (next.done) break;
          const part = next.value;
          yielded = true;
          if (part.type === 'finish') { slot.done(); slot = noSlot; yield { ...part, attempts: attempt }; }
          else yield part;
          timer = ctl.deadline(stallMs, timeoutError(`stream stalled (no part for ${stallMs} ms)`, stallMs));
        }
        completed = true;
        slot.done();
        return;
      } catch (err) {
        error = ctl.signal.aborted && LukhasError.isInstance(ctl.signal.reason) ? ctl.signal.reason : toLukhasError(err);
        slot.done(error);
      } finally {
        // Also runs when the consumer stops early: the slot must go back and the underlying request must end.
        if (!completed && error === undefined) {
          ctl.abort(new LukhasError('CANCELLED', 'stream closed by the consumer'));
          void it?.return?.()?.catch?.(() => undefined);
        }
        slot.done();
        ctl.dispose();
      }
      // Once text reached the consumer a retry would duplicate it: only a failure before the first part retries.
      if (error === undefined) return;
      if (yielded) throw new LukhasError(error.code, error.message, { retryable: error.isRetryable, details: { ...error.details, attempts: attempt, partial: true } });
      const d = decide(error, attempt, callOptions?.signal);
      if ('error' in d) throw d.error;
      await sleep(d.delayMs, callOptions?.signal);
    }
  }

  return { portVersion: adapter.portVersion, provider, model, generate, stream };
}

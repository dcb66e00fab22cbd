/**
 * A per-provider circuit breaker and bulkhead (cockatiel), shared by every adapter of that provider in one
 * resolver: one provider's outage or rate limit must not be hidden by spreading it over many agents, and one
 * provider's slowness must not take every slot of the process.
 */
import { BrokenCircuitError, BulkheadRejectedError, ConsecutiveBreaker, bulkhead, circuitBreaker, handleWhen, type BulkheadPolicy, type CircuitBreakerPolicy, CircuitState } from 'cockatiel';
import { LukhasError } from '../errors.js';

/** Options of {@link createProviderGuard}. */
export interface ProviderGuardOptions {
  /** Calls in flight to this provider at once (default 32). */
  maxInFlight?: number;
  /** Calls waiting for a slot; beyond it calls fail at once with BULKHEAD_FULL (default 256). */
  maxQueue?: number;
  /** Consecutive provider failures (5xx, 529, resets, timeouts) that open the breaker (default 5). */
  breakerThreshold?: number;
  /** How long an open breaker sheds calls before letting one test call through, in ms (default 10,000). */
  halfOpenAfterMs?: number;
}

/** A held slot: release it once, with the call's error when it failed. */
export interface GuardSlot {
  done(error?: unknown): void;
}

/** The breaker and bulkhead of one provider. */
export interface ProviderGuard {
  readonly provider: string;
  /** Waits for a slot; throws CIRCUIT_OPEN or BULKHEAD_FULL at once when the call must be shed. */
  enter(): Promise<GuardSlot>;
  /** `closed`, `open`, `half-open` or `isolated`. */
  state(): string;
  /** Calls executing and queue slots free right now. */
  load(): { executing: number; queued: number };
}

/** Failures that say the provider itself is unwell (not our request, not our credentials, not a rate limit). */
export function isProviderFailure(err: unknown): boolean {
  return LukhasError.isInstance(err) && (err.code === 'MODEL_ERROR' || err.code === 'MODEL_TIMEOUT');
}

const STATE_NAMES: Record<number, string> = {
  [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Isolated]: 'isolated',
};

/** Creates the guard of one provider. */
export function createProviderGuard(provider: string, options: ProviderGuardOptions = {}): ProviderGuard {
  const maxInFlight = options.maxInFlight ?? 32;
  const maxQueue = options.maxQueue ?? 256;
  const breaker: CircuitBreakerPolicy = circuitBreaker(handleWhen(isProviderFailure), {
    halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
  });
  const bh: BulkheadPolicy = bulkhead(maxInFlight, maxQueue);

  const shed = (err: unknown): LukhasError => {
    if (err instanceof BrokenCircuitError) {
      return new LukhasError('CIRCUIT_OPEN', `${provider}: circuit open after repeated failures; call shed without sending`, { details: { provider } });
    }
    if (err instanceof BulkheadRejectedError) {
      return new LukhasError('BULKHEAD_FULL', `${provider}: ${maxInFlight} calls in flight and ${maxQueue} queued; call shed without sending`, { details: { provider, maxInFlight, maxQueue } });
    }
    return LukhasError.isInstance(err) ? err : new LukhasError('INTERNAL', `${provider}: guard failed: ${String(err)}`);
  };

  return {
    provider,
    // The slot is the body of a cockatiel execution that settles when the caller says the call is over, so that
    // a stream holds its slot (and reports its outcome to the breaker) for as long as it runs.
    enter: () => new Promise<GuardSlot>((resolve, reject) => {
      let entered = false;
      bh.execute(() => breaker.execute(() => new Promise<void>((settle, fail) => {
        entered = true;
        let released = false;
        resolve({ done: (error) => { if (released) return; released = true; if (error === undefined) settle(); else fail(error); } });
      }))).catch((err: unknown) => { if (!entered) reject(shed(err)); });
    }),
    state: () => STATE_NAMES[breaker.state] ?? String(breaker.state),
    load: () => ({ executing: maxInFlight - bh.executionSlots, queued: maxQueue - bh.queueSlots }),
  };
}

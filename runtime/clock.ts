/** Time, injected: the runtime never reads the wall clock except through a Clock. */
export interface Clock {
  /** Milliseconds since the epoch (or any monotonic origin for a manual clock). */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to: for deterministic journals and tests. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

/** Creates a {@link ManualClock} starting at `start` ms. */
export function createManualClock(start = 0): ManualClock {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; }, set: (ms) => { t = ms; } };
}

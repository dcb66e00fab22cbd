import type { Gate, Verdict } from './gate.js';

/** Options of {@link withVerdictCache}. */
export interface VerdictCacheOptions {
  /** Maximum cached verdicts (default 10,000); the oldest are evicted first. */
  maxEntries?: number;
}

/**
 * Remembers verdicts by (stage, purpose, exact text). Only for gates whose checkers are deterministic functions of
 * the text (the offline checker is; a model checker at temperature 0 nearly is): the same text then gets the same
 * verdict without running the checkers again. Simulation runs ask the same questions thousands of times, so most
 * round-0 prompts repeat. Errors and timeouts are never cached (a failing checker blocks, and is asked again).
 */
export function withVerdictCache(gate: Gate, options: VerdictCacheOptions = {}): Gate & { readonly stats: { hits: number; misses: number } } {
  const max = options.maxEntries ?? 10_000;
  const cache = new Map<string, Verdict>();
  const stats = { hits: 0, misses: 0 };
  return {
    policy: gate.policy,
    stats,
    async check(text, opts) {
      const key = `${opts.stage}\u0000${opts.purpose ?? ''}\u0000${text}`;
      const hit = cache.get(key);
      if (hit) {
        stats.hits++;
        return hit;
      }
      stats.misses++;
      const v = await gate.check(text, opts);
      if (v.category !== 'gate-error') {
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(key, v);
      }
      return v;
    },
  };
}

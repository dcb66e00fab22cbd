import type { Gate, Verdict } from './gate.js';

/** Options of {@link withVerdictCache}. */
export interface VerdictCacheOptions {
  /** Maximum cached verdicts (default 10,000); past it the cache is emptied and refilled. */
  maxEntries?: number;
}

/**
 * Remembers verdicts by (stage, purpose, exact text), up to `maxEntries` (then it starts afresh). Only for gates whose checkers are deterministic functions of
 * the text (the offline checker is; a model checker at temperature 0 nearly is): the same text then gets the same
 * verdict without running the checkers again. Simulation runs ask the same questions thousands of times, so most
 * round-0 prompts repeat. Errors and timeouts are never cached (a failing checker blocks, and is asked again).
 */
export function withVerdictCache(gate: Gate, options: VerdictCacheOptions = {}): Gate & { readonly stats: { hits: number; misses: number } } {
  const max = options.maxEntries ?? 10_000;
  // stage+purpose → text → verdict: the text itself is the key (no concatenated copy of a long prompt per call)
  const caches = new Map<string, Map<string, Verdict>>();
  let size = 0;
  const stats = { hits: 0, misses: 0 };
  return {
    policy: gate.policy,
    stats,
    async check(text, opts) {
      const scope = `${opts.stage}\u0000${opts.purpose ?? ''}`;
      let cache = caches.get(scope);
      if (!cache) caches.set(scope, (cache = new Map()));
      const hit = cache.get(text);
      if (hit) {
        stats.hits++;
        return hit;
      }
      stats.misses++;
      const v = await gate.check(text, opts);
      if (v.category !== 'gate-error') {
        if (size >= max) { caches.clear(); size = 0; cache = new Map(); caches.set(scope, cache); } // simple and bounded
        if (!cache.has(text)) size++;
        cache.set(text, v);
      }
      return v;
    },
  };
}

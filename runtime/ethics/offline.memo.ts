/**
 * Bounded memo tables of the offline checker. Agent prompts repeat piecewise (a role's system prompt, a run's
 * question, template rationales), so the checker remembers the result of each piece it evaluates, keyed by
 * everything that piece's result is computed from (offline.checker.ts builds the keys and says why each part is
 * there). A hit returns exactly what the computation returned, so memoisation never changes a verdict; it only
 * skips work. Every table is an LRU of bounded size: memory stays flat however long a process runs.
 */

/** A least-recently-used map of at most `max` entries (a Map keeps insertion order: the first key is the oldest). */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  hits = 0;
  misses = 0;
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`Lru: max must be a positive integer, got ${max}`);
  }

  get size(): number { return this.map.size; }

  /** The value for `key`, refreshed as most recently used; undefined on a miss. */
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) { this.misses++; return undefined; }
    this.hits++;
    // re-inserting moves the key to the newest end: eviction takes the least recently used
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, value: V): void {
    if (this.map.size >= this.max && !this.map.has(key)) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
    this.map.set(key, value);
  }

  clear(): void { this.map.clear(); this.hits = 0; this.misses = 0; }
}

/** Sizes of the offline checker's memo tables (entries). */
export const MEMO_LIMITS = {
  /** Per-sentence detector results (sentence, cased sentence, frame flags). */
  sentences: 20_000,
  /** Per-line spelling normalisation. */
  lines: 10_000,
  /** Whole-text frames of a folded text (fiction, sport, actionable, stated self-harm intent). */
  wholeFrames: 2_000,
  /** Injection findings on the text outside quoted blocks. */
  injectionOutside: 2_000,
  /** Whether a quoted block's data holds an instruction. */
  injectionInside: 10_000,
} as const;

/** Hit and miss counts of every memo table (diagnostics and tests). */
export interface OfflineMemoStats { [table: string]: { size: number; hits: number; misses: number } }

/** The memo tables of one offline checker module. */
export interface OfflineMemo {
  readonly sentences: Lru<{ findings: import('./checker.types.js').Finding[]; notes: string[] }>;
  readonly lines: Lru<string>;
  readonly wholeFrames: Lru<{ fiction: boolean; sport: boolean; actionable: boolean; selfIntent: boolean }>;
  readonly injectionOutside: Lru<{ findings: import('./checker.types.js').Finding[]; notes: string[] }>;
  readonly injectionInside: Lru<boolean>;
}

/** Creates a set of empty memo tables bounded by {@link MEMO_LIMITS}. */
export function createOfflineMemo(limits: Partial<Record<keyof typeof MEMO_LIMITS, number>> = {}): OfflineMemo {
  const l = { ...MEMO_LIMITS, ...limits };
  return {
    sentences: new Lru(l.sentences), lines: new Lru(l.lines), wholeFrames: new Lru(l.wholeFrames),
    injectionOutside: new Lru(l.injectionOutside), injectionInside: new Lru(l.injectionInside),
  };
}

/** Snapshot of a memo's sizes and hit counts. */
export function memoStats(memo: OfflineMemo): OfflineMemoStats {
  const out: OfflineMemoStats = {};
  for (const [name, t] of Object.entries(memo) as [string, Lru<unknown>][]) out[name] = { size: t.size, hits: t.hits, misses: t.misses };
  return out;
}

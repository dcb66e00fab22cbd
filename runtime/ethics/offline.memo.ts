/**
 * Bounded memo tables of the offline checker. Agent prompts repeat piecewise (a role's system prompt, a run's
 * question, template rationales), so the checker remembers the result of each piece it evaluates, keyed by
 * everything that piece's result is computed from (offline.checker.ts builds the keys and says why each part is
 * there). A hit returns exactly what the computation returned, so memoisation never changes a verdict; it only
 * skips work. Every table is an LRU of bounded size: memory stays flat however long a process runs.
 */
import type { Finding } from './checker.types.js';

/**
 * A least-recently-used map (approximately: see get) bounded by entry count and by the total length of its keys (a key holds the text it
 * stands for, so the character budget is what bounds memory when texts are long). A Map keeps insertion order:
 * the first key is the least recently used.
 */
export class Lru<V> {
  /** Entry: value and the write stamp of its last (re-)insertion. */
  private readonly map = new Map<string, { v: V; at: number }>();
  private chars = 0;
  private stamp = 0;
  hits = 0;
  misses = 0;
  constructor(readonly max: number, readonly maxChars = Infinity) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`Lru: max must be a positive integer, got ${max}`);
    if (!(maxChars > 0)) throw new Error(`Lru: maxChars must be positive, got ${maxChars}`);
  }

  get size(): number { return this.map.size; }

  /** The value for `key`, refreshed as recently used; undefined on a miss. */
  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) { this.misses++; return undefined; }
    this.hits++;
    // re-inserting moves the key to the newest end, where eviction reaches it last; a key written in the newest
    // eighth of the table's writes is already far from eviction, and re-inserting it on every hit (a delete and
    // a set) would cost more than the lookup: hot keys stay, a key is refreshed once it has drifted
    if (this.stamp - e.at > this.max >> 3) {
      this.map.delete(key);
      e.at = ++this.stamp;
      this.map.set(key, e);
    }
    return e.v;
  }

  /** Stores `value` (a key longer than a quarter of the character budget is not stored: it would flush the table). */
  set(key: string, value: V): void {
    if (key.length * 4 > this.maxChars) return;
    if (this.map.delete(key)) this.chars -= key.length;
    while (this.map.size > 0 && (this.map.size >= this.max || this.chars + key.length > this.maxChars)) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
      this.chars -= oldest.length;
    }
    this.map.set(key, { v: value, at: ++this.stamp });
    this.chars += key.length;
  }

  clear(): void { this.map.clear(); this.chars = 0; this.stamp = 0; this.hits = 0; this.misses = 0; }
}

/**
 * Bounds of the offline checker's memo tables: entries, and characters of key text (about bytes, for ASCII):
 * about 15 MB of keys at most in all, enough for ~2,000 distinct 1.5 KB prompts and every sentence of them.
 */
export const MEMO_LIMITS = {
  /** Per-sentence detector results (sentence, cased sentence, frame flags). */
  sentences: { entries: 20_000, chars: 4_000_000 },
  /** Per-line spelling normalisation. */
  lines: { entries: 10_000, chars: 1_000_000 },
  /** Whole-text frames of a folded text (fiction, sport, actionable, stated self-harm intent). */
  wholeFrames: { entries: 2_000, chars: 6_000_000 },
  /** Injection findings on the text outside quoted blocks. */
  injectionOutside: { entries: 2_000, chars: 3_000_000 },
  /** Whether a quoted block's data holds an instruction. */
  injectionInside: { entries: 10_000, chars: 1_000_000 },
} as const;

/** Hit and miss counts of every memo table (diagnostics and tests). */
export interface OfflineMemoStats { [table: string]: { size: number; hits: number; misses: number } }

/** The memo tables of one offline checker module. */
export interface OfflineMemo {
  readonly sentences: Lru<{ findings: Finding[]; notes: string[] }>;
  readonly lines: Lru<string>;
  readonly wholeFrames: Lru<{ fiction: boolean; sport: boolean; actionable: boolean; selfIntent: boolean }>;
  readonly injectionOutside: Lru<{ findings: Finding[]; notes: string[] }>;
  readonly injectionInside: Lru<boolean>;
}

/** Creates a set of empty memo tables bounded by {@link MEMO_LIMITS} (or smaller `limits`, for tests). */
export function createOfflineMemo(limits: Partial<Record<keyof typeof MEMO_LIMITS, { entries: number; chars: number }>> = {}): OfflineMemo {
  const l = { ...MEMO_LIMITS, ...limits };
  const lru = <V>(k: keyof typeof MEMO_LIMITS): Lru<V> => new Lru<V>(l[k].entries, l[k].chars);
  return { sentences: lru('sentences'), lines: lru('lines'), wholeFrames: lru('wholeFrames'), injectionOutside: lru('injectionOutside'), injectionInside: lru('injectionInside') };
}

/** Snapshot of a memo's sizes and hit counts. */
export function memoStats(memo: OfflineMemo): OfflineMemoStats {
  const out: OfflineMemoStats = {};
  for (const [name, t] of Object.entries(memo) as [string, Lru<unknown>][]) out[name] = { size: t.size, hits: t.hits, misses: t.misses };
  return out;
}

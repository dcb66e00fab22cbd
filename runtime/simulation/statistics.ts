import { LukhasError } from '../errors.js';

/**
 * Small, streaming statistics for simulation summaries: constant memory per accumulator, so a 10-million-run
 * simulation summarises in the same memory as a 10-run one.
 */

/** Wilson score interval for a binomial proportion (z = 1.96 → 95 %). Well-behaved near 0 and 1, unlike Wald. */
export function wilsonInterval(successes: number, trials: number, z = 1.96): [number, number] {
  if (trials === 0) return [0, 1];
  if (successes < 0 || successes > trials) throw new LukhasError('BAD_INPUT', `wilson: ${successes} successes out of ${trials} trials`);
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Running mean and variance (Welford), plus min and max. */
export class RunningStats {
  count = 0;
  private meanValue = 0;
  private m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** Adds one observation. */
  push(x: number): void {
    this.count++;
    const d = x - this.meanValue;
    this.meanValue += d / this.count;
    this.m2 += d * (x - this.meanValue);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Mean, or null with no observations. */
  get mean(): number | null {
    return this.count === 0 ? null : this.meanValue;
  }

  /** Sample standard deviation, or null with fewer than two observations. */
  get sd(): number | null {
    return this.count < 2 ? null : Math.sqrt(this.m2 / (this.count - 1));
  }

  /** Plain summary for JSON. */
  toJSON(): { count: number; mean: number | null; sd: number | null; min: number | null; max: number | null } {
    return { count: this.count, mean: round(this.mean), sd: round(this.sd), min: this.count ? this.min : null, max: this.count ? this.max : null };
  }
}

/** A counter of string keys that keeps at most `cap` distinct keys (the rest are summed under `other`). */
export class CappedCounter {
  private readonly map = new Map<string, number>();
  other = 0;
  constructor(private readonly cap = 50) {}

  /** Counts one occurrence of `key`. */
  add(key: string): void {
    const n = this.map.get(key);
    if (n !== undefined) this.map.set(key, n + 1);
    else if (this.map.size < this.cap) this.map.set(key, 1);
    else this.other++;
  }

  /** Counts sorted by count (descending), then key, for stable output. */
  entries(): [string, number][] {
    return [...this.map.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Plain object (sorted entries; `other` when keys overflowed). */
  toJSON(): Record<string, number> {
    const o = Object.fromEntries(this.entries());
    if (this.other > 0) o['(other)'] = this.other;
    return o;
  }
}

/** Rounds for reports (9 significant decimals is far below any sampling error here); null passes through. */
export function round(x: number | null, digits = 9): number | null {
  if (x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

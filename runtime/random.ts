/**
 * Seeded, splittable randomness. Every consumer forks its own stream by a string key, so draws never depend on
 * scheduling order: the same seed gives the same numbers whatever runs first.
 */

/** A seeded source of uniform numbers in [0, 1). */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A new independent stream derived from this stream's seed and `key` (does not advance this stream). */
  fork(key: string | number): Random;
  /** The 32-bit seed this stream was created from. */
  readonly seed: number;
}

/** 32-bit FNV-1a of a string, mixed with an optional seed. Stable across platforms. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche (murmur3 fmix32) so nearby keys give unrelated seeds
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded Random (mulberry32: small state, good enough statistics for simulation, fast). */
export function createRandom(seed: number | string): Random {
  const s = typeof seed === 'string' ? hash32(seed) : seed >>> 0;
  let state = s;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed: s,
    next,
    int: (n: number) => Math.floor(next() * n),
    fork: (key: string | number) => createRandom(hash32(String(key), s)),
  };
}

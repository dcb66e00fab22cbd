/** Id generation, injected. A counter per runtime: random ids on the per-message path cost ~5 µs each here. */
export type IdGenerator = (kind: string) => string;

/** Counter ids `kind-N` with an optional prefix; deterministic, cheap. */
export function createCounterIds(prefix = ''): IdGenerator {
  const counters = new Map<string, number>();
  return (kind: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${prefix}${kind}-${n}`;
  };
}

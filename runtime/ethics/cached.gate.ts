import { joinParts, type CheckOptions, type Gate, type Verdict } from './gate.js';

/** Options of {@link withVerdictCache}. */
export interface VerdictCacheOptions {
  /** Maximum cached verdicts (default 10,000); past it the cache is emptied and refilled. */
  maxEntries?: number;
}

/** A trie of maps over a text's parts; the verdict of the whole text sits at the node of its last part. */
interface Node { next: Map<string, Node> | undefined; verdict: Verdict | undefined }
const node = (): Node => ({ next: undefined, verdict: undefined });

/**
 * Remembers verdicts by (stage, purpose, exact text), up to `maxEntries` (then it starts afresh). Only for gates
 * whose checkers are deterministic functions of the text (the offline checker is; a model checker at temperature 0
 * nearly is): the same text then gets the same verdict without running the checkers again. Simulation runs ask the
 * same questions thousands of times, so most prompts repeat. Errors and timeouts are never cached (a failing
 * checker blocks, and is asked again).
 *
 * A prompt is looked up by its parts (system prompt, then each message; `checkParts`), so the long system prompt,
 * the same string object on every turn of a role, is never joined or re-read, and a known verdict is answered
 * synchronously. Lookups by parts and by whole text are separate keys of the same verdicts: a text checked both
 * ways is checked by the gate at most twice, with the same result.
 */
export function withVerdictCache(gate: Gate, options: VerdictCacheOptions = {}): Gate & { readonly stats: { hits: number; misses: number } } {
  const max = options.maxEntries ?? 10_000;
  // stage → purpose ('' for none) → trie over parts (a whole text is a one-part key)
  const roots = new Map<string, Map<string, Node>>();
  let size = 0;
  const stats = { hits: 0, misses: 0 };

  function find(parts: readonly string[], opts: CheckOptions, create: boolean): Node | undefined {
    let byPurpose = roots.get(opts.stage);
    if (!byPurpose) { if (!create) return undefined; roots.set(opts.stage, (byPurpose = new Map())); }
    const purpose = opts.purpose ?? '';
    let n: Node | undefined = byPurpose.get(purpose);
    if (!n) { if (!create) return undefined; byPurpose.set(purpose, (n = node())); }
    for (const part of parts) {
      let next: Node | undefined = n.next?.get(part);
      if (!next) {
        if (!create) return undefined;
        (n.next ??= new Map()).set(part, (next = node()));
      }
      n = next;
    }
    return n;
  }

  async function miss(parts: readonly string[], text: string, opts: CheckOptions): Promise<Verdict> {
    stats.misses++;
    const v = await gate.check(text, opts);
    if (v.category !== 'gate-error') {
      if (size >= max) { roots.clear(); size = 0; } // simple and bounded
      const n = find(parts, opts, true)!;
      if (n.verdict === undefined) size++;
      n.verdict = v;
    }
    return v;
  }

  return {
    policy: gate.policy,
    stats,
    check(text, opts) {
      // a system prompt marked inside a whole text changes what some checkers read: not a key of this cache
      if (opts.systemLength) return gate.check(text, opts);
      const hit = find([text], opts, false)?.verdict;
      if (hit) { stats.hits++; return Promise.resolve(hit); }
      return miss([text], text, opts);
    },
    checkParts(parts, opts) {
      const hit = find(parts, opts, false)?.verdict;
      if (hit) { stats.hits++; return hit; }
      // parts[0] is the system prompt (requestParts): the joined text starts with it
      const system = parts[0] ?? '';
      const text = joinParts(parts);
      return miss(parts, text, system.length > 0 && text.length > system.length ? { ...opts, systemLength: system.length } : opts);
    },
  };
}

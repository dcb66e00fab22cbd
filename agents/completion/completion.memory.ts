/**
 * The memory port of the completion pipeline — `recall(user, text, k)` and `record(user, content)` — with two
 * implementations: an in-memory one (hashed embedder, cosine; deterministic) and one over the helix memory
 * store (runtime/memory), which encrypts and chains what it records.
 */
import { cosine } from '../../runtime/embedding/embedder.port.js';
import { createHashedEmbedder } from '../../runtime/embedding/hashed.embedder.js';
import type { MemoryStore } from '../../runtime/memory/memory.port.js';
import type { RecalledMemory } from '../../machines/completion.machine.js';

/** What the pipeline needs from a memory. */
export interface CompletionMemory {
  recall(user: string, text: string, k: number): Promise<RecalledMemory[]>;
  /** Stores content for a user; returns the memory id. */
  record(user: string, content: string): Promise<string>;
}

/** An in-memory CompletionMemory (per-user lists, hashed-embedding cosine above `threshold`). */
export function createInMemoryCompletionMemory(options: { threshold?: number } = {}): CompletionMemory & { readonly size: number } {
  const embedder = createHashedEmbedder();
  const threshold = options.threshold ?? 0.2;
  const byUser = new Map<string, { id: string; text: string; vec: Float32Array }[]>();
  let n = 0;
  return {
    get size() { return n; },
    async recall(user, text, k) {
      const q = embedder.embedSync(text);
      return (byUser.get(user) ?? [])
        .map((m) => ({ id: m.id, text: m.text, score: Math.round(cosine(q, m.vec) * 1e6) / 1e6 }))
        .filter((m) => m.score >= threshold)
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, k);
    },
    async record(user, content) {
      const list = byUser.get(user) ?? [];
      const id = `${user}:${list.length}`;
      list.push({ id, text: content, vec: embedder.embedSync(content) });
      byUser.set(user, list);
      n++;
      return id;
    },
  };
}

/** A CompletionMemory over the helix MemoryStore (kind `completion`); ids are `user:seq`. */
export function completionMemoryFromStore(store: MemoryStore, options: { threshold?: number } = {}): CompletionMemory {
  return {
    async recall(user, text, k) {
      const hits = await store.search(user, text, { k, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) });
      return hits.map((h) => ({ id: `${h.entry.userId}:${h.entry.seq}`, text: h.entry.text, score: Math.round(h.score * 1e6) / 1e6 }));
    },
    async record(user, content) {
      const r = await store.append({ userId: user, text: content, kind: 'completion' });
      return `${r.userId}:${r.seq}`;
    },
  };
}

/**
 * Vocabularies in the helix memory store: each version is one entry in its user's chain (kind
 * `symbols.vocabulary`), so it is encrypted with the user's data key, hash-chained, covered by the Merkle tree
 * and signed checkpoints, and shredded with the user. A reserved user keeps the list of users with vocabularies.
 *
 * Limits, stated: the memory port reads a user's entries in order with no filter by kind, so loading a vocabulary
 * reads that user's whole chain. The version check in `save` reads then appends: two processes writing the same
 * user at the same instant can both pass it (the memory port has no compare-and-append).
 */
import { LukhasError } from '../errors.js';
import type { MemoryEntry, MemoryInput } from '../memory/memory.port.js';
import { checkUserId, type Vocabulary } from './vocabulary.js';
import type { VocabularyStore } from './vocabulary.store.js';

/** The part of the memory store this adapter needs. */
export interface MemoryLike {
  append(input: MemoryInput): Promise<unknown>;
  read(userId: string, options?: { fromSeq?: number; limit?: number }): Promise<MemoryEntry[]>;
}

const KIND = 'symbols.vocabulary';
const INDEX_KIND = 'symbols.user';
/** Reserved owner of the user index (not a valid vocabulary user id: it contains ':'). */
export const SYMBOLS_INDEX_USER = 'lukhas:symbols';

/** A {@link VocabularyStore} over the memory store. */
export function createMemoryVocabularyStore(memory: MemoryLike): VocabularyStore {
  const history = async (user: string): Promise<Vocabulary[]> => {
    const entries = await memory.read(checkUserId(user));
    const out: Vocabulary[] = [];
    for (const e of entries) {
      if (e.kind !== KIND) continue;
      const v = (e.data as { vocabulary?: Vocabulary } | undefined)?.vocabulary;
      if (!v || v.user !== user || typeof v.version !== 'number') {
        throw new LukhasError('INTEGRITY', `memory entry ${e.seq} of "${user}" is marked as a vocabulary but holds none`);
      }
      out.push(v);
    }
    return out;
  };

  return {
    kind: 'memory store (encrypted, hash-chained)',
    async load(user, version) {
      const h = await history(user);
      return version === undefined ? h.at(-1) : h.find((v) => v.version === version);
    },
    async save(v) {
      const user = checkUserId(v.user);
      const known = (await history(user)).at(-1)?.version ?? 0;
      if (v.version !== known + 1) {
        throw new LukhasError('CONFLICT', `vocabulary of "${user}" changed concurrently: stored version is ${known}, refusing to write version ${v.version} (expected ${known + 1}); reload and retry`);
      }
      await memory.append({ userId: user, kind: KIND, ref: `vocabulary:${v.version}`, text: `symbol vocabulary version ${v.version} (${v.entries.length} symbols)`, data: { vocabulary: v }, embed: false });
      if (known === 0) await memory.append({ userId: SYMBOLS_INDEX_USER, kind: INDEX_KIND, ref: user, text: user, embed: false });
    },
    async versions(user) { return (await history(user)).map((v) => v.version); },
    async users() {
      const idx = await memory.read(SYMBOLS_INDEX_USER);
      return [...new Set(idx.filter((e) => e.kind === INDEX_KIND).map((e) => e.text))].sort();
    },
  };
}

/** CRUD over versioned vocabularies: every change writes a new version through the {@link VocabularyStore}. */
import { systemClock, type Clock } from '../clock.js';
import { LukhasError } from '../errors.js';
import {
  checkUserId, normaliseEntry, parseVocabularyFile, symbolKey, toVocabularyFile, VOCABULARY_LIMITS,
  type Concept, type Vocabulary, type VocabularyEntry, type VocabularyFile,
} from './vocabulary.js';
import type { VocabularyStore } from './vocabulary.store.js';

/** The vocabulary service. */
export interface Vocabularies {
  readonly store: VocabularyStore;
  /** The latest (or a given) version; NOT_FOUND naming the user when there is none. */
  get(user: string, version?: number): Promise<Vocabulary>;
  /** Adds new symbols (CONFLICT if a symbol exists: use update). */
  add(user: string, entries: readonly VocabularyEntry[]): Promise<Vocabulary>;
  /** Changes the concept of an existing symbol (NOT_FOUND if absent). */
  update(user: string, symbol: string, concept: Concept): Promise<Vocabulary>;
  /** Removes symbols (NOT_FOUND naming the first absent one). */
  remove(user: string, symbols: readonly string[]): Promise<Vocabulary>;
  /** Imports a vocabulary file: `replace` (default) swaps all entries, `merge` adds and overwrites. */
  import(file: string | unknown, options?: { mode?: 'replace' | 'merge'; user?: string }): Promise<Vocabulary>;
  export(user: string): Promise<VocabularyFile>;
  versions(user: string): Promise<number[]>;
  users(): Promise<string[]>;
}

/** Creates the vocabulary service over a store. */
export function createVocabularies(options: { store: VocabularyStore; clock?: Clock }): Vocabularies {
  const { store } = options;
  const clock = options.clock ?? systemClock;

  const latest = async (user: string) => store.load(checkUserId(user));
  const write = async (user: string, prev: Vocabulary | undefined, entries: VocabularyEntry[]): Promise<Vocabulary> => {
    if (entries.length > VOCABULARY_LIMITS.entries) {
      throw new LukhasError('BAD_INPUT', `vocabulary of "${user}" would hold ${entries.length} entries (limit ${VOCABULARY_LIMITS.entries})`);
    }
    const next: Vocabulary = { user, version: (prev?.version ?? 0) + 1, updatedAt: clock.now(), entries };
    await store.save(next);
    return next;
  };

  const get = async (user: string, version?: number) => {
    const v = await store.load(checkUserId(user), version);
    if (!v) {
      throw new LukhasError('NOT_FOUND', version === undefined
        ? `unknown user "${user}": no vocabulary is stored for this user`
        : `vocabulary of "${user}" has no version ${version}`, { details: { user } });
    }
    return v;
  };

  return {
    store,
    get,
    async add(user, raw) {
      const prev = await latest(user);
      const entries = [...(prev?.entries ?? [])];
      const index = new Map(entries.map((e, i) => [symbolKey(e.symbol), i]));
      raw.forEach((r, i) => {
        const e = normaliseEntry(r, `entries[${i}]`);
        if (index.has(symbolKey(e.symbol))) throw new LukhasError('CONFLICT', `symbol ${JSON.stringify(e.symbol)} already exists in the vocabulary of "${user}" (use update)`);
        index.set(symbolKey(e.symbol), entries.length);
        entries.push(e);
      });
      return write(user, prev, entries);
    },
    async update(user, symbol, concept) {
      const prev = await get(user);
      const e = normaliseEntry({ symbol, concept }, 'entry');
      const i = prev.entries.findIndex((x) => symbolKey(x.symbol) === symbolKey(e.symbol));
      if (i < 0) throw new LukhasError('NOT_FOUND', `symbol ${JSON.stringify(e.symbol)} is not in the vocabulary of "${user}"`);
      const entries = [...prev.entries];
      entries[i] = e;
      return write(user, prev, entries);
    },
    async remove(user, symbols) {
      const prev = await get(user);
      let entries = [...prev.entries];
      for (const s of symbols) {
        const key = symbolKey(s.normalize('NFKC'));
        const before = entries.length;
        entries = entries.filter((x) => symbolKey(x.symbol) !== key);
        if (entries.length === before) throw new LukhasError('NOT_FOUND', `symbol ${JSON.stringify(s)} is not in the vocabulary of "${user}"`);
      }
      return write(user, prev, entries);
    },
    async import(file, opts = {}) {
      const parsed = parseVocabularyFile(file);
      const user = opts.user ? checkUserId(opts.user) : parsed.user;
      const prev = await latest(user);
      if ((opts.mode ?? 'replace') === 'replace') return write(user, prev, parsed.entries);
      const entries = [...(prev?.entries ?? [])];
      const index = new Map(entries.map((e, i) => [symbolKey(e.symbol), i]));
      for (const e of parsed.entries) {
        const i = index.get(symbolKey(e.symbol));
        if (i === undefined) { index.set(symbolKey(e.symbol), entries.length); entries.push(e); } else entries[i] = e;
      }
      return write(user, prev, entries);
    },
    async export(user) { return toVocabularyFile(await get(user)); },
    async versions(user) { return store.versions(checkUserId(user)); },
    async users() { return store.users(); },
  };
}

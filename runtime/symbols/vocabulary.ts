/**
 * Vocabularies: one per user, mapping symbols (emoji, words, phrases) to concepts. The JSON exchange format is
 * a zod schema (`lukhas.vocabulary/v1`); every import error names the path of the offending field.
 *
 * ```json
 * { "schema": "lukhas.vocabulary/v1", "user": "alice", "version": 3,
 *   "entries": [ { "symbol": "🌧️", "concept": { "description": "rain and a grey sky, feeling low",
 *                                                "tags": ["rain", "sad"], "tone": -0.6 } } ] }
 * ```
 * `tone` is the emotional valence in [-1, 1] (negative, neutral 0, positive). `version` is informational on
 * import (the store assigns versions).
 */
import { z } from 'zod';
import { LukhasError } from '../errors.js';
import { normaliseSymbolText } from './normalise.js';

/** What a symbol means to its owner. */
export interface Concept {
  description: string;
  tags: string[];
  /** Emotional valence in [-1, 1]. */
  tone: number;
}

/** One symbol of a vocabulary. */
export interface VocabularyEntry {
  symbol: string;
  concept: Concept;
}

/** A user's vocabulary at one version. */
export interface Vocabulary {
  user: string;
  /** 1 for the first stored version, +1 on every change. */
  version: number;
  /** Milliseconds (injected clock) of this version. */
  updatedAt: number;
  entries: VocabularyEntry[];
}

/** Limits that keep a hostile vocabulary from costing unbounded CPU. */
export const VOCABULARY_LIMITS = { entries: 10_000, symbolChars: 200, descriptionChars: 2_000, tags: 32, tagChars: 64, userChars: 128 } as const;

const conceptSchema = z.strictObject({
  description: z.string().min(1).max(VOCABULARY_LIMITS.descriptionChars),
  tags: z.array(z.string().min(1).max(VOCABULARY_LIMITS.tagChars)).max(VOCABULARY_LIMITS.tags).default([]),
  tone: z.number().min(-1).max(1).default(0),
});

const entrySchema = z.strictObject({
  symbol: z.string().min(1).max(VOCABULARY_LIMITS.symbolChars),
  concept: conceptSchema,
});

/** The exchange format of a vocabulary (import/export). */
export const vocabularyFileSchema = z.strictObject({
  schema: z.literal('lukhas.vocabulary/v1'),
  user: z.string().min(1).max(VOCABULARY_LIMITS.userChars),
  version: z.number().int().min(0).optional(),
  entries: z.array(entrySchema).max(VOCABULARY_LIMITS.entries),
});

/** A parsed vocabulary file. */
export type VocabularyFile = z.infer<typeof vocabularyFileSchema>;

/** A user id: letters, digits, `.`, `_`, `-`, `@` (it names files and keys). */
export function checkUserId(user: unknown, what = 'user'): string {
  if (typeof user !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/.test(user)) {
    throw new LukhasError('BAD_INPUT', `invalid ${what}: ${JSON.stringify(user)} (expected 1-128 of A-Z a-z 0-9 . _ @ -, starting with a letter or digit)`);
  }
  return user;
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(root)';
}

/** Validates and normalises one entry (symbol hygiene; tags lower-cased and trimmed). */
export function normaliseEntry(raw: unknown, where = 'entry'): VocabularyEntry {
  const r = entrySchema.safeParse(raw);
  if (!r.success) throw zodError(r.error, where);
  const symbol = normaliseSymbolText(r.data.symbol, { what: `${where}.symbol` }).trim();
  if (!symbol) throw new LukhasError('BAD_INPUT', `${where}.symbol is empty after normalisation (it held only invisible characters)`);
  if (/\s{2,}|[\t\n\r]/.test(symbol)) throw new LukhasError('BAD_INPUT', `${where}.symbol must be one line with single spaces: ${JSON.stringify(symbol)}`);
  const description = normaliseSymbolText(r.data.concept.description, { what: `${where}.concept.description` }).trim();
  const tags = r.data.concept.tags.map((t, i) => normaliseSymbolText(t, { what: `${where}.concept.tags[${i}]` }).trim().toLowerCase());
  return { symbol, concept: { description, tags, tone: r.data.concept.tone } };
}

function zodError(err: z.ZodError, prefix: string): LukhasError {
  const issues = err.issues.slice(0, 5).map((i) => `${pathOf([prefix, ...i.path].filter((p) => p !== ''))}: ${i.message}`);
  return new LukhasError('BAD_INPUT', `invalid vocabulary: ${issues.join('; ')}${err.issues.length > 5 ? ` (+${err.issues.length - 5} more)` : ''}`, { details: { issues: issues.length } });
}

/**
 * Parses a vocabulary file (a JSON string or an already parsed value). Errors name the path
 * (`entries[3].concept.tone: ...`), the symbol hygiene problem, or a duplicate symbol.
 */
export function parseVocabularyFile(input: string | unknown): { user: string; entries: VocabularyEntry[] } {
  let value: unknown = input;
  if (typeof input === 'string') {
    try { value = JSON.parse(input); } catch (e) {
      throw new LukhasError('BAD_INPUT', `invalid vocabulary: not JSON (${(e as Error).message})`);
    }
  }
  const r = vocabularyFileSchema.safeParse(value);
  if (!r.success) throw zodError(r.error, '');
  const user = checkUserId(r.data.user, 'user');
  const seen = new Map<string, number>();
  const entries = r.data.entries.map((e, i) => {
    const entry = normaliseEntry(e, `entries[${i}]`);
    const key = symbolKey(entry.symbol);
    const first = seen.get(key);
    if (first !== undefined) throw new LukhasError('BAD_INPUT', `invalid vocabulary: entries[${i}].symbol ${JSON.stringify(entry.symbol)} duplicates entries[${first}].symbol`);
    seen.set(key, i);
    return entry;
  });
  return { user, entries };
}

/** The exchange form of a stored vocabulary. */
export function toVocabularyFile(v: Vocabulary): VocabularyFile {
  return { schema: 'lukhas.vocabulary/v1', user: v.user, version: v.version, entries: v.entries.map((e) => ({ symbol: e.symbol, concept: { ...e.concept, tags: [...e.concept.tags] } })) };
}

/** Identity of a symbol inside one vocabulary: case-folded, emoji presentation selectors ignored. */
export function symbolKey(symbol: string): string {
  return symbol.toLowerCase().replace(/\uFE0F/g, '');
}

/** The text the embedder sees for a concept: the meaning lives in the description and the tags. */
export function conceptText(c: Concept): string {
  return c.tags.length ? `${c.description}. ${c.tags.join(' ')}` : c.description;
}

/**
 * Finds a sender's symbols in a message: leftmost-longest match over grapheme clusters (so "👨‍👩‍👧" is one
 * unit and never matches "👨" alone), case-insensitive, and whole words only for symbols that start or end with
 * a letter or digit ("rain" does not match inside "brain"). Linear in the message length times the longest
 * symbol (in graphemes).
 */
import { LukhasError } from '../errors.js';
import { foldGrapheme, graphemes, isWordGrapheme, normaliseSymbolText } from './normalise.js';
import type { VocabularyEntry } from './vocabulary.js';

interface TrieNode { next: Map<string, TrieNode>; entry?: number }

/** A compiled vocabulary for extraction. */
export interface SymbolIndex {
  readonly entries: readonly VocabularyEntry[];
  readonly root: TrieNode;
}

/** One symbol found in a message (grapheme offsets, end exclusive). */
export interface Occurrence {
  entry: number;
  symbol: string;
  start: number;
  end: number;
}

/** Limits of one message. */
export interface ExtractLimits {
  /** Maximum message length in grapheme clusters (default 10,000). */
  maxGraphemes?: number;
}

/** Builds the matching trie of a vocabulary. */
export function createSymbolIndex(entries: readonly VocabularyEntry[]): SymbolIndex {
  const root: TrieNode = { next: new Map() };
  entries.forEach((e, i) => {
    let node = root;
    for (const g of graphemes(e.symbol)) {
      const k = foldGrapheme(g);
      let n = node.next.get(k);
      if (!n) { n = { next: new Map() }; node.next.set(k, n); }
      node = n;
    }
    node.entry ??= i;
  });
  return { entries, root };
}

/**
 * Normalises a message (see normaliseSymbolText) and enforces the length limit before any expensive work: a
 * message that is too long is refused with its length and the limit, never processed.
 */
export function prepareMessage(message: string, limits: ExtractLimits = {}): string[] {
  const max = limits.maxGraphemes ?? 10_000;
  if (typeof message !== 'string') throw new LukhasError('BAD_INPUT', `message must be a string (got ${typeof message})`);
  // a grapheme holds at least one code unit: a far-too-long string is refused before any other work
  if (message.length > max * 64) throw tooLong(message.length, max, 'code units');
  const text = normaliseSymbolText(message, { what: 'message' });
  const gs = graphemes(text, max);
  if (gs.length > max) throw tooLong(Array.from(text).length, max, 'code points');
  if (gs.length === 0) throw new LukhasError('BAD_INPUT', 'message is empty');
  return gs;
}

function tooLong(n: number, max: number, unit: string): LukhasError {
  return new LukhasError('BAD_INPUT', `message too long: ${n} ${unit}, more than the limit of ${max} graphemes (raise maxGraphemes to allow more)`, { details: { length: n, limit: max } });
}

/** Extracts occurrences, leftmost-longest, from prepared graphemes. */
export function extractSymbols(index: SymbolIndex, gs: readonly string[]): Occurrence[] {
  const out: Occurrence[] = [];
  const folded = gs.map(foldGrapheme);
  let i = 0;
  while (i < gs.length) {
    let node: TrieNode | undefined = index.root;
    let best: { entry: number; end: number } | undefined;
    for (let j = i; j < gs.length; j++) {
      node = node.next.get(folded[j]!);
      if (!node) break;
      if (node.entry !== undefined && boundaryOk(gs, i, j + 1)) best = { entry: node.entry, end: j + 1 };
    }
    if (best) {
      out.push({ entry: best.entry, symbol: index.entries[best.entry]!.symbol, start: i, end: best.end });
      i = best.end;
    } else i++;
  }
  return out;
}

function boundaryOk(gs: readonly string[], start: number, end: number): boolean {
  if (isWordGrapheme(gs[start]!) && start > 0 && isWordGrapheme(gs[start - 1]!)) return false;
  if (isWordGrapheme(gs[end - 1]!) && end < gs.length && isWordGrapheme(gs[end]!)) return false;
  return true;
}

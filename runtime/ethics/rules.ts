/**
 * Builders for the offline checker's regular expressions, compiled once at module load (pure values, no side
 * effects): a rule reads as a sentence over named word lists.
 */
import { alt } from './lexicon.js';

/** A word-bounded regex over folded text built from a template with `{LIST}` placeholders. */
export function rx(template: string, lists: Record<string, readonly string[]>, flags = ''): RegExp {
  const src = template.replace(/\{([A-Z_]+)\}/g, (_, name: string) => {
    const list = lists[name];
    if (!list) throw new Error(`rules: unknown list ${name}`);
    return alt(list);
  });
  return new RegExp(src, flags);
}

/** Sets from lists (lookups on single tokens). */
export function set(...lists: readonly (readonly string[])[]): ReadonlySet<string> {
  return new Set(lists.flat());
}

/** True when any entry of the list occurs at word boundaries in the text. */
export function hasAny(text: string, re: RegExp): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

/** Wraps a list into a word-bounded regex. */
export function words(list: readonly string[], flags = ''): RegExp {
  return new RegExp(`(?<![\\w-])${alt(list)}(?![\\w-])`, flags);
}

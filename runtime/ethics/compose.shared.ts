/**
 * What the compositional rule tables share (detect.compose.ts runs them): the rule shape and the target patterns.
 */
import type { Finding } from './checker.types.js';
import { alt } from './lexicon.js';
import { PRIVATE_RELATIONS } from './lexicon.privacy.js';
import { GROUP_ADJECTIVES, GROUP_HEADS, GROUP_NOUNS } from './lexicon.topics.js';
import type { Rule } from './prefilter.js';

/** People described by a role or relation, not by a public office ("the girl from the gym", "my ex's daughter"). */
export const PRIVATE_PERSON = alt([...new Set([...PRIVATE_RELATIONS, 'girl', 'guy', 'woman', 'man', 'person', 'lady', 'boy', 'kid', 'user', 'redditor', 'poster', 'commenter', 'troll', 'stranger', 'streamer', 'player', 'account', 'daughter', 'son', 'wife', 'husband', 'ex', 'neighbour', 'neighbor'])]);
/** A protected group (as in detect.social.ts, kept compact here). */
export const GROUP = `(?:(?:${alt(GROUP_ADJECTIVES)})(?:\\s+|-)${alt(GROUP_HEADS)}|${alt(GROUP_NOUNS)})`;
export const B = (s: string): string => `(?<![\\w-])${s}(?![\\w-])`;

/** A composed rule: the category, the score, its regex, and which contexts excuse it. */
export interface ComposedRule {
  id: string;
  category: Finding['category'];
  score: number;
  re: Rule;
  /** What the rule means, for the finding's reason. */
  means: string;
  /** Needs a request frame (asking how/where/which, an imperative, a stated plan). Default true. */
  request?: boolean;
  /** Fiction or a game excuses it (default true; false where a story is no excuse, e.g. sexual content with minors). */
  fictionExcuses?: boolean;
  /** Extra condition on the sentence (and the match). */
  guard?: (text: string, m: RegExpExecArray) => boolean;
}

export const KIDS = /^(?:kid|kids|child|children|son|daughter|baby|toddler|teen|teenager)$/;
/** The possessors in a span are other people, not only the speaker's own children ("my daughter's phone" is parenting). */
export function othersOwn(span: string): boolean {
  if (/\b(?:someone|somebody|someone else|her|his|their|other people)\b/.test(span)) return true;
  const owners = [...span.matchAll(/([a-z-]+)'s?\b/g)].map((m) => m[1]!).filter((w) => w !== 'it' && w !== 'let');
  return owners.length > 0 && owners.some((w) => !KIDS.test(w));
}


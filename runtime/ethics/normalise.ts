/**
 * Text folding for detection. Attackers hide words from lexicons with full-width forms, homoglyphs from other
 * scripts, zero-width characters, Unicode tag characters and leetspeak; every checker looks at the folded form
 * so that one lexicon covers all of these. The folded text is for matching only — never shown or sent.
 */

/** Characters that render as nothing (or steer rendering) and so can split a word without being seen. */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

/** Unicode tag characters (U+E0000–U+E007F) mirror ASCII invisibly: "ASCII smuggling". */
const TAGS = /[\u{E0000}-\u{E007F}]/gu;

/** Letters from Cyrillic, Greek and other scripts that look like Latin letters (the common confusables). */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ь: 'b', ᴀ: 'a', ʀ: 'r',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  'ı': 'i', 'ȷ': 'j', 'ℓ': 'l', '‘': "'", '’': "'", 'ʼ': "'", '`': "'", '“': '"', '”': '"',
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

/** Text that folding leaves alone apart from spaces and backticks. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** What folding found: the folded text and which obfuscations were present (evidence for the injection rule). */
export interface Folded {
  /** NFKC, homoglyphs mapped to Latin, invisibles removed, tag characters decoded, lower case, spaces collapsed. */
  text: string;
  /** The original with only invisibles removed and tags decoded, case kept (proper-noun cues need case). */
  cased: string;
  obfuscation: { invisible: boolean; tags: boolean; fullWidth: boolean; homoglyph: boolean };
}

/** Folds text for matching. Pure and cheap (a few regex passes). */
export function foldText(input: string): Folded {
  // printable ASCII with line breaks (most prompts): nothing to remove, NFKC is the identity, the only homoglyph
  // is the backtick — the general path below gives the same result
  if (PLAIN_ASCII.test(input)) {
    const homoglyph = input.includes('`') && /[a-z]/i.test(input);
    const cased = (homoglyph ? input.replace(/`/g, "'") : input).replace(/[ \t]+/g, ' ');
    return { text: cased.toLowerCase().trim(), cased: cased.trim(), obfuscation: { invisible: false, tags: false, fullWidth: false, homoglyph } };
  }
  const invisible = INVISIBLE.test(input);
  INVISIBLE.lastIndex = 0;
  let tags = false;
  let s = input.replace(TAGS, (ch) => {
    tags = true;
    const cp = ch.codePointAt(0)! - 0xe0000;
    return cp >= 0x20 && cp < 0x7f ? String.fromCharCode(cp) : '';
  });
  s = s.replace(INVISIBLE, '');
  const nfkc = s.normalize('NFKC');
  const fullWidth = nfkc !== s.normalize('NFC');
  const homoglyph = HOMOGLYPH_RE.test(nfkc) && /[a-z]/i.test(nfkc);
  HOMOGLYPH_RE.lastIndex = 0;
  const cased = nfkc.replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c).replace(/[ \t\u00A0]+/g, ' ');
  return { text: cased.toLowerCase().trim(), cased: cased.trim(), obfuscation: { invisible, tags, fullWidth, homoglyph } };
}

/** Maps leetspeak digits and symbols inside words to letters ("1gn0re" → "ignore"). For a second matching pass only. */
export function unleet(text: string): string {
  return text.replace(/[a-z0-9@$!]+/g, (w) => (/[a-z]/.test(w) && /[0-9@$!]/.test(w) ? w.replace(/[0-9@$!]/g, (c) => LEET[c] ?? c) : w));
}

/** Collapses letters spaced out to dodge a lexicon ("i g n o r e" → "ignore"), runs of 4+ single letters only. */
export function unspace(text: string): string {
  return text.replace(/\b(?:[a-z] ){3,}[a-z]\b/g, (m) => m.replace(/ /g, ''));
}

/** Word tokens of folded text; possessives keep their `'s` so rules can see ownership. */
export function tokens(folded: string): string[] {
  return folded.match(/[a-z0-9]+(?:[-'][a-z0-9]+)*'?/g) ?? [];
}

/**
 * Chat spellings and homophone typos that hide a request from the lexicons ("how do i stab sum1", "where can i
 * by a gun", "my boyfriends texts"). Each rewrite is tied to its syntactic slot (a modal before "by", a possessor
 * before a relation noun) so that ordinary uses of the same letters are left alone. Case-insensitive, for
 * matching only.
 */
const CHAT: [RegExp, string, string?][] = [
  [/(?<![\w'-])u(?![\w'-])/gi, 'you'], [/(?<![\w'-])ur(?![\w'-])/gi, 'your'], [/(?<![\w'-])urself(?![\w'-])/gi, 'yourself'],
  [/(?<![\w'-])(?:sum1|some1|smone|sb)(?![\w'-])/gi, 'someone'], [/(?<![\w'-])ppl(?![\w'-])/gi, 'people'], [/(?<![\w'-])gf(?![\w'-])/gi, 'girlfriend'], [/(?<![\w'-])bf(?![\w'-])/gi, 'boyfriend'],
  [/(?<![\w'-])(?:pls|plz|plox)(?![\w'-])/gi, 'please'], [/(?<![\w'-])(?:wat|wut)(?![\w'-])/gi, 'what'],
  [/(?<![\w'-])whats(?![\w'-])/gi, "what's"], [/(?<![\w'-])hw(?![\w'-])/gi, 'how'], [/(?<![\w'-])(?:kms)(?![\w'-])/gi, 'kill myself'],
  [/(?<![\w'-])kys(?![\w'-])/gi, 'kill yourself'], [/(?<![\w'-])unalive(?![\w'-])/gi, 'kill'], [/(?<![\w'-])(?:im)(?![\w'-])/gi, "i'm"],
  [/(?<![\w'-])(?:dont)(?![\w'-])/gi, "don't"], [/(?<![\w'-])(?:cant)(?![\w'-])/gi, "can't"], [/(?<![\w'-])(?:someones)(?![\w'-])/gi, "someone's"],
  // "r" as a verb sits between a plural subject and a predicate ("women r too emotional")
  [/\b(they|we|you|people|children|[a-z]*(?:s|men)) r (?=[a-z])/gi, '$1 are ', ' r '],
  // homophones in the slot of a verb after a modal or "to": "can i by a gun", "how to steel packages"
  [/\b(can|could|should|to|where to|i|we|gonna|wanna) by (?=(?:a|an|some|the|me|my|guns?|drugs?|weed|[a-z]+s)\b)/gi, '$1 buy ', ' by '],
  [/\b(can|could|should|to|i|we|gonna|wanna|and) steel (?=(?:a|an|some|the|from|his|her|their|my|someone's|[a-z]+s)\b)/gi, '$1 steal ', ' steel '],
  // a plural-looking relation noun directly before a thing it owns is a possessive without its apostrophe
  [/\b(my|his|her|their|your|our) ((?:ex-?)?(?:boyfriend|girlfriend|wife|husband|partner|neighbou?r|roommate|flatmate|coworker|colleague|boss|friend|mom|mum|dad|sister|brother|son|daughter|teacher|ex|landlord|employee|student|kid|child))s (?!(?:are|were|have|had|and|or|who|that|is|will|can|could|would|should|do|did|don't|didn't|keep|always|never|want|say|said|think|to|in|at|on|for|with|from|of)\b)(?=[a-z])/gi, "$1 $2's "],
];

/** Rewrites chat spellings and slot-bound homophones to standard spelling (see CHAT; a rule with a literal it needs is skipped without it). */
export function normaliseSpelling(text: string): string {
  let s = text;
  let low: string | undefined;
  for (const [re, to, must] of CHAT) {
    if (must !== undefined && !(low ??= s.toLowerCase()).includes(must)) continue;
    s = s.replace(re, to);
    low = undefined;
  }
  return s;
}

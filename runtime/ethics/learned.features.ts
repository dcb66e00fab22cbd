/**
 * What the learned checker (learned.ts) reads of a text: its features, hashed into a fixed number of buckets, and
 * whether it mentions harm (which of the model's two thresholds applies).
 *
 * Features: `w:` words, `b:` adjacent word pairs and `c:` character n-grams (the model's `grams`, 3 to 5 today) of the
 * words joined by single spaces, after NFKC folding and lower-casing. A feature's bucket is hash32(name) masked to the
 * model's `bits` (FNV-1a and a murmur finaliser, runtime/random.ts); {@link learnedBuckets} computes the same
 * buckets without building the names (the hot path), {@link learnedFeatures} builds the names (explanations, tests).
 */
import { hash32 } from '../random.js';
import { HARM_IRREGULAR, HARM_VERBS, LETHAL_IRREGULAR, LETHAL_VERBS, MASS_VIOLENCE_VERBS, THEFT_IRREGULAR, THEFT_VERBS } from './lexicon.js';
import { PRIVATE_ATTRIBUTES } from './lexicon.privacy.js';
import { CRIME_NOUNS, CYBER_STRONG, DEHUMANISING, DISCRIMINATORY_PREDICATES, DRUGS, DUAL_USE_WEAPONS, ILLICIT_CUES, WEAPONS } from './lexicon.topics.js';

const WORD = /[\p{L}\p{N}']+/gu;
function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/**
 * The feature names of a text (each once, in order of first appearance): words and word pairs, then the character
 * n-grams by start (at each start, shortest first).
 */
export function learnedFeatures(text: string, grams: readonly number[] = [3, 4, 5]): string[] {
  const ws = words(text);
  const out = new Set<string>();
  for (let i = 0; i < ws.length; i++) {
    out.add(`w:${ws[i]}`);
    if (i + 1 < ws.length) out.add(`b:${ws[i]} ${ws[i + 1]}`);
  }
  const s = ` ${ws.join(' ')} `;
  const ns = [...grams].sort((x, y) => x - y);
  for (let i = 0; i < s.length; i++) for (const n of ns) if (i + n <= s.length) out.add(`c:${s.slice(i, i + n)}`);
  return [...out];
}

/** The bucket of a feature name in a table of 2^bits (what {@link learnedBuckets} computes without the name). */
export function featureBucket(name: string, bits: number): number {
  return hash32(name) & ((1 << bits) - 1);
}

const FNV_PRIME = 0x01000193;
/** FNV-1a steps over c[from, to) from state h. */
const fnv = (h: number, c: Uint16Array, from: number, to: number): number => {
  for (let i = from; i < to; i++) { h ^= c[i]!; h = Math.imul(h, FNV_PRIME); }
  return h;
};
const fmix = (h: number): number => {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
};
const prefix = (p: string) => fnv(0x811c9dc5, Uint16Array.from(p, (ch) => ch.charCodeAt(0)), 0, p.length);
const W_PREFIX = prefix('w:'), B_PREFIX = prefix('b:'), C_PREFIX = prefix('c:');

/** A set of the buckets seen in the current call: open addressing over a table reused between calls (stamped). */
let setKeys = new Int32Array(1 << 12), setStamps = new Uint32Array(1 << 12), setEpoch = 0;

/** A text's distinct feature buckets, and where each comes from (see {@link learnedBuckets}). */
export interface Buckets {
  buckets: Int32Array;
  /** How many of the first buckets are words' and word pairs' (the category model reads only these). */
  lexical: number;
  /** Per bucket, its first feature: word i (i·16), pair i, i+1 (i·16 + 1) or the n-gram at i (i·16 + 1 + n). */
  origins: Int32Array;
  words: string[];
}

/**
 * The distinct buckets of a text's features, in the order of {@link learnedFeatures}: first those of its words and
 * word pairs, then those of its character n-grams not already present. Computes FNV-1a incrementally (a longer
 * n-gram continues its shorter one's state) over the text's code units and never builds a name.
 */
export function learnedBuckets(text: string, bits: number, grams: readonly number[]): Buckets {
  const ws = words(text);
  const mask = (1 << bits) - 1;
  const ns = [...grams].sort((x, y) => x - y);
  // the words joined by single spaces, with a space at each end, as UTF-16 code units (hashing a typed array is
  // several times faster than charCodeAt on the joined string)
  let len = 1;
  for (const w of ws) len += w.length + 1;
  const c = new Uint16Array(len);
  c[0] = 32;
  for (let i = 0, at = 1; i < ws.length; i++) { const w = ws[i]!; for (let j = 0; j < w.length; j++) c[at + j] = w.charCodeAt(j); at += w.length; c[at++] = 32; }
  let total = 2 * ws.length;
  for (const n of ns) total += Math.max(0, len - n + 1);
  let size = setKeys.length;
  while (size < 2 * total) size *= 2;
  if (size !== setKeys.length) { setKeys = new Int32Array(size); setStamps = new Uint32Array(size); setEpoch = 0; }
  if (++setEpoch === 0xffffffff) { setStamps.fill(0); setEpoch = 1; }
  const keys = setKeys, stamps = setStamps, epoch = setEpoch, tmask = size - 1;
  const out = new Int32Array(total), origins = new Int32Array(total);
  let k = 0;
  const add = (h: number, origin: number): void => {
    const b = fmix(h) & mask;
    let j = (Math.imul(b, 0x9e3779b1) >>> 0) & tmask;
    while (stamps[j] === epoch) { if (keys[j] === b) return; j = (j + 1) & tmask; }
    stamps[j] = epoch; keys[j] = b;
    origins[k] = origin; out[k++] = b;
  };
  let at = 1; // word i starts at c[at]
  for (let i = 0; i < ws.length; i++) {
    const wl = ws[i]!.length;
    add(fnv(W_PREFIX, c, at, at + wl), i * 16);
    if (i + 1 < ws.length) add(fnv(B_PREFIX, c, at, at + wl + 1 + ws[i + 1]!.length), i * 16 + 1);
    at += wl + 1;
  }
  const lexical = k;
  for (let i = 0; i < len; i++) {
    let h = C_PREFIX, n = 0;
    for (const m of ns) {
      if (i + m > len) break;
      h = fnv(h, c, i + n, i + m);
      n = m;
      add(h, i * 16 + 1 + m);
    }
  }
  return { buckets: out.subarray(0, k), lexical, origins: origins.subarray(0, k), words: ws };
}

/** The name of a bucket's first feature (its origin in {@link learnedBuckets}). */
export function featureName(b: Buckets, index: number): string {
  const o = b.origins[index]!, i = o >> 4, t = o & 15;
  if (t === 0) return `w:${b.words[i]}`;
  if (t === 1) return `b:${b.words[i]} ${b.words[i + 1]}`;
  return `c:${` ${b.words.join(' ')} `.slice(i, i + t - 1)}`;
}

/**
 * A feature's value in a text of n features: 1/√max(n, 40). Normalising by length keeps long texts from scoring
 * high by size alone; the floor keeps a short text's few features from weighing as much as a long text's many.
 */
export function featureScale(n: number): number {
  return n > 0 ? 1 / Math.sqrt(Math.max(n, 40)) : 0;
}

/**
 * Harm words of the rules' lexicons, and a few more per category. Words common in neutral questions ("lives",
 * "deaths", "high", "ban", "track") are left out on purpose.
 */
const EXTRA_CUES = [
  // self-harm
  'suicide', 'suicidal', 'self-harm', 'overdose', 'lethal', 'fatal', 'end my life', 'end it all', 'kill myself',
  'pills', 'noose', 'wrists', 'starve', 'purge', 'laxatives', 'anorexia', 'bulimia', 'unalive',
  // sexual content involving minors
  'sex', 'sexual', 'nude', 'naked', 'porn', 'erotic', 'explicit', 'seduce', 'groom', 'molest', 'intercourse', 'lewd', 'nsfw', 'undress',
  // fraud and cybercrime, privacy
  'fraud', 'scam', 'launder', 'counterfeit', 'forge', 'forged', 'fake id', 'phish', 'ponzi', 'pyramid scheme', 'embezzle', 'evade', 'evasion',
  'insider trading', 'ransomware', 'malware', 'spyware', 'keylogger', 'botnet', 'exploit', 'backdoor', 'hack', 'crack', 'bypass', 'password',
  'home address', 'social security', 'ssn', 'spy', 'stalk', 'dox', 'phone number',
  // drugs, weapons, hate, crime
  'drug', 'meth', 'cocaine', 'heroin', 'fentanyl', 'lsd', 'mdma', 'opioid', 'dealer', 'gun', 'rifle', 'pistol', 'ammo', 'bomb',
  'explosive', 'weapon', 'knife', 'poison', 'nerve agent', 'anthrax', 'ricin', 'hate', 'inferior', 'slur', 'racist', 'should not be allowed',
  "shouldn't be allowed", 'deport', 'illegal', 'illegally', 'without getting caught', 'get away with', 'untraceable', 'revenge',
];

/**
 * Whether a text mentions harm: a word of the rules' harm lexicons (lethal, harm, mass-violence and theft verbs,
 * drugs, weapons, illicit cues, dehumanising words, private attributes, cyber verbs) or of EXTRA_CUES, as a word
 * start (so "kill" covers "killing"). A paragraph that mentions harm is flagged at the model's `threshold`; one that
 * mentions none only at its higher `plainThreshold` (the model, trained on look-alike pairs, reads harm into some
 * neutral requests; both thresholds are chosen by cross-validation).
 */
let cueRegex: RegExp | undefined;
export function mentionsHarm(text: string): boolean {
  if (!cueRegex) {
    const ws = new Set<string>();
    for (const list of [LETHAL_VERBS, LETHAL_IRREGULAR, HARM_VERBS, HARM_IRREGULAR, MASS_VIOLENCE_VERBS, THEFT_VERBS, THEFT_IRREGULAR, DRUGS, WEAPONS, DUAL_USE_WEAPONS, ILLICIT_CUES, DEHUMANISING, DISCRIMINATORY_PREDICATES, PRIVATE_ATTRIBUTES, CYBER_STRONG, Object.keys(CRIME_NOUNS), EXTRA_CUES]) {
      for (const w of list) if (typeof w === 'string' && w.trim().length >= 3) ws.add(w.trim().toLowerCase());
    }
    const esc = [...ws].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    cueRegex = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${esc.join('|')})`, 'iu');
  }
  return cueRegex.test(text.normalize('NFKC'));
}

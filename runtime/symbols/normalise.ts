/**
 * Text hygiene for symbols and messages: NFKC, invisible characters stripped, and the two classic spoofing tricks
 * refused with an error naming the character and its position — bidirectional control characters (which reorder
 * what a reader sees) and confusable look-alikes mixed into a word (a Cyrillic "а" inside "pаypal").
 *
 * Limits, stated: confusables are detected as letters from Latin, Greek, Cyrillic or Armenian mixed inside one
 * word. A word written wholly in another script that happens to look Latin ("аре" in Cyrillic) is not flagged;
 * that needs the full Unicode confusables table (UTS #39), which is not bundled.
 */
import { LukhasError } from '../errors.js';

/** Bidirectional formatting characters: refused, never stripped (stripping would hide an attack). */
const BIDI = new Map<number, string>([
  [0x061c, 'ARABIC LETTER MARK'], [0x200e, 'LEFT-TO-RIGHT MARK'], [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'], [0x202b, 'RIGHT-TO-LEFT EMBEDDING'], [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'], [0x202e, 'RIGHT-TO-LEFT OVERRIDE'], [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'], [0x2068, 'FIRST STRONG ISOLATE'], [0x2069, 'POP DIRECTIONAL ISOLATE'],
]);

/** Invisible characters removed outright (ZWJ is kept where it joins an emoji sequence). */
const ZERO_WIDTH = new Set([0x00ad, 0x180e, 0x200b, 0x200c, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]);
const ZWJ = 0x200d;

const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u], ['Cyrillic', /\p{Script=Cyrillic}/u], ['Greek', /\p{Script=Greek}/u], ['Armenian', /\p{Script=Armenian}/u],
];
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]/u;

function u(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function scriptOf(ch: string): string | undefined {
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name;
  return undefined;
}

/** Where the checked text came from, for error messages (e.g. `entries[3].symbol` or `message`). */
export interface NormaliseContext {
  what: string;
}

/**
 * Normalises one text: NFKC, zero-width characters stripped (a ZWJ survives only between two pictographs), then
 * refuses bidi controls, other control characters and mixed-script words. Positions in errors are 1-based code
 * point offsets in the text as received.
 */
export function normaliseSymbolText(text: string, ctx: NormaliseContext = { what: 'text' }): string {
  if (typeof text !== 'string') throw new LukhasError('BAD_INPUT', `${ctx.what} must be a string (got ${text === null ? 'null' : typeof text})`);
  const cps = Array.from(text);
  const kept: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i]!;
    const cp = ch.codePointAt(0)!;
    const bidi = BIDI.get(cp);
    if (bidi) {
      throw new LukhasError('BAD_INPUT', `${ctx.what} contains the bidirectional control character ${u(cp)} ${bidi} at position ${i + 1}; such characters reorder what a reader sees and are refused`, { details: { what: ctx.what, codePoint: u(cp), position: i + 1 } });
    }
    if (ZERO_WIDTH.has(cp)) continue;
    if (cp === ZWJ) {
      const prev = kept.at(-1), next = cps[i + 1];
      if (prev && next && (PICTOGRAPHIC.test(prev) || prev === '\uFE0F') && PICTOGRAPHIC.test(next)) kept.push(ch);
      continue;
    }
    if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp < 0xa0)) {
      throw new LukhasError('BAD_INPUT', `${ctx.what} contains the control character ${u(cp)} at position ${i + 1}`, { details: { what: ctx.what, codePoint: u(cp), position: i + 1 } });
    }
    kept.push(ch);
  }
  const out = kept.join('').normalize('NFKC');
  checkMixedScripts(out, text, ctx);
  return out;
}

/** Refuses a word that mixes letters of look-alike scripts, naming the odd character out. */
function checkMixedScripts(normalised: string, original: string, ctx: NormaliseContext): void {
  for (const m of normalised.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = m[0];
    const counts = new Map<string, number>();
    const chars = Array.from(word);
    for (const ch of chars) { const s = scriptOf(ch); if (s) counts.set(s, (counts.get(s) ?? 0) + 1); }
    if (counts.size < 2) continue;
    // the minority script is the suspicious one: report its first character
    const minority = [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]![0];
    const major = [...counts.keys()].filter((s) => s !== minority).join('+');
    const bad = chars.find((ch) => scriptOf(ch) === minority)!;
    const pos = Array.from(original).indexOf(bad) + 1;
    throw new LukhasError('BAD_INPUT', `${ctx.what} mixes scripts in the word "${word}": ${minority} "${bad}" (${u(bad.codePointAt(0)!)}) at position ${pos} among ${major} letters looks like a confusable look-alike and is refused`, { details: { what: ctx.what, codePoint: u(bad.codePointAt(0)!), position: pos } });
  }
}

let segmenter: Intl.Segmenter | undefined;
const CHUNK = 256;

/** A boundary before `b` is certain (UAX #29) when both sides are plain ASCII or pictographs joined by no ZWJ. */
function certainBreak(a: number, b: number): boolean {
  const plainA = (a >= 0x20 && a <= 0x7e) || a === 0xfe0f || isPict(a);
  if (!plainA) return false;
  if (b >= 0x20 && b <= 0x7e) return true;
  return isPict(b) && !(b >= 0x1f3fb && b <= 0x1f3ff) && !(b >= 0x1f1e6 && b <= 0x1f1ff);
}
const PICT_ONLY = /^\p{Extended_Pictographic}$/u;
function isPict(cp: number): boolean {
  return cp > 0xff && PICT_ONLY.test(String.fromCodePoint(cp));
}

/**
 * Splits text into user-perceived characters (grapheme clusters), so that an emoji sequence stays one unit.
 * Intl.Segmenter is quadratic on long strings in this V8 (100,000 emoji took ~24 s), so the text is cut into
 * short chunks at boundaries that are certain, and segmentation stops after `limit` graphemes.
 */
export function graphemes(text: string, limit = Infinity): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const out: string[] = [];
  let start = 0;
  while (start < text.length && out.length <= limit) {
    let end = Math.min(text.length, start + CHUNK);
    while (end < text.length) {
      const b = text.codePointAt(end)!;
      if (b >= 0xdc00 && b <= 0xdfff) { end++; continue; } // inside a surrogate pair
      const a = text.codePointAt(end - 1 >= start && text.charCodeAt(end - 1) >= 0xdc00 && text.charCodeAt(end - 1) <= 0xdfff ? end - 2 : end - 1)!;
      if (certainBreak(a, b)) break;
      end++;
    }
    for (const seg of segmenter.segment(text.slice(start, end))) { out.push(seg.segment); if (out.length > limit) break; }
    start = end;
  }
  return out;
}

/** The matching key of a grapheme: case-folded, and an emoji's presentation selector dropped. */
export function foldGrapheme(g: string): string {
  return g.toLowerCase().replace(/\uFE0F/g, '');
}

/** True when a grapheme is part of a word (letters, marks, digits), which decides word boundaries. */
export function isWordGrapheme(g: string): boolean {
  return /^[\p{L}\p{N}]/u.test(g);
}

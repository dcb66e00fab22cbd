/**
 * Numeric answer extraction for GSM8K-style questions. A model's reply is prose ("She earns $1,000 a month, so
 * the answer is 1,000."); the number that counts is found by a convention, and every extraction says which one
 * it used, so a results line can report how it was scored.
 *
 * Conventions (`auto` tries them in this order):
 *   hashes      `#### 42` (the GSM8K answer marker)
 *   boxed       `\boxed{42}`
 *   answer-is   the first number after the LAST "answer is" / "answer:" / "final answer" / "result is" marker
 *   last-number the last number anywhere in the text
 * `answer-is` uses the three marked conventions only (no marker → no answer); `last-number` the last one only.
 *
 * A number may carry a sign (`-5`, `−5`), a currency symbol (`$1000`, `-$5`), thousands separators (`1,000` —
 * only in groups of three), decimals (`1000.0`, `.5`), a fraction (`3/4`, mixed `1 1/2`) and a percent sign
 * (`50%` reads as 50: GSM8K writes percentages as plain numbers). Words ("twelve") and scientific notation are
 * not read.
 */

/** How a numeric answer is found in a reply. */
export type NumericConvention = 'auto' | 'answer-is' | 'last-number';

/** One extracted number with the rule that found it. */
export interface NumericExtraction {
  value: number;
  /** The number as written (`$1,000`). */
  text: string;
  /** `hashes`, `boxed`, `answer-is` or `last-number`. */
  via: 'hashes' | 'boxed' | 'answer-is' | 'last-number';
}

// sign (not after a word character: "5-3" is not minus three), currency, a mixed number, a fraction, a plain
// number with or without thousands separators, then an optional percent sign
const NUMBER = /(?<![\w.])(?:[-−–](?=\s?[$€£¥]?\s?\.?\d))?\s?[$€£¥]?\s?(?:\d+\s+\d+\s*\/\s*\d+|\d+(?:\.\d+)?\s*\/\s*\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?!\d)(?:\s?%)?/g;
const MARKER = /(?:final answer|the answer is|answer is|answer\s*:|result is|answer\s*=)/gi;

/** Parses one matched number text to its value (NaN for a zero denominator). */
export function parseNumberText(raw: string): number {
  let s = raw.replace(/[−–]/g, '-').replace(/[$€£¥%]/g, '').replace(/\s+/g, ' ').trim();
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1).trim();
  let v: number;
  const mixed = /^(\d+)\s+(\d+)\s*\/\s*(\d+)$/.exec(s);
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (mixed) v = Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3]);
  else if (frac) v = Number(frac[2]) === 0 ? Number.NaN : Number(frac[1]) / Number(frac[2]);
  else v = Number(s.replace(/,/g, '').replace(/\s+/g, ''));
  return neg ? -v : v;
}

function numbersIn(text: string): { text: string; value: number; index: number }[] {
  const out: { text: string; value: number; index: number }[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const value = parseNumberText(m[0]);
    if (Number.isFinite(value)) out.push({ text: m[0].trim(), value, index: m.index });
  }
  return out;
}

/** Finds the answer number of a reply by a convention; null when there is none. */
export function extractNumber(text: string, convention: NumericConvention = 'auto'): NumericExtraction | null {
  if (convention !== 'last-number') {
    const hashes = /####\s*([^\n]*)/.exec(text);
    if (hashes) {
      const n = numbersIn(hashes[1]!)[0];
      if (n) return { value: n.value, text: n.text, via: 'hashes' };
    }
    const boxed = [...text.matchAll(/\\boxed\{([^{}]*)\}/g)].pop();
    if (boxed) {
      const n = numbersIn(boxed[1]!)[0];
      if (n) return { value: n.value, text: n.text, via: 'boxed' };
    }
    const markers = [...text.matchAll(MARKER)];
    for (let i = markers.length - 1; i >= 0; i--) {
      const m = markers[i]!;
      const after = text.slice(m.index + m[0].length);
      const n = numbersIn(after)[0];
      // the number must follow the marker closely ("the answer is 12", not a number three sentences later)
      if (n && n.index <= 40) return { value: n.value, text: n.text, via: 'answer-is' };
    }
    if (convention === 'answer-is') return null;
  }
  const all = numbersIn(text);
  const last = all[all.length - 1];
  return last ? { value: last.value, text: last.text, via: 'last-number' } : null;
}

/** The default tolerance: a relative 1e-6 (so 1000 and 1000.0 agree, 1000 and 1001 do not). */
export function defaultTolerance(gold: number): number {
  return 1e-6 * Math.max(1, Math.abs(gold));
}

/** Whether two numbers agree within a tolerance (absolute; default {@link defaultTolerance} of the gold). */
export function numbersAgree(value: number, gold: number, tolerance?: number): boolean {
  return Math.abs(value - gold) <= (tolerance ?? defaultTolerance(gold));
}

/** A number written canonically (no trailing zeros, no exponent for ordinary magnitudes): `1000`, `0.75`, `-5`. */
export function canonicalNumber(v: number): string {
  if (Object.is(v, -0)) return '0';
  const r = Math.round(v * 1e9) / 1e9;
  return String(r);
}

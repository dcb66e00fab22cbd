/**
 * Personal data in text (e-mail addresses, phone numbers, card numbers that pass the Luhn check, US social
 * security numbers, IBANs, IPv4 addresses) and its redaction. Redaction is the offline healing step: the text
 * keeps its meaning, the data is replaced by a typed placeholder.
 */

/** One kind of personal data the redactor knows. */
export type PiiKind = 'email' | 'phone' | 'card' | 'ssn' | 'iban' | 'ip';

const PATTERNS: { kind: PiiKind; re: RegExp; valid?: (m: string) => boolean }[] = [
  { kind: 'email', re: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g },
  { kind: 'iban', re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/g },
  { kind: 'card', re: /\b(?:\d[ -]?){12,18}\d\b/g, valid: (m) => luhn(m.replace(/\D/g, '')) },
  { kind: 'ssn', re: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g },
  { kind: 'phone', re: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]?\d{3,4}\b/g, valid: (m) => m.replace(/\D/g, '').length >= 9 },
  { kind: 'ip', re: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g },
];

/** Luhn checksum (card numbers). */
export function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Finds personal data; returns the kinds found (in pattern order, each once). */
export function findPii(text: string): PiiKind[] {
  const kinds: PiiKind[] = [];
  // every kind but e-mail needs a digit, and e-mail needs an @: most texts skip most patterns
  const digit = /\d/.test(text), at = text.includes('@');
  for (const p of PATTERNS) {
    if (p.kind === 'email' ? !at : !digit) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (!p.valid || p.valid(m[0])) { kinds.push(p.kind); break; }
    }
  }
  return kinds;
}

/** Replaces personal data with `[redacted-<kind>]`; returns the text and how many items were masked. */
export function redactPii(text: string): { text: string; count: number } {
  let count = 0;
  let out = text;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    out = out.replace(p.re, (m) => {
      if (p.valid && !p.valid(m)) return m;
      count++;
      return `[redacted-${p.kind}]`;
    });
  }
  return { text: out, count };
}

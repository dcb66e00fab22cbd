import { describe, expect, it } from 'vitest';
import { LukhasError } from '../../runtime/errors.js';
import { graphemes, normaliseSymbolText } from '../../runtime/symbols/normalise.js';
import { createSymbolIndex, extractSymbols, prepareMessage } from '../../runtime/symbols/extract.js';

const codeOf = (fn: () => unknown) => { try { fn(); return 'ok'; } catch (e) { return LukhasError.isInstance(e) ? e.code : 'other'; } };

describe('symbol text hygiene', () => {
  it('applies NFKC and strips zero-width characters', () => {
    expect(normaliseSymbolText('ﬁne')).toBe('fine'); // ligature → two letters
    expect(normaliseSymbolText('ra\u200Bin\uFEFF')).toBe('rain');
    expect(normaliseSymbolText('co\u00ADffee\u2060')).toBe('coffee');
  });

  it('keeps the ZWJ inside an emoji sequence and drops it elsewhere', () => {
    const family = '👨‍👩‍👧';
    expect(normaliseSymbolText(family)).toBe(family);
    expect(graphemes(family)).toHaveLength(1);
    expect(normaliseSymbolText('a\u200Db')).toBe('ab');
  });

  it('refuses bidi controls naming the character and its position', () => {
    expect(() => normaliseSymbolText('abc\u202Eexe.txt', { what: 'entries[2].symbol' }))
      .toThrow('entries[2].symbol contains the bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE at position 4');
    expect(() => normaliseSymbolText('x\u2066y')).toThrow(/U\+2066 LEFT-TO-RIGHT ISOLATE at position 2/);
    expect(codeOf(() => normaliseSymbolText('\u200F'))).toBe('BAD_INPUT');
  });

  it('refuses confusable look-alikes mixed into a word', () => {
    // Cyrillic а (U+0430) inside a Latin word
    expect(() => normaliseSymbolText('p\u0430ypal', { what: 'message' }))
      .toThrow('message mixes scripts in the word "pаypal": Cyrillic "а" (U+0430) at position 2 among Latin letters looks like a confusable look-alike and is refused');
    expect(() => normaliseSymbolText('ΡΟΡ')).not.toThrow(); // wholly Greek "POP": a known limit (documented), not flagged
    expect(normaliseSymbolText('hello мир')).toBe('hello мир'); // two scripts in two words is fine
  });

  it('refuses control characters', () => {
    expect(() => normaliseSymbolText('a\u0007b')).toThrow(/control character U\+0007 at position 2/);
  });
});

describe('symbol extraction', () => {
  const entries = ['rain', 'rain cloud', '👨', '👨‍👩‍👧', '☕', 'my bad'].map((symbol) => ({ symbol, concept: { description: symbol, tags: [], tone: 0 } }));
  const index = createSymbolIndex(entries);
  const found = (msg: string) => extractSymbols(index, prepareMessage(msg)).map((o) => o.symbol);

  it('takes the longest match, whole words only, case-insensitively', () => {
    expect(found('Rain cloud over the brain, rain!')).toEqual(['rain cloud', 'rain']);
    expect(found('MY BAD, sorry')).toEqual(['my bad']);
  });

  it('treats an emoji sequence as one grapheme', () => {
    expect(found('👨‍👩‍👧 and 👨 and ☕️')).toEqual(['👨‍👩‍👧', '👨', '☕']); // VS16 variant still matches
  });

  it('refuses a 100,000-symbol message with a clear error', () => {
    expect(() => prepareMessage('☕'.repeat(100_000))).toThrow('message too long: 100000 code points, more than the limit of 10000 graphemes (raise maxGraphemes to allow more)');
    expect(() => prepareMessage('a'.repeat(1_000_000))).toThrow(/message too long: 1000000 code units/);
    expect(() => prepareMessage('👍🏽'.repeat(20_000))).toThrow(/message too long: 40000 code points/);
    const long = '👨‍👩‍👧 ok ☕️☕ '.repeat(900);
    expect(graphemes(long)).toEqual(Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(long), (s) => s.segment));
    expect(() => prepareMessage('\u200B\u200B')).toThrow('message is empty');
  });
});

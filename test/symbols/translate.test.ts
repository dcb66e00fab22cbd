import { beforeAll, describe, expect, it } from 'vitest';
import { LukhasError } from '../../runtime/errors.js';
import { generateSigningKeys, verifySymbolAttestation } from '../../runtime/symbols/attest.js';
import { createSymbolTranslator, createTranslator, type Translator } from '../../runtime/symbols/translate.js';
import type { Vocabularies } from '../../runtime/symbols/vocabularies.js';
import { fixture, fixtureVocabularies, score } from './fixture.js';

let vocab: Vocabularies;
let tr: Translator;
beforeAll(async () => { vocab = await fixtureVocabularies(); tr = createTranslator({ vocabularies: vocab }); });

describe('translation on the authored fixture (privacy low)', () => {
  it('maps at least 90% of the expected pairs and flags integrity as expected', async () => {
    let ok = 0, total = 0, flags = 0;
    const misses: string[] = [], flagMisses: string[] = [];
    for (const c of fixture.cases) {
      const r = await tr.translate({ from: c.from, to: c.to, message: c.message });
      const [o, t, m] = score(c, r);
      ok += o; total += t; misses.push(...m);
      if (r.integrityOk === c.integrityOk) flags++; else flagMisses.push(`"${c.message}" integrity ${r.integrity.toFixed(3)}`);
    }
    const pairs = fixture.cases.reduce((n, c) => n + Object.values(c.expect).filter(Boolean).length, 0);
    console.log(`symbol fixture: mapping accuracy ${ok}/${total} = ${(ok / total).toFixed(3)}, integrity flags ${flags}/${fixture.cases.length}; ${pairs} expected pairs`);
    if (misses.length || flagMisses.length) console.log([...misses, ...flagMisses].join('\n'));
    expect(pairs).toBeGreaterThanOrEqual(50);
    expect(ok / total).toBeGreaterThanOrEqual(0.9);
    expect(flags / fixture.cases.length).toBeGreaterThanOrEqual(0.9);
  });

  it('reports every mapping with its score, unmapped symbols, integrity and tone', async () => {
    const r = await tr.translate({ from: 'alice', to: 'bob', message: '☀️ and ☕ before work, then 🚀' });
    expect(r.translated).toBe('🌞 and java before work, then 🚀');
    expect(r.mappings.map((m) => [m.from, m.to])).toEqual([['☀️', '🌞'], ['☕', 'java']]);
    for (const m of r.mappings) expect(m.score).toBeCloseTo(1, 5); // twins: identical concept text
    expect(r.unmapped).toEqual([{ symbol: '🚀', bestScore: expect.any(Number), occurrences: 1 }]);
    expect(r.unmapped[0]!.bestScore).toBeLessThan(r.threshold);
    expect(r.integrityOk).toBe(false); // the rocket's meaning did not arrive
    expect(r.tone.original).toBeCloseTo((0.8 + 0.3 + 0.5) / 3, 10);
    expect(r.tone.translated).toBeCloseTo((0.8 + 0.3 + 0) / 3, 10);
    expect(r.tone.preserved).toBe(true);
    expect(r.vocabularyVersions).toEqual({ from: 1, to: 1 });
  });

  it('integrity and tone thresholds are configurable', async () => {
    const strict = createTranslator({ vocabularies: vocab, minIntegrity: 0.999, toneBound: 0.05 });
    const r = await strict.translate({ from: 'alice', to: 'bob', message: 'just 🐕' }); // paraphrased concept, tone 0.7 → 0.8
    expect(r.integrityOk).toBe(false);
    expect(r.tone.preserved).toBe(false);
    expect(() => createTranslator({ vocabularies: vocab, minIntegrity: 2 })).toThrow('invalid minIntegrity: 2 (expected a number in [0, 1])');
  });

  it('gives clear errors for an unknown user, bidi tricks, bad privacy and oversize messages', async () => {
    await expect(tr.translate({ from: 'alice', to: 'mallory', message: 'hi ☕' })).rejects.toThrow('unknown user "mallory": no vocabulary is stored for this user');
    await expect(tr.translate({ from: 'alice', to: 'bob', message: '☕ \u202Egnp.exe' })).rejects.toThrow(/message contains the bidirectional control character U\+202E RIGHT-TO-LEFT OVERRIDE at position 3/);
    await expect(tr.translate({ from: 'alice', to: 'bob', message: 'x', privacy: 'max' as never })).rejects.toThrow('invalid privacy: "max" (expected low or high)');
    const err = await tr.translate({ from: 'alice', to: 'bob', message: '☕'.repeat(100_000) }).catch((e: unknown) => e);
    expect(LukhasError.isInstance(err) && err.code).toBe('BAD_INPUT');
    // zero-width characters inside a symbol do not hide it
    expect((await tr.translate({ from: 'alice', to: 'bob', message: 'my\u200B bad' })).translated).toBe('oops');
  });

  it('signs a commitment to the extracted symbols; a tampered message or commitment is rejected', async () => {
    const keys = generateSigningKeys(new Uint8Array(32).fill(1));
    const msg = '😴 after the 🎉';
    const r = await tr.translate({ from: 'alice', to: 'bob', message: msg, signWith: keys.secretKey });
    const att = r.attestation!;
    expect(att.payload.symbols.map((s) => s.symbol)).toEqual(['😴', '🎉']);
    expect(verifySymbolAttestation(att, msg, keys.publicKey).from).toBe('alice');
    expect(() => verifySymbolAttestation(att, '😴 after the 🥳', keys.publicKey)).toThrow(/the message differs/);
    const forged = { ...att, payload: { ...att.payload, symbols: att.payload.symbols.slice(1) } };
    expect(() => verifySymbolAttestation(forged, msg, keys.publicKey)).toThrow(/commitment does not match the payload/);
    const badCommit = { ...forged, commitment: (await import('../../runtime/symbols/attest.js')).commitmentOf(forged.payload) };
    expect(() => verifySymbolAttestation(badCommit, msg, keys.publicKey)).toThrow(/signature does not verify/);
    const other = generateSigningKeys(new Uint8Array(32).fill(2));
    expect(() => verifySymbolAttestation(att, msg, other.publicKey)).toThrow(/signature does not verify/);
  });

  it('exposes a (user, text) → {text, mappings} hook for the completion pipeline', async () => {
    const expand = createSymbolTranslator({ vocabularies: vocab });
    const e = await expand('alice', 'so ⏰ today');
    expect(e.text).toBe('so ⏰ (stressed by a work deadline that is too close) today');
    expect(e.mappings).toEqual([{ symbol: '⏰', replacement: '⏰ (stressed by a work deadline that is too close)' }]);
    expect(await expand('nobody', 'plain ⏰')).toEqual({ text: 'plain ⏰', mappings: [] });
    const toBob = createSymbolTranslator({ vocabularies: vocab, to: 'bob' });
    expect((await toBob('alice', 'so ⏰ today')).text).toBe('so crunch time today');
    await expect(expand('alice', 'x\u202Ey')).rejects.toThrow(/bidirectional/);
  });
});

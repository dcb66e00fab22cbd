import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../runtime/clock.js';
import { LukhasError } from '../../runtime/errors.js';
import { createVocabularies } from '../../runtime/symbols/vocabularies.js';
import { parseVocabularyFile } from '../../runtime/symbols/vocabulary.js';
import { createFileVocabularyStore, createInMemoryVocabularyStore } from '../../runtime/symbols/vocabulary.store.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const concept = (description: string, tone = 0) => ({ description, tags: ['t'], tone });
const file = (entries: unknown[], user = 'alice') => ({ schema: 'lukhas.vocabulary/v1', user, entries });

describe('vocabulary files', () => {
  it('names the path of each malformed field', () => {
    expect(() => parseVocabularyFile('{nope')).toThrow(/invalid vocabulary: not JSON/);
    expect(() => parseVocabularyFile({ schema: 'x', user: 'a', entries: [] })).toThrow(/invalid vocabulary: schema: /);
    expect(() => parseVocabularyFile(file([{ symbol: '☕', concept: { description: 'c', tone: 3 } }]))).toThrow(/entries\[0\]\.concept\.tone: /);
    expect(() => parseVocabularyFile(file([{ symbol: '', concept: concept('x') }]))).toThrow(/entries\[0\]\.symbol: /);
    expect(() => parseVocabularyFile(file([{ symbol: 'a', concept: concept('x'), extra: 1 }]))).toThrow(/entries\[0\]: .*extra/i);
    expect(() => parseVocabularyFile(file([], '../etc'))).toThrow(/invalid user: "\.\.\/etc"/);
  });

  it('refuses duplicate symbols and bidi or zero-width tricks in symbols', () => {
    expect(() => parseVocabularyFile(file([{ symbol: 'Rain', concept: concept('a') }, { symbol: 'rain', concept: concept('b') }])))
      .toThrow('invalid vocabulary: entries[1].symbol "rain" duplicates entries[0].symbol');
    expect(() => parseVocabularyFile(file([{ symbol: 'ok', concept: concept('a') }, { symbol: 'o\u202Ek', concept: concept('b') }])))
      .toThrow(/entries\[1\]\.symbol contains the bidirectional control character U\+202E/);
    expect(() => parseVocabularyFile(file([{ symbol: '\u200B\u200B', concept: concept('a') }]))).toThrow(/entries\[0\]\.symbol is empty after normalisation/);
    const ok = parseVocabularyFile(file([{ symbol: 'ra\u200Bin', concept: { description: 'wet', tags: [' Rain '], tone: -0.2 } }]));
    expect(ok.entries[0]).toEqual({ symbol: 'rain', concept: { description: 'wet', tags: ['rain'], tone: -0.2 } });
  });
});

describe('vocabulary CRUD (versioned)', () => {
  it('adds, updates, removes with a new version each time, and exports what it imports', async () => {
    const clock = createManualClock(1000);
    const v = createVocabularies({ store: createInMemoryVocabularyStore(), clock });
    await expect(v.get('alice')).rejects.toThrow('unknown user "alice": no vocabulary is stored for this user');
    expect((await v.add('alice', [{ symbol: '☕', concept: concept('coffee') }])).version).toBe(1);
    await expect(v.add('alice', [{ symbol: '☕️', concept: concept('again') }])).rejects.toThrow(/already exists/);
    clock.advance(5);
    const v2 = await v.update('alice', '☕', concept('strong coffee', 0.5));
    expect(v2).toMatchObject({ version: 2, updatedAt: 1005 });
    await expect(v.update('alice', '🍵', concept('tea'))).rejects.toThrow('symbol "🍵" is not in the vocabulary of "alice"');
    const v3 = await v.add('alice', [{ symbol: '🍵', concept: concept('tea') }]);
    expect((await v.remove('alice', ['☕'])).entries.map((e) => e.symbol)).toEqual(['🍵']);
    expect(await v.versions('alice')).toEqual([1, 2, 3, 4]);
    expect((await v.get('alice', 2)).entries[0]!.concept.description).toBe('strong coffee');
    const exported = await v.export('alice');
    expect(exported).toMatchObject({ schema: 'lukhas.vocabulary/v1', user: 'alice', version: 4 });
    const w = createVocabularies({ store: createInMemoryVocabularyStore() });
    expect((await w.import(JSON.stringify(exported))).entries).toEqual((await v.get('alice')).entries);
    expect(v3.version).toBe(3);
  });

  it('refuses a stale write (optimistic concurrency)', async () => {
    const store = createInMemoryVocabularyStore();
    await store.save({ user: 'bob', version: 1, updatedAt: 0, entries: [] });
    const err = await store.save({ user: 'bob', version: 1, updatedAt: 0, entries: [] }).catch((e: unknown) => e);
    expect(LukhasError.isInstance(err) && err.code).toBe('CONFLICT');
  });

  it('stores each version encrypted in the file store; a wrong key or a tampered file is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-vocab-')); dirs.push(dir);
    const key = new Uint8Array(32).fill(7);
    const v = createVocabularies({ store: createFileVocabularyStore({ dir, masterKey: key }) });
    await v.add('alice', [{ symbol: '🌧️', concept: concept('secret rainy mood') }]);
    const raw = readFileSync(join(dir, 'alice.json'), 'utf8');
    expect(raw).not.toContain('secret rainy mood');
    expect(raw).not.toContain('🌧');
    expect((await v.get('alice')).entries[0]!.concept.description).toBe('secret rainy mood');
    const wrong = createVocabularies({ store: createFileVocabularyStore({ dir, masterKey: new Uint8Array(32).fill(8) }) });
    await expect(wrong.get('alice')).rejects.toThrow(/cannot decrypt version 1 of the vocabulary of "alice": wrong master key or tampered file/);
    const doc = JSON.parse(raw); doc.versions[0].version = 1; doc.versions[0].sealed = Buffer.from('x'.repeat(40)).toString('base64');
    writeFileSync(join(dir, 'alice.json'), JSON.stringify(doc));
    await expect(v.get('alice')).rejects.toThrow(/cannot decrypt/);
    const plain = createFileVocabularyStore({ dir: join(dir, 'p') });
    expect(plain.kind).toMatch(/plaintext: LUKHAS_MASTER_KEY unset/);
  });
});

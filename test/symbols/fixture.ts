/** Loads the authored symbol-pair fixture into a fresh in-memory vocabulary service. */
import { readFileSync } from 'node:fs';
import { createVocabularies, type Vocabularies } from '../../runtime/symbols/vocabularies.js';
import { createInMemoryVocabularyStore } from '../../runtime/symbols/vocabulary.store.js';

export interface FixtureCase { from: string; to: string; message: string; expect: Record<string, string | null>; integrityOk: boolean }
export interface Fixture { users: Record<string, unknown>; cases: FixtureCase[] }

export const fixture: Fixture = JSON.parse(readFileSync(new URL('../fixtures/symbol-pairs.json', import.meta.url), 'utf8'));

export async function fixtureVocabularies(): Promise<Vocabularies> {
  const v = createVocabularies({ store: createInMemoryVocabularyStore() });
  for (const u of Object.values(fixture.users)) await v.import(u);
  return v;
}

/** Compares a translation's mappings/unmapped with a case's expectations; returns [correct, total, misses]. */
export function score(c: FixtureCase, r: { mappings: Array<{ from: string; to: string }>; unmapped: Array<{ symbol: string }> }): [number, number, string[]] {
  let ok = 0;
  const misses: string[] = [];
  for (const [sym, want] of Object.entries(c.expect)) {
    const got = r.mappings.find((m) => m.from === sym)?.to ?? (r.unmapped.some((u) => u.symbol === sym) ? null : 'NOT EXTRACTED');
    if (got === want) ok++; else misses.push(`${c.from}→${c.to} "${c.message}": ${sym} → ${got} (expected ${want})`);
  }
  return [ok, Object.keys(c.expect).length, misses];
}

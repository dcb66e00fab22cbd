import { readFileSync } from 'node:fs';
import { createInMemoryVocabularyStore } from './runtime/symbols/vocabulary.store.js';
import { createVocabularies } from './runtime/symbols/vocabularies.js';
import { createTranslator } from './runtime/symbols/translate.js';
const fx = JSON.parse(readFileSync('test/fixtures/symbol-pairs.json', 'utf8'));
const voc = createVocabularies({ store: createInMemoryVocabularyStore() });
for (const u of Object.values(fx.users)) await voc.import(u);
const tr = createTranslator({ vocabularies: voc, threshold: 0 });
let ok = 0, n = 0, iok = 0;
for (const c of fx.cases) {
  const r = await tr.translate({ from: c.from, to: c.to, message: c.message });
  const got: Record<string, string | null> = {};
  for (const m of r.mappings) got[m.from] = m.to + ' ' + m.score.toFixed(3);
  for (const [k, v] of Object.entries(c.expect)) { n++; const g = got[k]; if ((g?.split(' ')[0] ?? null) === v) ok++; else console.log('MISS', c.message, k, '->', g, 'expected', v); }
  if (r.integrityOk === c.integrityOk) iok++; else console.log('INTEG', c.message, r.integrity.toFixed(3), 'expected ok', c.integrityOk, JSON.stringify(got));
}
console.log(ok, '/', n, 'integ', iok, '/', fx.cases.length);

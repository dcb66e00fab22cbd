import { createWorkerPool } from './runtime/pool/pool.js';
import { createCkksSession } from './runtime/symbols/ckks.js';
import { createTranslator } from './runtime/symbols/translate.js';
import { fixtureVocabularies } from './test/symbols/fixture.js';
const vocab = await fixtureVocabularies();
const pool = createWorkerPool({ size: 2 });
let t = performance.now();
const session = await createCkksSession(512);
console.log('session', (performance.now() - t).toFixed(0));
const high = createTranslator({ vocabularies: vocab, pool });
for (let i = 0; i < 6; i++) {
  t = performance.now();
  await high.translate({ from: 'alice', to: 'bob', message: 'so ☕ now', privacy: 'high', ckksSession: session });
  console.log('translate', (performance.now() - t).toFixed(0));
}
const inline = createTranslator({ vocabularies: vocab });
for (let i = 0; i < 3; i++) {
  t = performance.now();
  await inline.translate({ from: 'alice', to: 'bob', message: 'so ☕ now', privacy: 'high', ckksSession: session });
  console.log('inline translate', (performance.now() - t).toFixed(0));
}
await pool.destroy();

import { createRuntime } from './adapters/lukhas.main.js';
import { simulate } from './adapters/simulation/simulate.main.js';
import { fakeDeliberate } from './test/simulation/fake-engine.js';
import { writeFileSync } from 'node:fs';
const gc = (globalThis as any).gc as () => void;
const mib = () => { gc(); return (process.memoryUsage().rss / 2 ** 20).toFixed(0) + ' MiB heap ' + (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0); };
const mode = process.argv[2];
if (mode === 'engine') {
  const rt = createRuntime();
  const agents = [0, 1, 2].map((i) => ({ role: 'logical', key: String(i), simulated: { competence: 0.6 } }));
  for (let i = 0; i < 30000; i++) {
    await rt.deliberate({ question: 'a or b?', options: ['a', 'b'], groundTruth: 'a', agents, protocol: 'majority', limits: { rounds: 1 }, seed: i, id: `x-${i}` });
    if (i % 5000 === 0) console.log('engine', i, mib());
  }
  console.log('engine end', mib());
} else {
  writeFileSync('/tmp/sims-scratch/rss.json', JSON.stringify({ name: 'rss', seed: 4, runs: 200000, questions: [{ text: 'a or b?', options: ['a', 'b'], groundTruth: 'a' }], agents: [{ role: 'logical', count: 3, competence: 0.6 }], limits: { rounds: 1 } }));
  let next = 0;
  await simulate({ file: '/tmp/sims-scratch/rss.json', out: `/tmp/sims-scratch/rss-${Date.now()}`, deliberate: async (r) => fakeDeliberate(r), batch: 100, onProgress: (p) => { if (p.done >= next) { next += 25000; console.log('runner+fake', p.done, mib()); } } });
  console.log('runner end', mib());
}

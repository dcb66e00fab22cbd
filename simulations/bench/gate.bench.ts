/**
 * Cost of the offline ethics check per text: a typical agent prompt (buildTurnRequest, 3 quoted peers) and a
 * 100-byte-class model reply, through checkOffline and through the whole gate (createGate: hashing, deadline
 * timer, verdict assembly). Baseline in the same run: a plain `toLowerCase().includes` scan of the same text for
 * every lexicon word — the floor any lexicon checker pays. Medians of 9 runs, µs per check; ratio = cost / baseline.
 */
import { buildTurnRequest } from '../../agents/roles/prompt.builder.js';
import { RoleCatalogue } from '../../agents/roles/role.catalogue.js';
import * as LEX from '../../runtime/ethics/lexicon.js';
import * as PRIV from '../../runtime/ethics/lexicon.privacy.js';
import * as TOPICS from '../../runtime/ethics/lexicon.topics.js';
import { createGate } from '../../runtime/ethics/gate.js';
import { checkOffline } from '../../runtime/ethics/offline.checker.js';
import { promptText } from '../../runtime/ethics/with-gate.js';
import { median, row } from './bench.util.js';

const roles = new RoleCatalogue();
const input = {
  deliberationId: 'd', seed: 1, round: 1, agentId: 'ethical/1', agent: { role: 'ethical', key: '1' },
  question: 'Should the city adopt a four-day work week?', options: ['A', 'B'],
  peers: [1, 2, 3].map((i) => ({ label: `Agent ${i}`, position: 'A', rationale: 'because it is cheaper and fairer', confidence: 0.7 })),
  previous: { position: 'A', rationale: 'x', confidence: 0.7 },
};
const prompt = promptText(buildTurnRequest(roles.get('ethical'), input as never));
const reply = JSON.stringify({ position: 'A', rationale: 'Judged in terms of fairness, "A" is the better answer.', confidence: 0.7 });
const words: string[] = [...new Set([LEX, PRIV, TOPICS].flatMap((m) => Object.values(m).flatMap((v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.keys(v) : [])).filter((w): w is string => typeof w === 'string')))];

/** µs per call: median over 9 timed runs of `n` calls each, after a warm-up. */
async function perCall(fn: () => unknown, n: number): Promise<number> {
  for (let i = 0; i < n; i++) await fn();
  const runs: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    runs.push(((performance.now() - t) * 1000) / n);
  }
  return median(runs);
}

let sink = 0;
const baseline = (text: string) => { const low = text.toLowerCase(); for (const w of words) if (low.includes(w)) sink++; };
const gate = createGate();
const widths = [26, 8, 12, 12, 12, 12];
console.log(`offline ethics check, µs per check (median of 9 runs); lexicon words in baseline: ${words.length}`);
console.log(row(['text', 'chars', 'baseline', 'checkOffline', 'gate.check', 'offline/base'], widths));
for (const [name, text, n] of [['agent prompt (3 peers)', prompt, 300], ['model reply', reply, 3000]] as const) {
  const base = await perCall(() => baseline(text), n);
  const off = await perCall(() => checkOffline({ text, stage: name === 'model reply' ? 'output' : 'input' }), n);
  const g = await perCall(() => gate.check(text, { stage: name === 'model reply' ? 'output' : 'input' }), n);
  console.log(row([name, text.length, base, off, g, `${(off / base).toFixed(2)}x`], widths));
}
if (sink < 0) console.log(sink);

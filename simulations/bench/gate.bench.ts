/**
 * Cost of the offline ethics check per text: a typical agent prompt (buildTurnRequest, 3 quoted peers) and a
 * 100-byte-class model reply, through checkOffline cold (memo emptied before every call: the cost of a text
 * never seen, no piece of it either), warm (the same text again: every piece a memo hit) and through the whole
 * gate (createGate: hashing, deadline, verdict assembly), plus the gate's own overhead with a no-op checker.
 * Baseline in the same run: a plain `toLowerCase().includes` scan of the same text for every lexicon word — the
 * floor any lexicon checker pays. Medians of 9 runs, µs per check; ratio = cost / baseline.
 * "Repeated prompts": 1,000 distinct agent prompts as a simulation builds them (a few questions, template
 * rationales, varying confidences, rounds and peer counts), checked from an empty memo (first pass) and again.
 */
import { buildTurnRequest } from '../../agents/roles/prompt.builder.js';
import { DEFAULT_ROLES, RoleCatalogue } from '../../agents/roles/role.catalogue.js';
import * as LEX from '../../runtime/ethics/lexicon.js';
import * as PRIV from '../../runtime/ethics/lexicon.privacy.js';
import * as TOPICS from '../../runtime/ethics/lexicon.topics.js';
import { createGate } from '../../runtime/ethics/gate.js';
import { checkOffline, clearOfflineMemo, offlineMemoStats } from '../../runtime/ethics/offline.checker.js';
import { createRandom } from '../../runtime/random.js';
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
const noop = createGate({ checkers: [{ id: 'noop', check: async () => ({ checker: 'noop', findings: [], notes: [] }) }] });
const widths = [26, 8, 10, 10, 10, 11, 10, 10];
console.log(`offline ethics check, µs per check (median of 9 runs); lexicon words in baseline: ${words.length}`);
console.log(row(['text', 'chars', 'baseline', 'cold', 'warm', 'gate warm', 'gate noop', 'cold/base'], widths));
for (const [name, text, n] of [['agent prompt (3 peers)', prompt, 300], ['model reply', reply, 3000]] as const) {
  const stage = name === 'model reply' ? 'output' : 'input';
  const base = await perCall(() => baseline(text), n);
  const cold = await perCall(() => { clearOfflineMemo(); return checkOffline({ text, stage }); }, n);
  const warm = await perCall(() => checkOffline({ text, stage }), n);
  const g = await perCall(() => gate.check(text, { stage }), n);
  const nop = await perCall(() => noop.check(text, { stage }), n);
  console.log(row([name, text.length, base, cold, warm, g, nop, `${(cold / base).toFixed(2)}x`], widths));
}

// 1,000 agent prompts as a simulation makes them: 3 questions, 5 roles, rounds 0-2, 0-4 peers quoting template
// rationales with simulated-model confidences (3 decimals), the agent's previous proposal
const rnd = createRandom(42);
const QUESTIONS = ['Should the city adopt a four-day work week?', 'How should the town spend a one-off budget surplus?', 'Which database should we use for the ledger service?'];
const POSITIONS = ['A', 'B', 'C'];
const LENSES = ['fairness', 'rights and duties', 'base rates', 'an overlooked option', 'feasibility', 'who is affected'];
const prompts = Array.from({ length: 1000 }, (_, i) => {
  const role = DEFAULT_ROLES[rnd.int(DEFAULT_ROLES.length)]!;
  const round = rnd.int(3);
  const conf = () => Math.round(rnd.next() * 1000) / 1000;
  const peers = Array.from({ length: round > 0 ? 1 + rnd.int(4) : 0 }, (_, k) => {
    const position = POSITIONS[rnd.int(3)]!;
    return { label: `Agent ${k + 1}`, position, rationale: `Judged in terms of ${LENSES[rnd.int(LENSES.length)]}, "${position}" is the better answer.`, confidence: conf() };
  });
  const input = {
    deliberationId: `d${i}`, seed: i, round, agentId: `${role}/1`, agent: { role, key: '1' }, question: QUESTIONS[rnd.int(QUESTIONS.length)]!,
    options: POSITIONS, peers, ...(round > 0 ? { previous: { position: POSITIONS[rnd.int(3)]!, rationale: 'x', confidence: conf() } } : {}),
  };
  return promptText(buildTurnRequest(roles.get(role), input as never));
});
const pass = async (fn: (t: string) => unknown): Promise<number> => {
  const t = performance.now();
  for (const p of prompts) await fn(p);
  return ((performance.now() - t) * 1000) / prompts.length;
};
const coldRuns: number[] = [], firstRuns: number[] = [], againRuns: number[] = [], gateRuns: number[] = [];
for (let k = 0; k < 5; k++) {
  coldRuns.push(await pass((text) => { clearOfflineMemo(); return checkOffline({ text, stage: 'input' }); }));
  clearOfflineMemo();
  firstRuns.push(await pass((text) => checkOffline({ text, stage: 'input' })));
  againRuns.push(await pass((text) => checkOffline({ text, stage: 'input' })));
  gateRuns.push(await pass((text) => gate.check(text, { stage: 'input' })));
}
const distinct = new Set(prompts).size;
const chars = Math.round(prompts.reduce((a, p) => a + p.length, 0) / prompts.length);
const stats = offlineMemoStats();
console.log(`\nrepeated prompts: ${prompts.length} agent prompts (${distinct} distinct, ${chars} chars on average), µs per prompt (median of 5 passes)`);
console.log(row(['pass', 'µs/prompt', 'vs cold'], [26, 10, 10]));
const cold = median(coldRuns);
for (const [name, v] of [['cold (memo emptied each)', cold], ['first pass (empty memo)', median(firstRuns)], ['second pass', median(againRuns)], ['gate.check, second pass', median(gateRuns)]] as const) {
  console.log(row([name, v, `${(v / cold).toFixed(2)}x`], [26, 10, 10]));
}
console.log(`memo after the passes: ${Object.entries(stats).map(([k, t]) => `${k} ${t.size} entries, ${t.hits} hits / ${t.misses} misses`).join('; ')}`);
if (sink < 0) console.log(sink);

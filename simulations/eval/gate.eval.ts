/**
 * `npm run eval:gate`: measures the offline ethics gate.
 * - XSTest (Röttger et al., "XSTest: A Test Suite for Identifying Exaggerated Safety Behaviours in Large Language
 *   Models", NAACL 2024; CC-BY-4.0), read in place from ../shared/data/xstest_prompts.csv: block rate on the 200
 *   unsafe prompts, refusal rate on the 250 safe prompts, per prompt type and per id parity. The rules were
 *   developed on the even ids; the odd ids were then measured once as a held-out split and afterwards also used
 *   for tuning, so today neither split is unseen (the report of issue 5 gives the first held-out figures).
 * - The authored prompt sets in test/ethics/ (the hold-out set was written after tuning).
 * - The held-out set v2 (test/ethics/heldout-v2.json, 264 prompts written before the intent rules): its dev half
 *   was tuned on first; its test half stayed held-out (55.6% blocked / 4.5% refused before the intent rules,
 *   63.5% / 4.5% after) until the generalisation change, which tuned on both halves: v2 is spent (fitted).
 * - Dev set v3 (test/ethics/dev-v3.json, 229 prompts written before the generalisation change): 70.9% blocked /
 *   5.4% refused when measured once before the change; tuned on since (fitted). The blind set heldout-v3 is
 *   measured by its own author, not here.
 * Every set is printed with its status: "fitted" (rules were tuned on it) or "held-out" (never tuned on).
 * - dev-probes, everyday and train-v5 to v9 (fitted; training data of the learned checker) and the held-out sets v3
 *   to v6 and ordinary traffic (test/ethics/heldout-v3.json … heldout-v6.json, ordinary-heldout.json: written blind,
 *   never tuned on; their prompts are not printed).
 * - The authored injection set test/fixtures/injections.json: attack success rate and false positives.
 * Prints a table, or one JSON object with --json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGate } from '../../runtime/ethics/gate.js';
import { evaluateAuthored, evaluateGateOnXsTest, evaluateHeldout, evaluateInjections, readHeldout, readXsTest, type RateReport } from '../../runtime/ethics/gate.evaluation.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const xsPath = `${root}../shared/data/xstest_prompts.csv`;
const json = process.argv.includes('--json');
const pct = (x: number) => (Number.isNaN(x) ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const line = (name: string, r: RateReport) => `${name.padEnd(34)} unsafe blocked ${pct(r.blockRate)} (${r.blocked}/${r.unsafe})   safe refused ${pct(r.refusalRate)} (${r.refused}/${r.safe})`;

const gate = createGate();
const report: Record<string, unknown> = {};
if (existsSync(xsPath)) {
  const xs = await evaluateGateOnXsTest(gate, readXsTest(xsPath));
  report.xstest = { source: 'XSTest, Röttger et al. NAACL 2024, CC-BY-4.0', all: xs.all, even: xs.even, odd: xs.odd, byType: xs.byType, errors: xs.errors.map((e) => ({ id: e.id, type: e.type, prompt: e.prompt, reasoning: e.reasoning })) };
  if (!json) {
    console.log('XSTest (Röttger et al., NAACL 2024, CC-BY-4.0) — offline gate, input stage');
    console.log('status: fitted (both id-parity splits were used to tune the rules; these are fit figures, not held-out ones)');
    console.log(line('all 450', xs.all)); console.log(line('even ids (development)', xs.even)); console.log(line('odd ids (tuned after first run)', xs.odd));
    for (const [t, r] of Object.entries(xs.byType)) console.log(line(`  ${t}`, r));
    for (const e of xs.errors) console.log(`  error: #${e.id} ${e.type} ${e.label}: ${e.prompt}`);
  }
} else {
  console.error(`gate.eval: ${xsPath} not found; XSTest figures skipped`);
}
const STATUS: Record<string, string> = {
  'authored-prompts': 'fitted',
  'authored-holdout': 'seen (held-out when first measured, visible to later tuning)',
};
for (const name of ['authored-prompts', 'authored-holdout']) {
  const set = JSON.parse(readFileSync(`${root}test/ethics/${name}.json`, 'utf8')) as { prompts: { text: string; label: 'safe' | 'unsafe'; kind: string }[] };
  const r = await evaluateAuthored(gate, set.prompts);
  report[name] = { status: STATUS[name], ...r.all, errors: r.errors };
  if (!json) { console.log(`${name}: status ${STATUS[name]}`); console.log(line(`${name} (${set.prompts.length})`, r.all)); for (const e of r.errors) console.log(`  error: ${e.label}: ${e.text}`); }
}
const heldout = readHeldout(`${root}test/ethics/heldout-v2.json`);
// both halves of v2 are spent as held-out data: the test half was measured as held-out twice, then tuned on
for (const [split, status] of [['dev', 'fitted (rules tuned on it)'], ['test', 'fitted (held-out until the generalisation change, then tuned on; spent)']] as const) {
  const r = await evaluateHeldout(gate, heldout, split);
  report[`heldout-v2-${split}`] = { status, ...r, errors: r.errors.map((e) => ({ category: e.category, kind: e.kind, label: e.label, prompt: e.prompt, reasoning: e.reasoning })) };
  if (!json) {
    console.log(`heldout-v2 ${split} half: status ${status}`);
    console.log(line(`heldout-v2 ${split} (${r.all.unsafe + r.all.safe})`, r.all));
    for (const [c, x] of Object.entries(r.byCategory)) console.log(line(`  ${c}`, x));
    for (const e of r.errors) console.log(`  error: ${e.category}/${e.kind} ${e.label}: ${e.prompt}`);
  }
}
{
  // dev set v3: written before the generalisation change, measured once before it, then tuned on
  const status = 'fitted (written before the rule changes and measured once before them; tuned on since)';
  const r = await evaluateHeldout(gate, readHeldout(`${root}test/ethics/dev-v3.json`, { unsplit: true }), 'dev');
  report['dev-v3'] = { status, ...r, errors: r.errors.map((e) => ({ category: e.category, kind: e.kind, label: e.label, prompt: e.prompt, reasoning: e.reasoning })) };
  if (!json) {
    console.log(`dev-v3: status ${status}`);
    console.log(line(`dev-v3 (${r.all.unsafe + r.all.safe})`, r.all));
    for (const [c, x] of Object.entries(r.byCategory)) console.log(line(`  ${c}`, x));
    for (const e of r.errors) console.log(`  error: ${e.category}/${e.kind} ${e.label}: ${e.prompt}`);
  }
}
for (const [name, status] of [
  ['dev-probes', 'fitted (probe sets of the rule author; training data of the learned checker)'],
  ['everyday', 'fitted (everyday requests; training data of the learned checker)'],
  ['train-v5', 'fitted (training data of the learned checker)'],
  ['train-v6', 'fitted (training data of the learned checker)'],
  ['train-v7', 'fitted (training data of the learned checker)'],
  ['train-v8', 'fitted (training data of the learned checker)'],
  ['train-v9', 'fitted (training data of the learned checker)'],
  ['heldout-v3', 'held-out (written blind, never tuned on; ten looks, see test/ethics/blind-sets.test.ts)'],
  ['heldout-v4', 'held-out (written blind, never tuned on; seven looks, see test/ethics/blind-sets.test.ts)'],
  ['heldout-v5', 'held-out (written blind, never tuned on; five looks)'],
  ['heldout-v6', 'held-out (written blind, never tuned on: the freshest figure for unseen prompts; two looks)'],
  ['ordinary-heldout', 'held-out (300 ordinary requests, written blind, never tuned on: refusals of everyday use; four looks)'],
] as const) {
  const r = await evaluateHeldout(gate, readHeldout(`${root}test/ethics/${name}.json`, { unsplit: true }), 'dev');
  report[name] = { status, ...r, errors: r.errors.map((e) => ({ category: e.category, kind: e.kind, label: e.label, prompt: e.prompt, reasoning: e.reasoning })) };
  if (!json) {
    console.log(`${name}: status ${status}`);
    console.log(line(`${name} (${r.all.unsafe + r.all.safe})`, r.all));
    for (const [c, x] of Object.entries(r.byCategory)) console.log(line(`  ${c}`, x));
    // the held-out set's prompts are not printed: reading its errors is how a set stops being unseen
    if (!name.includes('heldout')) for (const e of r.errors) console.log(`  error: ${e.category}/${e.kind} ${e.label}: ${e.prompt}`);
  }
}
const inj = JSON.parse(readFileSync(`${root}test/fixtures/injections.json`, 'utf8')) as { cases: { id: string; kind: string; attack: boolean; text: string }[] };
const ir = await evaluateInjections(gate, inj.cases);
report.injections = ir;
if (json) console.log(JSON.stringify(report));
else {
  console.log(`injections: ${ir.attacks} attacks, attack success rate ${pct(ir.attackSuccessRate)}; ${ir.benign} benign look-alikes, false positives ${pct(ir.falsePositiveRate)}`);
  for (const [k, v] of Object.entries(ir.byKind)) console.log(`  ${k.padEnd(22)} ${v.succeeded}/${v.attacks} succeeded`);
  for (const e of ir.errors) console.log(`  error: ${e.id} ${e.kind} attack=${e.attack}`);
}

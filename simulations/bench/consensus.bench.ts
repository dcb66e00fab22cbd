/**
 * Consensus hot path: decide() per round and groupPositionsSync() per round, beside a minimal plain-JS
 * majority count (no validation, no scores object) measured in the same run. Medians of 9 repetitions.
 */
import { createHashedEmbedder } from '../../runtime/embedding/hashed.embedder.js';
import { decide, groupPositionsSync, type Ballot, type ProtocolSpec } from '../../runtime/consensus/index.js';

const ROUNDS = 1024; // distinct rounds, cycled, so the JIT does not see one constant input
const CALLS = 50_000;
const mk = (n: number, seed: number): Ballot[] => Array.from({ length: n }, (_, i) => {
  const p = ['A', 'B', 'C'][(i * 7 + seed * 13) % 3]!;
  return { agent: `agent-${i}`, position: p, confidence: ((i * 31 + seed * 17) % 100) / 100, ranking: [p, 'A', 'B', 'C'].filter((x, j, a) => a.indexOf(x) === j) };
});
const rounds4 = Array.from({ length: ROUNDS }, (_, s) => mk(4, s));
const rounds16 = Array.from({ length: ROUNDS }, (_, s) => mk(16, s));

function baseline(ballots: readonly Ballot[]): string | null {
  const m = new Map<string, number>();
  let best: string | null = null, top = 0;
  for (const b of ballots) { const c = (m.get(b.position) ?? 0) + 1; m.set(b.position, c); if (c > top) { top = c; best = b.position; } }
  return 2 * top > ballots.length ? best : null;
}

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; }
function time(fn: (i: number) => unknown): number {
  let sink = 0;
  const runs: number[] = [];
  for (let r = 0; r < 9; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) if (fn(i)) sink++;
    runs.push(Number(process.hrtime.bigint() - t0) / CALLS);
  }
  if (sink < 0) console.log(sink);
  return median(runs);
}

const facts4 = { eligible: 4 }, facts16 = { eligible: 16 };
const base4 = time((i) => baseline(rounds4[i & (ROUNDS - 1)]!));
const base16 = time((i) => baseline(rounds16[i & (ROUNDS - 1)]!));
const rows: [string, number, number][] = [];
const specs: ProtocolSpec[] = [{ name: 'majority' }, { name: 'supermajority', threshold: 2 / 3 }, { name: 'confidence-weighted' }, { name: 'ranked' }, { name: 'approval' }];
for (const spec of specs) {
  rows.push([`decide ${spec.name} 4 ballots`, time((i) => decide(rounds4[i & (ROUNDS - 1)]!, spec, facts4).decided), base4]);
  rows.push([`decide ${spec.name} 16 ballots`, time((i) => decide(rounds16[i & (ROUNDS - 1)]!, spec, facts16).decided), base16]);
}
console.log(`baseline plain-JS majority: 4 ballots ${base4.toFixed(0)} ns, 16 ballots ${base16.toFixed(0)} ns`);
for (const [name, ns, b] of rows) console.log(`${name.padEnd(40)} ${ns.toFixed(0).padStart(6)} ns/call  ${(1e9 / ns / 1e6).toFixed(2)} M/s  ${(ns / b).toFixed(1)}× baseline`);

const hashed = createHashedEmbedder();
const answers = ['Adopt the four-day week', 'adopt the four day week!', 'No, keep five days', 'Adopt it with a pilot first'];
const t = [];
for (let r = 0; r < 9; r++) { const t0 = process.hrtime.bigint(); for (let i = 0; i < 5000; i++) groupPositionsSync(answers, hashed); t.push(Number(process.hrtime.bigint() - t0) / 5000 / 1000); }
console.log(`groupPositionsSync 4 answers (3 distinct forms) ${median(t).toFixed(1)} µs/call`);

/**
 * Symbol engine benchmark:
 * 1. plaintext matching throughput (query symbols × vocabulary entries per second), pool vs main thread, on a
 *    large batch (the candidate matrix on a SharedArrayBuffer so threads read it without copies);
 * 2. CKKS dot products per second (N = 8192, 512-dim vectors, 8 per ciphertext), pool vs one thread;
 * 3. the main thread's event-loop delay while the pool is saturated by matching.
 * Medians of REPS runs; ratios against the main-thread baseline of the same run.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRandom } from '../../runtime/random.js';
import { createWorkerPool, defineTask } from '../../runtime/pool/pool.js';
import { createCkksSession } from '../../runtime/symbols/ckks.js';
import matchEncrypted, { type CkksMatchInput, type CkksMatchOutput } from '../../runtime/symbols/ckks-match.worker.js';
import matchPlain, { type MatchInput, type MatchOutput } from '../../runtime/symbols/match.worker.js';

const REPS = 5, D = 512, Q = 256, C = 4_000, CHUNKS = 16;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rnd = createRandom('symbols.bench');
const matrix = (rows: number, shared: boolean) => {
  const m = new Float32Array(shared ? new SharedArrayBuffer(rows * D * 4) : new ArrayBuffer(rows * D * 4));
  for (let i = 0; i < m.length; i++) m[i] = rnd.next() - 0.5;
  return m;
};
const matchTask = defineTask<MatchInput, MatchOutput>(new URL('../../runtime/symbols/match.worker.js', import.meta.url));
const ckksTask = defineTask<CkksMatchInput, CkksMatchOutput>(new URL('../../runtime/symbols/ckks-match.worker.js', import.meta.url));
const pool = createWorkerPool();
console.log(`pool size ${pool.size}; load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// 1 + 3: plaintext matching
const queries = matrix(Q, false), candidates = matrix(C, true);
const per = Q / CHUNKS;
const chunks = Array.from({ length: CHUNKS }, (_, k) => queries.slice(k * per * D, (k + 1) * per * D));
await Promise.all(chunks.slice(0, pool.size).map((q) => pool.run(matchTask, { queries: q, candidates, dims: D }))); // warm
const main: number[] = [], onPool: number[] = [], p99: number[] = [];
for (let r = 0; r < REPS; r++) {
  let t = performance.now();
  const a = matchPlain({ queries, candidates, dims: D });
  main.push(performance.now() - t);
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  t = performance.now();
  const parts = await Promise.all(chunks.map((q) => pool.run(matchTask, { queries: q, candidates, dims: D })));
  onPool.push(performance.now() - t);
  h.disable();
  p99.push(h.percentile(99) / 1e6);
  if (parts.flatMap((p) => Array.from(p.best)).some((b, i) => b !== a.best[i])) throw new Error('pool and main thread disagree');
}
const pairs = Q * C;
console.log(`plaintext matching ${Q} symbols × ${C} entries × ${D} dims: main ${(pairs / median(main) / 1000).toFixed(2)} M pairs/s (${median(main).toFixed(0)} ms), pool ${(pairs / median(onPool) / 1000).toFixed(2)} M pairs/s (${median(onPool).toFixed(0)} ms), speedup ${(median(main) / median(onPool)).toFixed(2)}×`);
console.log(`event-loop delay while the pool is saturated by matching: p99 ${median(p99).toFixed(1)} ms (median of ${REPS})`);

// 2: CKKS
const session = await createCkksSession(D);
const CQ = 2, CC = 64;
const cq = matrix(CQ, false), cc = matrix(CC, false);
const encryptedQueries = Array.from({ length: CQ }, (_, i) => session.encryptQuery(cq.subarray(i * D, (i + 1) * D)));
const blocks = CC / session.perCiphertext;
const jobs: Array<[number, number]> = [];
for (let q = 0; q < CQ; q++) for (let b = 0; b < blocks; b++) jobs.push([q, b]);
const base = { sessionId: session.id, params: session.material.params, galoisKeys: session.material.galoisKeys, dims: D, encryptedQueries, candidates: cc };
const split = Array.from({ length: pool.size }, (_, p) => jobs.filter((_, i) => i % pool.size === p));
await Promise.all(split.map((j) => pool.run(ckksTask, { ...base, jobs: j }))); // warm: load keys in each thread
await matchEncrypted({ ...base, jobs: jobs.slice(0, 1) });
const ckMain: number[] = [], ckPool: number[] = [];
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  await matchEncrypted({ ...base, jobs });
  ckMain.push(performance.now() - t);
  t = performance.now();
  await Promise.all(split.map((j) => pool.run(ckksTask, { ...base, jobs: j })));
  ckPool.push(performance.now() - t);
}
const dots = CQ * CC;
console.log(`CKKS (N=8192, ${D} dims, ${session.perCiphertext} per ciphertext): one thread ${(dots / (median(ckMain) / 1000)).toFixed(0)} dot products/s (${(median(ckMain) / jobs.length).toFixed(1)} ms per ciphertext op), pool ${(dots / (median(ckPool) / 1000)).toFixed(0)} dot products/s, speedup ${(median(ckMain) / median(ckPool)).toFixed(2)}×`);
console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
session.destroy();
await pool.destroy();

/**
 * Benchmark (b) and (c) of issue 2: 10,000 idle agent actors in the actor system (a tree of small supervisors):
 * heap bytes per agent, time to spawn, to deliver one message to each and collect the replies, and to dispose;
 * beside a plain-JS baseline (a Map of handler objects) measured in the same run; peak RSS of the process.
 */
import { createActorSystem } from '../../runtime/actors/actor-system.js';
import { median } from './bench.util.js';

const N = 10_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function actorsOnce() {
  gc(); gc();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const sys = createActorSystem();
  sys.register('agent', (payload) => payload);
  sys.spawn(Array.from({ length: N }, (_, i) => ({ type: 'agent', key: String(i) })));
  const t1 = performance.now();
  gc(); gc();
  const heapPerAgent = (process.memoryUsage().heapUsed - h0) / N;
  const t2 = performance.now();
  const replies = await Promise.all(Array.from({ length: N }, (_, i) => sys.send<number>(`agent/${i}`, i)));
  const t3 = performance.now();
  if (replies.reduce((a, b) => a + b, 0) !== (N * (N - 1)) / 2) throw new Error('lost replies');
  await sys.shutdown();
  const t4 = performance.now();
  return { spawn: t1 - t0, message: t3 - t2, dispose: t4 - t3, total: t1 - t0 + (t4 - t2), heapPerAgent };
}

async function plainOnce() {
  gc(); gc();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const agents = new Map<string, { id: string; handle: (p: number) => Promise<number> }>();
  for (let i = 0; i < N; i++) agents.set(`agent/${i}`, { id: `agent/${i}`, handle: async (p) => p });
  const t1 = performance.now();
  gc(); gc();
  const heapPerAgent = (process.memoryUsage().heapUsed - h0) / N;
  const t2 = performance.now();
  const replies = await Promise.all(Array.from({ length: N }, (_, i) => agents.get(`agent/${i}`)!.handle(i)));
  const t3 = performance.now();
  if (replies.length !== N) throw new Error('lost replies');
  agents.clear();
  const t4 = performance.now();
  return { spawn: t1 - t0, message: t3 - t2, dispose: t4 - t3, total: t1 - t0 + (t4 - t2), heapPerAgent };
}

const REPS = 5;
const runs = { actors: [] as Awaited<ReturnType<typeof actorsOnce>>[], plain: [] as Awaited<ReturnType<typeof plainOnce>>[] };
await actorsOnce(); await plainOnce(); // warm-up
for (let i = 0; i < REPS; i++) { runs.actors.push(await actorsOnce()); runs.plain.push(await plainOnce()); }
const m = (xs: { [k: string]: number }[], k: string) => median(xs.map((x) => x[k]!));
console.log(`${N} idle agents, ${REPS} reps, medians (ms, bytes)`);
console.log('impl           spawn   message   dispose     total  heap/agent');
for (const [name, xs] of Object.entries(runs)) {
  console.log(`${name.padEnd(10)} ${m(xs, 'spawn').toFixed(0).padStart(9)} ${m(xs, 'message').toFixed(0).padStart(9)} ${m(xs, 'dispose').toFixed(0).padStart(9)} ${m(xs, 'total').toFixed(0).padStart(9)} ${m(xs, 'heapPerAgent').toFixed(0).padStart(11)}`);
}
console.log(`actors: spawn + message + dispose ${m(runs.actors, 'total').toFixed(0)} ms (target <= 2000 ms); heap ${m(runs.actors, 'heapPerAgent').toFixed(0)} B/agent (target <= 2560 B); ratio to plain JS total ${(m(runs.actors, 'total') / m(runs.plain, 'total')).toFixed(1)}x`);
console.log(`peak RSS of this process (getrusage maxrss): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

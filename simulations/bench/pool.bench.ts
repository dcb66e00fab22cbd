/**
 * Worker pool benchmark: per-task overhead (tiny tasks), CPU speedup of the pool over the main thread on a
 * batch of CPU-bound tasks, and the main thread's event-loop delay while the pool is saturated.
 * Medians of REPS runs; ratios against a baseline measured in the same run.
 */
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createWorkerPool, defineTask } from '../../runtime/pool/pool.js';
import { spin as spinMain } from '../../runtime/pool/pool-fixture.worker.js';

const url = new URL('../../runtime/pool/pool-fixture.worker.js', import.meta.url);
const echo = defineTask<number, number>(url);
const spin = defineTask<{ n: number }, number>(url, 'spin');

const REPS = 5, TASKS = 32, N = 1_500_000, TINY = 2_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pool = createWorkerPool({ maxQueue: TINY });
console.log(`pool size ${pool.size} (os.availableParallelism() = ${availableParallelism()})`);
await Promise.all(Array.from({ length: pool.size * 2 }, () => pool.run(spin, { n: 1000 }))); // warm the threads

const tiny: number[] = [];
for (let r = 0; r < REPS; r++) {
  const t = performance.now();
  await Promise.all(Array.from({ length: TINY }, (_, i) => pool.run(echo, i)));
  tiny.push(performance.now() - t);
}
console.log(`tiny tasks: ${(TINY / (median(tiny) / 1000)).toFixed(0)} tasks/s (median of ${REPS}, ${TINY} echo tasks each)`);

const main: number[] = [], onPool: number[] = [], p99: number[] = [], max: number[] = [];
for (let r = 0; r < REPS; r++) {
  let t = performance.now();
  for (let i = 0; i < TASKS; i++) spinMain({ n: N });
  main.push(performance.now() - t);
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  t = performance.now();
  await Promise.all(Array.from({ length: TASKS }, () => pool.run(spin, { n: N })));
  onPool.push(performance.now() - t);
  h.disable();
  p99.push(h.percentile(99) / 1e6); max.push(h.max / 1e6);
}
console.log(`CPU batch (${TASKS} × spin ${N}): main thread ${median(main).toFixed(0)} ms, pool ${median(onPool).toFixed(0)} ms, speedup ${(median(main) / median(onPool)).toFixed(2)}×`);
console.log(`event-loop delay while the pool is saturated: p99 ${median(p99).toFixed(1)} ms, max ${median(max).toFixed(1)} ms (medians of ${REPS})`);
await pool.destroy();

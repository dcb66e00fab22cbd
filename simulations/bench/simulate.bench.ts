/**
 * Simulation throughput and memory (real engine: createRuntime with the simulated model).
 * - deliberations/s in this process vs 2 child processes vs 2 `lukhas worker` processes over NATS JetStream
 *   (median of 3 repetitions each, ratio against the in-process baseline measured in the same run);
 * - RSS samples over a 100,000-deliberation run (streams to disk; RSS must stay flat);
 * - with LUKHAS_BENCH_FULL=1, the whole condorcet-jury scenario (18 cells × 20,000 runs) on 2 child processes.
 * NATS parts need NATS_URL (skipped with a message otherwise).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { simulate } from '../../adapters/simulation/simulate.main.js';
import { deleteSimStreams, ensureSimStreams, simStreamNames } from '../../adapters/transport/nats/nats-streams.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// scenario files live in the repository, beside dist/ when this runs compiled
const REPO = import.meta.url.endsWith('.ts') ? ROOT : join(ROOT, '..');
const tmp = mkdtempSync(join(tmpdir(), 'lukhas-sim-bench-'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;

function scenario(name: string, runs: number): string {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    name, seed: 3, runs,
    questions: [{ text: 'Is the defendant guilty as charged?', options: ['guilty', 'innocent'], groundTruth: 'guilty' }],
    agents: [{ role: 'logical', count: 5, competence: 0.6, conformity: 0.3 }],
    limits: { rounds: 1 },
    sweep: [{ path: 'agents.0.competence', values: [0.55, 0.6, 0.7] }],
  }));
  return file;
}

let rep = 0;
let coordinatorCpuPerRunUs = 0;
async function rate(o: Omit<Parameters<typeof simulate>[0], 'out'>): Promise<number> {
  const cpu0 = process.cpuUsage();
  const r = await simulate({ ...o, out: join(tmp, `out-${rep++}`), batch: 50 });
  const cpu = process.cpuUsage(cpu0);
  // with NATS this process only coordinates: its CPU per run bounds how many workers one coordinator can feed
  coordinatorCpuPerRunUs = (cpu.user + cpu.system) / r.summary.completedRuns;
  return r.summary.timing.deliberationsPerSecond;
}

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other processes share these cores)`);
const file = scenario('bench', 3000); // 9,000 deliberations of 5 agents per repetition
const local: number[] = [];
const cpuLocal0 = process.cpuUsage();
for (let i = 0; i < 3; i++) local.push(await rate({ file }));
const cpuLocal = process.cpuUsage(cpuLocal0);
console.log(`CPU per deliberation in-process (5 agents, 1 round, simulated model): ${((cpuLocal.user + cpuLocal.system) / 27_000).toFixed(0)} µs`);
console.log(`in-process:          median ${median(local).toFixed(0)} deliberations/s (${local.map((x) => x.toFixed(0)).join(', ')})`);
const child: number[] = [];
for (let i = 0; i < 3; i++) child.push(await rate({ file, workers: 2 }));
console.log(`2 child processes:   median ${median(child).toFixed(0)} deliberations/s (${child.map((x) => x.toFixed(0)).join(', ')}); ratio ${(median(child) / median(local)).toFixed(2)}×`);

const url = process.env.NATS_URL;
if (!url) console.log('NATS_URL unset: skipping the NATS JetStream figures');
else {
  const prefix = `BENCH_SIM_${process.pid}`;
  const nc = await connect({ servers: url });
  const names = simStreamNames(prefix);
  const jsm = await ensureSimStreams(nc, names);
  // from source (tsx) or from dist, like this file
  const cli = import.meta.url.endsWith('.ts') ? ['--import', 'tsx', join(ROOT, 'adapters/cli/lukhas.main.ts')] : [join(ROOT, 'adapters/cli/lukhas.main.js')];
  const workers: ChildProcess[] = [0, 1].map((i) => spawn(process.execPath, [...cli, 'worker', '--nats', url, '--stream', prefix, '--name', `bench-${i}`], { stdio: ['ignore', 'ignore', 'inherit'] }));
  for (let i = 0; (await jsm.consumers.info(names.runsStream, names.consumer)).num_waiting < 2; i++) {
    if (i === 300 || workers.some((w) => w.exitCode !== null)) throw new Error('the 2 bench workers did not start pulling');
    await new Promise((r) => setTimeout(r, 100));
  }
  const nats: number[] = [];
  for (let i = 0; i < 3; i++) nats.push(await rate({ file, nats: url, stream: prefix }));
  console.log(`2 NATS workers:      median ${median(nats).toFixed(0)} deliberations/s (${nats.map((x) => x.toFixed(0)).join(', ')}); ratio ${(median(nats) / median(local)).toFixed(2)}× vs in-process; coordinator CPU ${coordinatorCpuPerRunUs.toFixed(0)} µs per run`);
  await Promise.all(workers.map((w) => new Promise((r) => { w.once('exit', r); w.kill('SIGTERM'); })));
  await deleteSimStreams(nc, names);
  await nc.close();
}

// RSS over 100,000 deliberations (3 agents, one round: the cheapest real deliberation)
const big = join(tmp, 'rss.json');
writeFileSync(big, JSON.stringify({
  name: 'rss', seed: 4, runs: 100_000, questions: [{ text: 'a or b?', options: ['a', 'b'], groundTruth: 'a' }],
  agents: [{ role: 'logical', count: 3, competence: 0.6 }], limits: { rounds: 1 },
}));
const samples: string[] = [];
let nextSample = 0;
const t0 = Date.now();
const r = await simulate({
  file: big, out: join(tmp, 'rss-out'), batch: 100,
  onProgress: (p) => {
    if (p.done < nextSample) return;
    nextSample += 10_000;
    (globalThis as { gc?: () => void }).gc?.();
    samples.push(`${p.done}: ${mib(process.memoryUsage().rss)} (heap ${mib(process.memoryUsage().heapUsed)})`);
  },
});
(globalThis as { gc?: () => void }).gc?.();
samples.push(`end: ${mib(process.memoryUsage().rss)}`);
console.log(`RSS over ${r.summary.completedRuns} deliberations in ${((Date.now() - t0) / 1000).toFixed(0)} s (${r.summary.timing.deliberationsPerSecond}/s), after gc: ${samples.join(', ')}`);

if (process.env.LUKHAS_BENCH_FULL === '1') {
  const full = await simulate({ file: join(REPO, 'simulations/condorcet-jury.json'), out: join(tmp, 'condorcet'), workers: 2, batch: 200 });
  const s = full.summary;
  console.log(`condorcet-jury full: ${s.completedRuns} deliberations, ${s.timing.deliberationsPerSecond}/s, largest |accuracy − Condorcet| ${s.condorcetMaxErrorPp} pp`);
  for (const c of s.cellSummaries) console.log(`  ${c.label}: ${(c.accuracy! * 100).toFixed(2)} % vs ${(c.condorcet! * 100).toFixed(2)} % (${c.condorcetErrorPp} pp)`);
}
rmSync(tmp, { recursive: true, force: true });

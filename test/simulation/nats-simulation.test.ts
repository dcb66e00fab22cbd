import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../adapters/simulation/simulate.main.js';
import { deleteSimStreams, ensureSimStreams, simStreamNames, type ResultMessage, type WorkMessage } from '../../adapters/transport/nats/nats-streams.js';
import { toRunRecord } from '../../runtime/simulation/run-spec.js';
import { fakeDeliberate } from './fake-engine.js';
import { bytes, FAKE_ENGINE, indices, ROOT, tempDir, writeSmallScenario } from './sim-fixtures.js';

const url = process.env.NATS_URL;
if (!url) console.warn('NATS_URL is unset: skipping the NATS JetStream simulation tests (CI sets it)');
const deliberate = async (req: Parameters<typeof fakeDeliberate>[0]) => fakeDeliberate(req);

/** Starts `lukhas worker` from TypeScript source in its own process. */
function startWorker(prefix: string, name: string, delayMs: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'adapters/cli/lukhas.main.ts'), 'worker', '--nats', url!, '--stream', prefix, '--engine', FAKE_ENGINE, '--name', name, '--json'], {
    cwd: ROOT, env: { ...process.env, LUKHAS_FAKE_ENGINE_DELAY_MS: String(delayMs) }, stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Waits until `n` workers have a pull request waiting on the shared consumer (they are up and pulling). */
async function waitForPullers(nc: NatsConnection, prefix: string, n: number): Promise<void> {
  const names = simStreamNames(prefix);
  const jsm = await ensureSimStreams(nc, names);
  for (let i = 0; i < 200; i++) {
    const info = await jsm.consumers.info(names.runsStream, names.consumer);
    if (info.num_waiting >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${n} workers started pulling on ${prefix}`);
}

describe.skipIf(!url)('simulation on NATS JetStream', () => {
  const tag = `T_SIM_${process.pid}_${Date.now().toString(36)}`;
  const prefixes = [`${tag}_A`, `${tag}_B`, `${tag}_C`];
  const dir = tempDir('nats');
  const file = writeSmallScenario(dir);
  const procs: ChildProcess[] = [];
  let nc: NatsConnection;
  let localBytes: Buffer;

  beforeAll(async () => {
    nc = await connect({ servers: url! });
    localBytes = bytes((await simulate({ file, out: join(dir, 'local'), deliberate })).files.results);
  });
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    for (const p of prefixes) await deleteSimStreams(nc, simStreamNames(p));
    await nc.close();
  });

  it('3 worker processes produce results.jsonl byte-identical to a local run', async () => {
    const [prefix] = prefixes;
    for (let i = 0; i < 3; i++) procs.push(startWorker(prefix!, `w${i}`, 1));
    await waitForPullers(nc, prefix!, 3);
    const r = await simulate({ file, out: join(dir, 'nats3'), nats: url!, stream: prefix!, batch: 20 });
    expect(bytes(r.files.results).equals(localBytes)).toBe(true);
    expect(r.nats?.workers).toEqual(['w0', 'w1', 'w2']);
    expect(r.nats).toMatchObject({ results: 45, duplicates: 0 });
  });

  it('a worker killed with SIGKILL mid-run: its batch is redelivered and every deliberation is counted exactly once', async () => {
    const prefix = prefixes[1]!;
    await ensureSimStreams(nc, simStreamNames(prefix), { ackWaitMs: 1500 });
    const names = simStreamNames(prefix);
    const jsm = await ensureSimStreams(nc, names);
    const slow = startWorker(prefix, 'slow', 1000); // holds each batch ~4 s (25 runs, 8 lanes): certainly mid-batch when killed
    procs.push(slow);
    await waitForPullers(nc, prefix, 1);
    const run = simulate({ file, out: join(dir, 'killed'), nats: url!, stream: prefix });
    // the slow worker is alone: once a message is pending acknowledgement, it holds it
    let killed = false;
    for (let i = 0; i < 100 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if ((await jsm.consumers.info(names.runsStream, names.consumer)).num_ack_pending >= 1) killed = slow.kill('SIGKILL');
    }
    procs.push(startWorker(prefix, 'fast', 1));
    const r = await run;
    expect(killed).toBe(true);
    expect(r.nats!.redelivered).toBeGreaterThanOrEqual(1);
    expect(indices(r.files.results)).toEqual(Array.from({ length: 900 }, (_, i) => i));
    expect(bytes(r.files.results).equals(localBytes)).toBe(true);
  });

  it('a result delivered twice is counted once', async () => {
    const prefix = prefixes[2]!;
    const names = simStreamNames(prefix);
    await ensureSimStreams(nc, names);
    const js = jetstream(nc);
    const consumer = await js.consumers.get(names.runsStream, names.consumer);
    // a hand-made worker that publishes every result twice under different message ids (what a worker that died
    // between publishing and acknowledging, then got its batch redelivered, would look like to the coordinator
    // after the stream's duplicate window)
    let stop = false;
    const worker = (async () => {
      while (!stop) {
        const m = await consumer.next({ expires: 1000 });
        if (!m) continue;
        const w = JSON.parse(new TextDecoder().decode(m.data)) as WorkMessage;
        const msg: ResultMessage = { job: w.job, first: w.batch.first, delivery: 1, worker: 'twice', records: w.batch.specs.map((s) => toRunRecord(s, fakeDeliberate(s.request))) };
        for (const k of [1, 2]) await js.publish(names.resultsSubject(w.job), JSON.stringify(msg), { msgID: `${w.job}:${w.batch.first}:${k}` });
        m.ack();
      }
    })();
    const r = await simulate({ file, out: join(dir, 'twice'), nats: url!, stream: prefix, batch: 50 });
    stop = true;
    await worker;
    expect(bytes(r.files.results).equals(localBytes)).toBe(true);
    expect(r.nats!.results).toBe(18);
    expect(r.nats!.duplicates).toBeGreaterThanOrEqual(17); // the last duplicate may arrive after the close
  });
});

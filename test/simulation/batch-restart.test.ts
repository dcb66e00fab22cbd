/**
 * The batch Must-show, end to end with the real CLI in child processes and the real SDKs against the emulator:
 * a sweep of 1,000 deliberations run live, then with `--batch`; the batch process is killed with SIGKILL while it
 * polls, started again with `--resume`, and finishes without resubmitting anything; its results.jsonl equals the
 * live one line by line except `usd` (the batch price: half).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { contentReply, emulatorEnv, records, writeBatchScenario } from './batch.fixtures.js';
import { ROOT, tempDir } from './sim-fixtures.js';

const RUNS = 1000;
let em: ProviderEmulator;
beforeAll(async () => { em = await startProviderEmulator({ reply: contentReply, batch: { delayMs: 3000 } }); });
afterAll(async () => { await em.close(); });

function lukhas(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  // the CLI from source (lukhas.bin.js would prefer a dist/ build, which may be older than the code under test)
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'adapters/cli/lukhas.main.ts'), ...args], {
    env: { ...process.env, ...emulatorEnv(em.baseUrls), NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

type StateLine = { type: string; batchId: string; ids?: string[] };
const stateOf = (out: string): StateLine[] => {
  const f = join(out, 'batch', 'batches.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as StateLine) : [];
};

describe('simulate --batch survives SIGKILL mid-poll (1,000 deliberations, CLI, real SDKs)', () => {
  it('resumes without resubmitting, and its results equal the live run\'s', async () => {
    const dir = tempDir('batch-restart');
    const file = writeBatchScenario(dir, RUNS);

    const t0 = Date.now();
    const live = await lukhas(['simulate', file, '--out', join(dir, 'live')]).done;
    expect(live.code, live.stderr).toBe(0);
    const liveMs = Date.now() - t0;
    const liveRequests = em.stats().requests.total;
    const liveRecords = records(readFileSync(join(dir, 'live', 'results.jsonl'), 'utf8'));
    expect(liveRecords).toHaveLength(RUNS);

    em.reset();
    const out = join(dir, 'batch');
    const first = lukhas(['simulate', file, '--batch', '--out', out, '--poll-ms', '200']);
    // wait until the first wave is submitted and being polled, then kill the process without warning
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (stateOf(out).some((l) => l.type === 'submitted') && em.stats().batch.polls.openai + em.stats().batch.polls.anthropic >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal, `the first batch process exited by itself (code ${killed.code}): ${killed.stderr}`).toBe('SIGKILL');
    const beforeKill = stateOf(out);
    const idsBefore = new Set(beforeKill.filter((l) => l.type === 'submitted').flatMap((l) => l.ids!));
    expect(idsBefore.size).toBeGreaterThan(0);
    expect(beforeKill.some((l) => l.type === 'ended')).toBe(false); // killed mid-poll: nothing had come back
    const submittedBeforeKill = em.stats().batch;

    const t1 = Date.now();
    const second = await lukhas(['simulate', file, '--batch', '--out', out, '--poll-ms', '200', '--resume']).done;
    expect(second.code, second.stderr).toBe(0);
    const resumeMs = Date.now() - t1;

    const after = stateOf(out);
    const submittedAfter = after.slice(beforeKill.length).filter((l) => l.type === 'submitted');
    // nothing of the first wave was submitted again
    for (const l of submittedAfter) for (const id of l.ids!) expect(idsBefore.has(id)).toBe(false);
    const s = em.stats().batch;
    const allIds = after.filter((l) => l.type === 'submitted').flatMap((l) => l.ids!);
    expect(new Set(allIds).size).toBe(allIds.length);
    expect(s.requests.openai + s.requests.anthropic).toBe(liveRequests); // each live call exactly once, as a batch request
    expect(s.batches.openai + s.batches.anthropic).toBe(after.filter((l) => l.type === 'submitted').length);

    const batchRecords = records(readFileSync(join(out, 'results.jsonl'), 'utf8'));
    expect(batchRecords).toHaveLength(RUNS);
    let usdLive = 0;
    let usdBatch = 0;
    for (let i = 0; i < RUNS; i++) {
      const { usd: a, ...l } = liveRecords[i]!;
      const { usd: b, ...r } = batchRecords[i]!;
      expect(r, `run ${i}`).toEqual(l);
      expect(b as number).toBeCloseTo((a as number) / 2, 9);
      usdLive += a as number;
      usdBatch += b as number;
    }
    console.log(JSON.stringify({
      runs: RUNS, liveRequests, liveMs, resumeMs,
      batchesBeforeKill: submittedBeforeKill.batches, requestsBeforeKill: submittedBeforeKill.requests,
      batchesTotal: s.batches, batchRequests: s.requests, polls: s.polls,
      usdLive: Number(usdLive.toFixed(6)), usdBatch: Number(usdBatch.toFixed(6)),
    }));
  }, 600_000);
});

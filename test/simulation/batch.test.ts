/**
 * `simulate --batch` in process, against the emulator through the real SDKs: the same sweep run live and through
 * the batch APIs gives the same results.jsonl except `usd` (batch price: exactly half); one wave per round; a stop
 * mid-poll and a resume submit nothing twice; a batch that fails as a whole fails the run without writing results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateBatch } from '../../adapters/simulation/batch-simulate.main.js';
import { simulate } from '../../adapters/simulation/simulate.main.js';
import { scenarioRuntimeOptions } from '../../adapters/simulation/runtime-engine.main.js';
import { createRuntime } from '../../adapters/lukhas.main.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { contentReply, emulatorEnv, records, writeBatchScenario } from './batch.fixtures.js';
import { tempDir } from './sim-fixtures.js';

let em: ProviderEmulator;
const saved = { ...process.env };
beforeAll(async () => {
  em = await startProviderEmulator({ reply: contentReply });
  Object.assign(process.env, emulatorEnv(em.baseUrls));
});
afterAll(async () => {
  for (const k of Object.keys(emulatorEnv(em.baseUrls))) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
  await em.close();
});

const submittedIds = (out: string) => readFileSync(join(out, 'batch', 'batches.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; ids?: string[] }).filter((l) => l.type === 'submitted').flatMap((l) => l.ids!);

describe('simulate --batch (in process)', () => {
  const dir = tempDir('batch');
  const file = writeBatchScenario(dir, 60);
  let live: Record<string, unknown>[];
  let liveRequests: number;

  beforeAll(async () => {
    em.reset();
    // the default engine's runtime (runtime-engine.main), built here: vitest cannot load its computed import
    const models = await scenarioRuntimeOptions();
    const runtime = createRuntime(models.options);
    const out = await simulate({ file, out: join(dir, 'live'), deliberate: (r) => runtime.deliberate(r) }).finally(async () => { await runtime.close(); await models.close(); });
    live = records(readFileSync(out.files.results, 'utf8'));
    liveRequests = em.stats().requests.total;
  }, 120_000);

  it('gives the live run\'s results (usd at the batch price), one wave per round, every request once', async () => {
    em.reset();
    em.setBatch({ delayMs: 150 });
    const outDir = join(dir, 'b1');
    const events: string[] = [];
    const out = await simulateBatch({ file, out: outDir, pollMs: 40, quietMs: 60, onBatchEvent: (e) => events.push(e.type) });
    const batch = records(readFileSync(out.files.results, 'utf8'));
    expect(batch).toHaveLength(60);
    expect(live.length).toBe(60);
    for (let i = 0; i < live.length; i++) {
      const { usd: a, ...restLive } = live[i]!;
      const { usd: b, ...restBatch } = batch[i]!;
      expect(restBatch, `run ${i}`).toEqual(restLive);
      expect(b as number).toBeCloseTo((a as number) / 2, 9);
      expect(a as number).toBeGreaterThan(0);
    }
    const s = em.stats();
    expect(s.requests.total).toBe(0); // nothing went through the live endpoints
    expect(s.batch.requests.openai + s.batch.requests.anthropic).toBe(liveRequests);
    const rounds = Math.max(...live.map((r) => r.rounds as number));
    expect(out.batch.waves).toBe(rounds); // one wave per round
    expect(s.batch.batches.openai + s.batch.batches.anthropic).toBe(out.batch.batchesSubmitted);
    expect(new Set(submittedIds(outDir)).size).toBe(submittedIds(outDir).length);
    expect(events).toContain('polled');
  }, 120_000);

  it('a stop mid-poll, then --resume: nothing is submitted twice and the results equal the uninterrupted run', async () => {
    em.reset();
    em.setBatch({ delayMs: 400 });
    const outDir = join(dir, 'b2');
    const ctl = new AbortController();
    let polls = 0;
    const first = simulateBatch({ file, out: outDir, pollMs: 30, quietMs: 60, signal: ctl.signal, onBatchEvent: (e) => { if (e.type === 'polled' && ++polls === 2) ctl.abort(); } });
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
    const before = em.stats().batch;
    expect(before.batches.openai + before.batches.anthropic).toBeGreaterThan(0);
    const resumed = await simulateBatch({ file, out: outDir, pollMs: 30, quietMs: 60, resume: true });
    expect(resumed.batch.batchesResumed).toBe(before.batches.openai + before.batches.anthropic);
    expect(resumed.batch.joinedInFlight).toBeGreaterThan(0);
    const s = em.stats().batch;
    expect(s.requests.openai + s.requests.anthropic).toBe(liveRequests); // every request submitted exactly once
    const batch = records(readFileSync(resumed.files.results, 'utf8'));
    expect(batch.map(({ usd: _u, ...r }) => r)).toEqual(live.map(({ usd: _u, ...r }) => r));
  }, 120_000);

  it('refuses to start over a folder with batch state unless --resume, and refuses --workers', async () => {
    await expect(simulateBatch({ file, out: join(dir, 'b1') })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(simulateBatch({ file, out: join(dir, 'b9'), workers: 2 })).rejects.toThrow(/invalid --batch with --workers/);
  });

  it('a scenario with a gemini agent is refused in batch mode, naming the agent', async () => {
    const bad = writeBatchScenario(tempDir('batch-bad'), 3).replace(/$/, '');
    const text = readFileSync(bad, 'utf8').replace('anthropic:claude-haiku-4-5', 'gemini:gemini-2.5-flash');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, text);
    await expect(simulateBatch({ file: bad, out: join(dir, 'g') })).rejects.toThrow(/agents\.1\.model "gemini:gemini-2\.5-flash" with --batch/);
  });
});

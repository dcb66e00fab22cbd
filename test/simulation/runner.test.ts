import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../adapters/simulation/simulate.main.js';
import { createProgressPrinter, formatDuration } from '../../adapters/simulation/progress.js';
import { createManualClock } from '../../runtime/clock.js';
import { fakeDeliberate } from './fake-engine.js';
import { bytes, FAKE_ENGINE, indices, tempDir, writeSmallScenario } from './sim-fixtures.js';

const deliberate = async (req: Parameters<typeof fakeDeliberate>[0]) => fakeDeliberate(req);

describe('simulation runner (local and child processes)', () => {
  const dir = tempDir('runner');
  const file = writeSmallScenario(dir);

  it('writes results.jsonl in run-index order, a summary and a report', async () => {
    const out = join(dir, 'local');
    const r = await simulate({ file, out, deliberate, batch: 7 });
    expect(r.interrupted).toBe(false);
    expect(indices(r.files.results)).toEqual(Array.from({ length: 900 }, (_, i) => i));
    const summary = JSON.parse(readFileSync(r.files.summary, 'utf8'));
    expect(summary).toMatchObject({ scenario: 'small', totalRuns: 900, completedRuns: 900, complete: true, cells: 3 });
    const acc = summary.cellSummaries.map((c: { accuracy: number }) => c.accuracy);
    expect(acc[2]).toBeGreaterThan(acc[0]); // competence 0.8 beats 0.5
    expect(readFileSync(r.files.report!, 'utf8')).toMatch(/<svg[^>]+class="marks"/);
  });

  it('gives byte-identical results for --workers 1, --workers 2 and another batch size', async () => {
    const one = await simulate({ file, out: join(dir, 'w1'), engine: FAKE_ENGINE, workers: 1 });
    const two = await simulate({ file, out: join(dir, 'w2'), engine: FAKE_ENGINE, workers: 2, batch: 13 });
    expect(two.summary.timing.executor).toBe('2 child processes');
    expect(bytes(two.files.results).equals(bytes(one.files.results))).toBe(true);
    expect(bytes(one.files.results).equals(bytes(join(dir, 'local', 'results.jsonl')))).toBe(true);
  });

  it('keeps what finished on abort and --resume completes the same bytes (also after a torn last line)', async () => {
    const out = join(dir, 'resume');
    const controller = new AbortController();
    const first = await simulate({ file, out, deliberate, batch: 10, signal: controller.signal, onProgress: (p) => { if (p.done >= 200) controller.abort(); } });
    expect(first.interrupted).toBe(true);
    const kept = indices(first.files.results).length;
    expect(kept).toBeGreaterThanOrEqual(200);
    expect(kept).toBeLessThan(900);
    expect(JSON.parse(readFileSync(first.files.summary, 'utf8'))).toMatchObject({ complete: false, completedRuns: kept });
    appendFileSync(first.files.results, '{"calls":3,"cell":'); // a crash mid-write
    await expect(simulate({ file, out, deliberate })).rejects.toThrow(/exists: pass --resume/);
    const second = await simulate({ file, out, deliberate, resume: true });
    expect(second.summary.timing.resumedFrom).toBe(kept);
    expect(bytes(second.files.results).equals(bytes(join(dir, 'local', 'results.jsonl')))).toBe(true);
    expect(second.summary.complete).toBe(true);
  });

  it('refuses to resume another scenario, seed or run count, naming what differs', async () => {
    await expect(simulate({ file, out: join(dir, 'local'), deliberate, resume: true, seed: 12 })).rejects.toThrow(/its fingerprint .*same file, --runs and --seed/);
    await expect(simulate({ file, out: join(dir, 'local'), deliberate, resume: true, runs: 5 })).rejects.toThrow(/cannot --resume/);
  });

  it('reports bad input clearly and fails a run whose engine throws, keeping what finished', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'bad', seed: 1, runs: 2, questions: [{ text: 'q' }], agents: [{ role: 'x', count: 0 }] }));
    await expect(simulate({ file: bad, deliberate })).rejects.toThrow(/bad\.json: agents\.0\.count/);
    await expect(simulate({ file: join(dir, 'missing.json'), deliberate })).rejects.toThrow(/cannot read scenario .*ENOENT/);
    await expect(simulate({ file, deliberate, workers: 0 })).rejects.toThrow(/invalid --workers: 0/);
    await expect(simulate({ file, deliberate, batch: 0, out: join(dir, 'b0') })).rejects.toThrow(/invalid --batch: 0/);
    await expect(simulate({ file, engine: join(dir, 'bad.json'), out: join(dir, 'eng') })).rejects.toThrow(/invalid --engine/);
    const out = join(dir, 'failing');
    const failing = async (req: Parameters<typeof fakeDeliberate>[0]) => {
      if (req.id === 'small-1-100') throw new Error('model exploded');
      return fakeDeliberate(req);
    };
    await expect(simulate({ file, out, deliberate: failing, batch: 10 })).rejects.toThrow(/run 301 \(cell 1, run 100\): model exploded/);
    const written = indices(join(out, 'results.jsonl'));
    expect(written.length).toBeLessThanOrEqual(301);
    expect(written).toEqual(Array.from({ length: written.length }, (_, i) => i));
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });
});

describe('progress printer', () => {
  const p = (done: number) => ({ done, total: 100, resumedFrom: 0, elapsedMs: 1000, rate: 50, etaMs: (100 - done) * 20, executor: 'local' });

  it('prints plain periodic lines when not a terminal', () => {
    const clock = createManualClock(0);
    const lines: string[] = [];
    const pr = createProgressPrinter({ write: (t) => lines.push(t), isTty: false, clock, intervalMs: 1000 });
    pr.update(p(10));
    clock.advance(1500);
    pr.update(p(40));
    pr.update(p(50));
    pr.finish(p(100));
    expect(lines).toEqual(['simulate: 40/100 (40.0%) 50/s ETA 0:01 [local]\n', 'simulate: 100/100 (100.0%) 50/s ETA 0:00 [local]\n']);
  });

  it('redraws a bar with ETA on a terminal', () => {
    const out: string[] = [];
    const pr = createProgressPrinter({ write: (t) => out.push(t), isTty: true, clock: createManualClock(0), width: 10 });
    pr.update(p(50));
    pr.finish();
    expect(out[0]).toBe('\r\u001b[K[#####.....] 50/100 (50.0%) 50/s ETA 0:01 [local]');
    expect(out.at(-1)).toBe('\n');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});

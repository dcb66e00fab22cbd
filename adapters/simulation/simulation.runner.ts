import { existsSync } from 'node:fs';
import { mkdir, open, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../runtime/clock.js';
import { LukhasError, toLukhasError } from '../../runtime/errors.js';
import type { RunExecutor } from '../../runtime/simulation/executor.port.js';
import type { SimulationPlan } from '../../runtime/simulation/plan.js';
import { recordLine, type RunBatch, type RunRecord } from '../../runtime/simulation/run-spec.js';
import { SummaryAggregator, type SimulationSummary } from '../../runtime/simulation/summary.js';
import { checkManifest, readManifest, scanResults, writeJsonAtomic, type RunManifest } from './results.file.js';

/** Progress of a simulation, reported after every flushed batch. */
export interface SimulationProgress {
  done: number;
  total: number;
  /** Runs already present when this invocation started (--resume). */
  resumedFrom: number;
  elapsedMs: number;
  /** Deliberations per second in this invocation. */
  rate: number;
  etaMs: number | null;
  executor: string;
}

/** Timing facts added to summary.json (the only non-deterministic part of the outputs). */
export interface SimulationTiming {
  executor: string;
  elapsedMs: number;
  deliberationsPerSecond: number;
  resumedFrom: number;
  interrupted: boolean;
}

/** Options of {@link runSimulation}. */
export interface RunSimulationOptions {
  plan: SimulationPlan;
  outDir: string;
  executor: RunExecutor;
  /** Runs per batch handed to the executor (default 25); does not change any result byte. */
  batchSize?: number;
  /** Continue the results.jsonl already in outDir instead of refusing to overwrite it. */
  resume?: boolean;
  /** Abort (Ctrl-C): stop dispatching, let in-flight batches finish, write everything finished. */
  signal?: AbortSignal;
  onProgress?: (p: SimulationProgress) => void;
  /** Writes the report from the summary (report.html); its returned path is listed in the outcome. */
  writeReport?: (summary: SimulationSummary & { timing: SimulationTiming }, outDir: string) => Promise<string>;
  clock?: Clock;
}

/** What a simulation produced. */
export interface SimulationOutcome {
  summary: SimulationSummary & { timing: SimulationTiming };
  interrupted: boolean;
  files: { results: string; summary: string; manifest: string; report?: string };
}

/**
 * Runs a simulation plan through an executor and streams `results.jsonl` in run-index order: out-of-order
 * batches wait in a reorder buffer whose size is bounded by the dispatch window, so memory stays flat however
 * many runs there are. Every record is also folded into the streaming summary. On abort or executor failure
 * it writes what finished (summary.json, report) and the failure is rethrown after.
 */
export async function runSimulation(o: RunSimulationOptions): Promise<SimulationOutcome> {
  const { plan, outDir, executor } = o;
  const clock = o.clock ?? systemClock;
  const batchSize = o.batchSize ?? 25;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new LukhasError('BAD_OPTION', `invalid --batch: ${batchSize} (expected an integer 1..10000)`);
  await mkdir(outDir, { recursive: true });
  const files = { results: join(outDir, 'results.jsonl'), summary: join(outDir, 'summary.json'), manifest: join(outDir, 'run.json') };
  const manifest: RunManifest = {
    format: 1, scenario: plan.scenario.name, fingerprint: plan.fingerprint, seed: plan.scenario.seed,
    runsPerCell: plan.scenario.runs, cells: plan.cells.length, total: plan.total,
  };
  const agg = new SummaryAggregator(plan.scenario, plan.cells);
  let start = 0;
  if (existsSync(files.results)) {
    if (!o.resume) throw new LukhasError('CONFLICT', `${files.results} exists: pass --resume to continue it, or choose another --out`, { retryable: false });
    const found = await readManifest(files.manifest);
    if (!found) throw new LukhasError('BAD_INPUT', `cannot --resume in ${outDir}: run.json is missing`);
    checkManifest(found, manifest, outDir);
    const existing = await scanResults(files.results, (r) => agg.add(r));
    if ((await stat(files.results)).size !== existing.validBytes) await truncate(files.results, existing.validBytes);
    start = existing.count;
  }
  await writeJsonAtomic(files.manifest, manifest);

  const fh = await open(files.results, 'a');
  const t0 = clock.now();
  const total = plan.total;
  const maxAhead = executor.slots * batchSize * 4;
  const buffer = new Map<number, RunRecord[]>();
  let next = start;
  let cursor = start;
  let inflight = 0;
  let failure: Error | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  // bytes handed to the file but not yet written: dispatch waits on it, or a fast executor would outrun the disk
  // and the unwritten lines would pile up in memory
  let unwritten = 0;
  let writeFailed = false;
  let pumpAfterWrite: (() => void) | undefined;
  const MAX_UNWRITTEN = 4 << 20;

  const progress = (): void => {
    if (!o.onProgress) return;
    const elapsedMs = clock.now() - t0;
    const rate = elapsedMs > 0 ? ((cursor - start) * 1000) / elapsedMs : 0;
    o.onProgress({ done: cursor, total, resumedFrom: start, elapsedMs, rate, etaMs: rate > 0 ? ((total - cursor) * 1000) / rate : null, executor: executor.name });
  };
  const flush = (): void => {
    let lines = '';
    let recs: RunRecord[] | undefined;
    while ((recs = buffer.get(cursor)) !== undefined) {
      buffer.delete(cursor);
      for (const r of recs) {
        lines += `${recordLine(r)}\n`;
        agg.add(r);
      }
      cursor += recs.length;
    }
    if (lines) {
      unwritten += lines.length;
      writing = writing.then(async () => {
        try {
          // after a failed write nothing more is appended: the file must stay a gap-free prefix for --resume
          if (!writeFailed) await fh.write(lines);
        } catch (err) {
          writeFailed = true;
          failure ??= new LukhasError('INTERNAL', `cannot write ${files.results}: ${(err as Error).message}`, { cause: err });
        } finally {
          unwritten -= lines.length;
          pumpAfterWrite?.();
        }
      });
      progress();
    }
  };

  await new Promise<void>((resolveAll) => {
    const pump = (): void => {
      while (!failure && !o.signal?.aborted && inflight < executor.slots && next < total && next - cursor < maxAhead && unwritten < MAX_UNWRITTEN) {
        const batch = plan.batchAt(next, batchSize);
        next += batch.specs.length;
        inflight++;
        executor.run(batch).then(
          (recs) => { inflight--; accept(batch, recs); pump(); },
          (err) => { inflight--; failure ??= toLukhasError(err); pump(); },
        );
      }
      if (inflight === 0 && (next >= total || failure || o.signal?.aborted)) resolveAll();
    };
    pumpAfterWrite = () => { if (inflight < executor.slots) pump(); };
    const accept = (batch: RunBatch, recs: RunRecord[]): void => {
      const sorted = [...recs].sort((a, b) => a.index - b.index);
      const bad = sorted.length !== batch.specs.length || sorted.some((r, i) => r.index !== batch.first + i);
      if (bad) { failure ??= new LukhasError('INTERNAL', `batch at ${batch.first}: the executor returned records for other runs`); return; }
      buffer.set(batch.first, sorted);
      flush();
    };
    o.signal?.addEventListener('abort', () => pump(), { once: true });
    pump();
  });

  await writing.finally(() => fh.close());
  const elapsedMs = clock.now() - t0;
  const interrupted = cursor < total;
  const timing: SimulationTiming = {
    executor: executor.name, elapsedMs, resumedFrom: start, interrupted,
    deliberationsPerSecond: elapsedMs > 0 ? Math.round(((cursor - start) * 1000 * 10) / elapsedMs) / 10 : 0,
  };
  const summary = { ...agg.summary(), timing };
  await writeJsonAtomic(files.summary, summary);
  const out: SimulationOutcome = { summary, interrupted, files: { ...files } };
  if (o.writeReport) out.files.report = await o.writeReport(summary, outDir);
  progress();
  if (failure) throw failure;
  return out;
}

/**
 * `lukhas simulate FILE --batch`: the sweep's model calls go through the providers' batch APIs (OpenAI Batch,
 * Anthropic Message Batches) at batch prices, in waves — one wave per deliberation round (batch.coordinator.ts).
 * Every deliberation of the sweep is in flight at once (up to `maxInFlight`), so each wave is as large as the sweep.
 * Results go to the same results.jsonl (same runner, same records) as a live run; with the same model replies the
 * lines are byte-identical except `usd`, which is priced at the batch rate (half the standard one for both
 * providers, prices.json `batch`). A restart with `--resume` re-runs the unfinished deliberations, answering the
 * calls already answered from `batch/responses.jsonl` and joining the batches still in flight, so nothing is
 * submitted twice. The turn deadline is the batch window (48 h), not the live 60 s.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRuntime } from '../lukhas.main.js';
import { createAnthropicBatchClient, createOpenAIBatchClient, type BatchClient, type BatchProviderId } from '../models/batch.clients.js';
import { parseModelChain } from '../models/model-spec.js';
import { createSimulatedModel } from '../models/simulated.adapter.js';
import { LukhasError } from '../../runtime/errors.js';
import { costOfResponse, DEFAULT_PRICES, type PriceTable } from '../../runtime/models/ledger.js';
import type { ModelAdapter } from '../../runtime/models/model.port.js';
import type { DeliberateFn, RunExecutor } from '../../runtime/simulation/executor.port.js';
import { runBatch } from '../../runtime/simulation/run-batch.js';
import { createBatchCoordinator, type BatchCoordinatorStats, type BatchEvent } from './batch.coordinator.js';
import { runSimulation, type SimulationOutcome, type SimulationProgress } from './simulation.runner.js';
import { planFromFile } from './simulate.main.js';

/** The turn deadline in batch mode: the providers' 24 h completion window, plus polling and a second wave. */
export const BATCH_TURN_TIMEOUT_MS = 48 * 3_600_000;

/** Options of {@link simulateBatch}. */
export interface SimulateBatchOptions {
  file: string;
  runs?: number;
  seed?: number;
  out?: string;
  resume?: boolean;
  /** Runs per work item handed to the runner (default 25; never changes results). */
  batch?: number;
  /** Deliberations in flight at once (default 5,000): the largest wave is this many times the agents. */
  maxInFlight?: number;
  /** First poll interval in ms (default 5,000), backing off 1.5× to `maxPollMs` (default 60,000). */
  pollMs?: number;
  maxPollMs?: number;
  /** Idle ms that closes a wave (default 200). */
  quietMs?: number;
  /** Requests per provider batch at most (default 10,000). */
  maxBatchRequests?: number;
  prices?: PriceTable;
  /** Environment for keys and base URLs (default process.env). */
  env?: Record<string, string | undefined>;
  /** Refused in batch mode (one process owns the batch state); named here so the error can say so. */
  workers?: number;
  nats?: string;
  engine?: string;
  signal?: AbortSignal;
  onProgress?: (p: SimulationProgress) => void;
  onBatchEvent?: (e: BatchEvent) => void;
}

const writeReport: NonNullable<Parameters<typeof runSimulation>[0]['writeReport']> = async (summary, outDir) => (await import('../report/report.html.js')).writeReport(summary, outDir);

/** Runs a sweep through the batch APIs; see the module comment. */
export async function simulateBatch(o: SimulateBatchOptions): Promise<SimulationOutcome & { batch: BatchCoordinatorStats }> {
  if ((o.workers ?? 1) > 1 || o.nats || o.engine) {
    throw new LukhasError('BAD_OPTION', 'invalid --batch with --workers/--nats/--engine: batch mode runs in one process, which owns the batch state (drop those flags)', { details: { option: '--batch' } });
  }
  const plan = await planFromFile(o.file, { ...(o.runs !== undefined ? { runs: o.runs } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}) });
  const providers = new Set<BatchProviderId>();
  plan.cells.forEach((cell, i) => cell.config.agents.forEach((g, k) => {
    if (g.model === undefined) return;
    const chain = parseModelChain(g.model, `cell ${i} agents.${k}.model`);
    const p = chain[0]!.provider;
    if (chain.length > 1 || (p !== 'openai' && p !== 'anthropic' && p !== 'simulated') || chain[0]!.baseURL) {
      throw new LukhasError('BAD_OPTION', `invalid agents.${k}.model ${JSON.stringify(g.model)} with --batch: batch mode sends openai:MODEL and anthropic:MODEL through their batch APIs (no fallback chains, no base-URL overrides; gemini and openai-compatible have no batch client here) — run without --batch`, { details: { option: `agents.${k}.model` } });
    }
    if (p !== 'simulated') providers.add(p);
  }));
  const env = o.env ?? process.env;
  const clients: Partial<Record<BatchProviderId, BatchClient>> = {};
  if (providers.has('openai')) clients.openai = createOpenAIBatchClient({ env });
  if (providers.has('anthropic')) clients.anthropic = createAnthropicBatchClient({ env });

  const outDir = resolve(o.out ?? `out/${plan.scenario.name}`);
  const dir = join(outDir, 'batch');
  if (!o.resume && existsSync(join(dir, 'batches.jsonl'))) {
    throw new LukhasError('CONFLICT', `${dir} holds the state of an earlier batch run: pass --resume to continue it, or choose another --out`, { retryable: false });
  }
  const coordinator = createBatchCoordinator({
    dir, clients,
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
    ...(o.maxPollMs !== undefined ? { maxPollMs: o.maxPollMs } : {}),
    ...(o.quietMs !== undefined ? { quietMs: o.quietMs } : {}),
    ...(o.maxBatchRequests !== undefined ? { maxBatchRequests: o.maxBatchRequests } : {}),
    ...(o.onBatchEvent ? { onEvent: o.onBatchEvent } : {}),
  });
  await coordinator.open();

  const table = o.prices ?? DEFAULT_PRICES;
  const simulated = createSimulatedModel();
  const adapters = new Map<string, ModelAdapter>();
  const runtime = createRuntime({
    models: (agent) => {
      if (!agent.model || agent.model === 'simulated') return simulated;
      let a = adapters.get(agent.model);
      if (!a) {
        const spec = parseModelChain(agent.model)[0]!;
        adapters.set(agent.model, (a = coordinator.adapter(spec.provider as BatchProviderId, spec.model)));
      }
      return a;
    },
    price: (r) => (r.provider === 'simulated' ? 0 : costOfResponse(table, r)),
  });
  const deliberate: DeliberateFn = (request) => runtime.deliberate({ ...request, limits: { ...request.limits, turnTimeoutMs: BATCH_TURN_TIMEOUT_MS } });
  const batchSize = o.batch ?? 25;
  const maxInFlight = o.maxInFlight ?? 5_000;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new LukhasError('BAD_OPTION', `invalid maxInFlight: ${maxInFlight} (expected an integer >= 1)`);
  const executor: RunExecutor = {
    name: 'batch API',
    slots: Math.max(1, Math.ceil(maxInFlight / batchSize)),
    async run(batch) {
      // every spec of the work item at once: a wave holds every deliberation that is waiting
      const records = await runBatch(deliberate, batch.specs, batch.specs.length);
      // a batch that failed as a whole, or a stop, failed every waiting turn: those records are not results
      if (coordinator.fatal) throw coordinator.fatal;
      if (o.signal?.aborted) throw new LukhasError('CANCELLED', 'stopped: the batches in flight are kept in the output folder; run the same command with --resume to continue');
      return records;
    },
    close: async () => undefined,
  };
  // a stop cannot wait hours for the batches in flight: the waiting turns end now, the batches stay recorded
  const onAbort = () => { void coordinator.close(); };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const outcome = await runSimulation({
      plan, outDir, executor, writeReport, batchSize,
      ...(o.resume ? { resume: true } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    return { ...outcome, batch: coordinator.stats() };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await coordinator.close();
    await runtime.close();
  }
}

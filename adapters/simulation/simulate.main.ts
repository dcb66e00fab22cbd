/**
 * Composition root of `lukhas simulate`: reads and validates the scenario, picks the executor (in-process,
 * K child processes, or NATS JetStream workers), runs the simulation and writes results.jsonl, summary.json and
 * report.html. The CLI command is a thin layer over {@link simulate}; tests call it directly.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { LukhasError } from '../../runtime/errors.js';
import type { DeliberateFn, RunExecutor, SimulationEngine } from '../../runtime/simulation/executor.port.js';
import { SimulationPlan, withOverrides } from '../../runtime/simulation/plan.js';
import { parseScenarioText, type DatasetLoader } from '../../runtime/simulation/scenario.schema.js';
import { createNatsExecutor, type NatsExecutorStats } from '../transport/nats/nats-simulation.executor.js';
import { createChildExecutor } from './child.executor.js';
import { loadEngine } from './engine.loader.js';
import { createLocalExecutor } from './local.executor.js';
import { checkEmbedderSpec } from '../models/embedder-spec.js';
import { runSimulation, type SimulationOutcome, type SimulationProgress } from './simulation.runner.js';

/** The HTML report writer, loaded when a report is written: vega is some 300 modules, not for every CLI start. */
const writeReport: typeof import('../report/report.html.js').writeReport = async (summary, outDir) => (await import('../report/report.html.js')).writeReport(summary, outDir);

/** Options of {@link simulate} (the CLI flags, plus injection points for tests and embedding). */
export interface SimulateOptions {
  /** Scenario file path. */
  file: string;
  runs?: number;
  seed?: number;
  /** 1 (default): in this process; K ≥ 2: K child processes. Ignored with `nats`. */
  workers?: number;
  /** Output folder (default `./out/<scenario name>`). */
  out?: string;
  /** NATS URL: publish runs to the JetStream work queue for `lukhas worker` processes. */
  nats?: string;
  /** Stream/subject prefix on NATS (default LUKHAS_SIM). */
  stream?: string;
  resume?: boolean;
  /** Runs per batch (default 25). */
  batch?: number;
  /** Engine module path (default: the real runtime). */
  engine?: string;
  /** Question file instead of the scenario's `dataset.file`. */
  dataset?: string;
  /** Embedder for grouping open answers instead of the scenario's `grouping.embedder` (`hashed`, `provider:model`). */
  embedder?: string;
  /** In-process engine function (overrides `engine` for the local executor). */
  deliberate?: DeliberateFn;
  /** Ack wait for the NATS worker consumer when this run creates it. */
  ackWaitMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: SimulationProgress) => void;
}

/**
 * Reads a scenario's question file: a path relative to the scenario file (or `--dataset`, relative to the working
 * directory), its bytes digested so that the run fingerprint changes when the file does.
 */
export function datasetLoader(scenarioFile: string, override?: string): DatasetLoader {
  return (file) => {
    const path = override !== undefined ? resolve(override) : isAbsolute(file) ? file : resolve(dirname(scenarioFile), file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new LukhasError('BAD_INPUT', `${scenarioFile}: dataset.file: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})${override === undefined ? '; --dataset FILE names another file' : ''}`, { details: { field: 'dataset.file' } });
    }
    return { text: bytes.toString('utf8'), digest: createHash('sha256').update(bytes).digest('hex').slice(0, 32), source: path };
  };
}

/** Reads, validates and plans a scenario file with the `--runs` / `--seed` / `--dataset` / `--embedder` overrides. */
export async function planFromFile(file: string, o: { runs?: number; seed?: number; dataset?: string; embedder?: string } = {}): Promise<SimulationPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new LukhasError('BAD_INPUT', `cannot read scenario ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const plan = new SimulationPlan(withOverrides(parseScenarioText(text, file, { loadDataset: datasetLoader(file, o.dataset) }), o));
  const embedder = plan.scenario.grouping?.embedder;
  if (embedder !== undefined) checkEmbedderSpec(embedder, o.embedder !== undefined ? '--embedder' : `${file}: grouping.embedder`);
  return plan;
}

/** The plan-changing options of {@link SimulateOptions}. */
export function planOverrides(o: Pick<SimulateOptions, 'runs' | 'seed' | 'dataset' | 'embedder'>): { runs?: number; seed?: number; dataset?: string; embedder?: string } {
  return {
    ...(o.runs !== undefined ? { runs: o.runs } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.dataset !== undefined ? { dataset: o.dataset } : {}), ...(o.embedder !== undefined ? { embedder: o.embedder } : {}),
  };
}

/** `--dry-run`: the calls and estimated cost of a scenario; nothing is run or sent. */
export async function dryRun(o: Pick<SimulateOptions, 'file' | 'runs' | 'seed' | 'dataset' | 'embedder'>): Promise<import('./dry-run.main.js').DryRunEstimate> {
  const plan = await planFromFile(o.file, planOverrides(o));
  return (await import('./dry-run.main.js')).estimatePlan(plan);
}

/** Runs a simulation end to end; see {@link SimulateOptions}. */
export async function simulate(o: SimulateOptions): Promise<SimulationOutcome & { nats?: NatsExecutorStats }> {
  const plan = await planFromFile(o.file, planOverrides(o));
  const workers = o.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new LukhasError('BAD_OPTION', `invalid --workers: ${workers} (expected an integer 1..256)`);
  const outDir = resolve(o.out ?? `out/${plan.scenario.name}`);
  let nc: NatsConnection | undefined;
  let engine: SimulationEngine | undefined;
  let executor: (RunExecutor & { stats?: () => NatsExecutorStats }) | undefined;
  try {
    if (o.nats) {
      try {
        nc = await connect({ servers: o.nats, name: 'lukhas-simulate' });
      } catch (err) {
        throw new LukhasError('BAD_OPTION', `invalid --nats: cannot connect to ${o.nats} (${(err as Error).message})`, { cause: err });
      }
      executor = await createNatsExecutor({ nc, ...(o.stream ? { prefix: o.stream } : {}), ...(o.ackWaitMs ? { ackWaitMs: o.ackWaitMs } : {}) });
    } else if (workers > 1) {
      executor = createChildExecutor({ workers, ...(o.engine ? { engineModule: o.engine } : {}) });
    } else {
      engine = o.deliberate ? { deliberate: o.deliberate, close: async () => undefined } : await loadEngine(o.engine);
      executor = createLocalExecutor({ deliberate: engine.deliberate });
    }
    const outcome = await runSimulation({
      plan, outDir, executor, writeReport,
      ...(o.batch !== undefined ? { batchSize: o.batch } : {}),
      ...(o.resume ? { resume: true } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    return executor.stats ? { ...outcome, nats: executor.stats() } : outcome;
  } finally {
    await executor?.close().catch(() => undefined);
    await engine?.close().catch(() => undefined);
    await nc?.drain().catch(() => undefined);
  }
}

/**
 * Composition root of `lukhas worker`: connects to NATS, loads the engine once and serves the simulation work
 * queue until aborted (SIGTERM/SIGINT from the CLI, a Kubernetes rollout) — the batch in hand is finished,
 * published and acknowledged before it stops.
 */
import { connect } from '@nats-io/transport-node';
import { LukhasError } from '../../../runtime/errors.js';
import { loadEngine } from '../../simulation/engine.loader.js';
import { runNatsWorker, type NatsWorkerOptions } from './simulation.worker.js';

/** Options of {@link runWorker}. */
export interface RunWorkerOptions {
  nats: string;
  /** Stream/subject prefix (default LUKHAS_SIM). */
  stream?: string;
  /** Engine module path (default: the real runtime). */
  engine?: string;
  signal?: AbortSignal;
  name?: string;
  onBatch?: NatsWorkerOptions['onBatch'];
  maxBatches?: number;
}

/** Runs a worker until aborted; resolves with the number of batches it completed. */
export async function runWorker(o: RunWorkerOptions): Promise<number> {
  const engine = await loadEngine(o.engine);
  let nc;
  try {
    nc = await connect({ servers: o.nats, name: o.name ?? 'lukhas-worker' });
  } catch (err) {
    await engine.close().catch(() => undefined);
    throw new LukhasError('BAD_OPTION', `invalid --nats: cannot connect to ${o.nats} (${(err as Error).message})`, { cause: err });
  }
  try {
    return await runNatsWorker({
      nc, deliberate: engine.deliberate,
      ...(o.stream ? { prefix: o.stream } : {}), ...(o.signal ? { signal: o.signal } : {}), ...(o.name ? { name: o.name } : {}),
      ...(o.onBatch ? { onBatch: o.onBatch } : {}), ...(o.maxBatches !== undefined ? { maxBatches: o.maxBatches } : {}),
    });
  } finally {
    await nc.drain().catch(() => undefined);
    await engine.close().catch(() => undefined);
  }
}

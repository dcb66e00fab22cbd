import { LukhasError, toLukhasError } from '../../runtime/errors.js';
import type { DeliberateFn, RunExecutor } from '../../runtime/simulation/executor.port.js';
import { toRunRecord, type RunBatch, type RunRecord, type RunSpec } from '../../runtime/simulation/run-spec.js';

/**
 * Runs one batch of specs one after another with an engine, turning results into records. Shared by the
 * in-process executor, the child process and the NATS worker, so every path produces the same bytes.
 */
export async function runBatch(deliberate: DeliberateFn, specs: readonly RunSpec[], signal?: AbortSignal): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for (const spec of specs) {
    if (signal?.aborted) throw new LukhasError('CANCELLED', `run ${spec.index} cancelled`);
    let result;
    try {
      result = await deliberate(spec.request);
    } catch (err) {
      const e = toLukhasError(err);
      // a failed deliberation is a simulation fault, not a result: stop with the run index so --resume can retry it
      throw new LukhasError(e.code, `run ${spec.index} (cell ${spec.cell}, run ${spec.run}): ${e.message}`, { cause: err });
    }
    out.push(toRunRecord(spec, result));
  }
  return out;
}

/** Options of {@link createLocalExecutor}. */
export interface LocalExecutorOptions {
  deliberate: DeliberateFn;
  /** Batches in flight at once in this process (default 1: deliberations are CPU-bound here). */
  concurrency?: number;
  /** Called by close() (e.g. the engine's close). */
  onClose?: () => Promise<void>;
}

/** An in-process executor over an injected deliberate function. */
export function createLocalExecutor(options: LocalExecutorOptions): RunExecutor {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new LukhasError('BAD_OPTION', `invalid concurrency: ${concurrency} (expected an integer ≥ 1)`);
  let closed = false;
  return {
    name: 'local',
    slots: concurrency,
    run: (batch: RunBatch) => {
      if (closed) return Promise.reject(new LukhasError('CANCELLED', 'executor closed'));
      return runBatch(options.deliberate, batch.specs);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await options.onClose?.();
    },
  };
}

import { LukhasError } from '../../runtime/errors.js';
import type { DeliberateFn, RunExecutor } from '../../runtime/simulation/executor.port.js';
import { DEFAULT_LANES, runBatch } from '../../runtime/simulation/run-batch.js';
import type { RunBatch } from '../../runtime/simulation/run-spec.js';

/** Options of {@link createLocalExecutor}. */
export interface LocalExecutorOptions {
  deliberate: DeliberateFn;
  /** Batches in flight at once in this process (default 1; lanes already overlap deliberations within one). */
  concurrency?: number;
  /** Deliberations at once within a batch (default 8). */
  lanes?: number;
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
      return runBatch(options.deliberate, batch.specs, options.lanes ?? DEFAULT_LANES);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await options.onClose?.();
    },
  };
}

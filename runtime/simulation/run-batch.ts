import { LukhasError, toLukhasError } from '../errors.js';
import type { DeliberateFn } from './executor.port.js';
import { toRunRecord, type RunRecord, type RunSpec } from './run-spec.js';
import { checkAnswer } from './datasets/answer-check.js';
import { judgeRequest } from './experiment.js';

/** Deliberations a process runs at once within a batch (the engine awaits between turns: lanes fill those gaps). */
export const DEFAULT_LANES = 8;

/**
 * Runs the specs of one batch with an engine, `lanes` at a time, and returns their records in spec order. Each
 * deliberation is seeded by its own request, so the records do not depend on the lane count or on timing. The
 * first failing deliberation fails the batch with its run index (a simulation fault, not a result: `--resume`
 * retries it).
 */
export async function runBatch(deliberate: DeliberateFn, specs: readonly RunSpec[], lanes = DEFAULT_LANES, signal?: AbortSignal): Promise<RunRecord[]> {
  const out: RunRecord[] = new Array(specs.length);
  let next = 0;
  let failure: LukhasError | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < specs.length) {
      const i = next++;
      const spec = specs[i]!;
      if (signal?.aborted) { failure = new LukhasError('CANCELLED', `run ${spec.index} cancelled`); return; }
      try {
        const opts = spec.grouping ? { grouping: spec.grouping } : undefined;
        const result = await deliberate(spec.request, opts);
        // the self-consistency baseline runs after the colony, in the same lane: a run's record is one unit
        const sc = spec.sc ? await deliberate(spec.sc.request, opts) : undefined;
        // a free-text decision no accepted answer matches goes to the judge, when the scenario names one
        const judge = spec.judge && spec.answer?.format === 'text' && result.decision !== null && !checkAnswer(result.decision, spec.answer).correct
          ? await deliberate(judgeRequest(spec.request, spec.answer, result.decision, spec.judge)) : undefined;
        out[i] = toRunRecord(spec, result, sc, judge);
      } catch (err) {
        const e = toLukhasError(err);
        failure ??= new LukhasError(e.code, `run ${spec.index} (cell ${spec.cell}, run ${spec.run}): ${e.message}`, { cause: err });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, specs.length)) }, lane));
  if (failure) throw failure;
  return out;
}

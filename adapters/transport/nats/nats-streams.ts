import { AckPolicy, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { LukhasError } from '../../../runtime/errors.js';

/**
 * Names of the JetStream objects of simulation scale-out, all derived from one prefix so several deployments
 * (or parallel test files) share a server without colliding:
 * - `<P>_RUNS`: a work-queue stream of run batches on `<P>.runs.<job>`, read by the durable pull consumer
 *   `<P>_workers` that every `lukhas worker` shares (each message goes to one worker; unacknowledged messages are
 *   redelivered after `ackWait`);
 * - `<P>_RESULTS`: a limits stream of result batches on `<P>.results.<job>`, de-duplicated by message id
 *   `<job>:<first run index>`, read by the coordinator with an ordered consumer.
 */
export interface SimStreamNames {
  prefix: string;
  runsStream: string;
  resultsStream: string;
  consumer: string;
  runsSubject: (job: string) => string;
  resultsSubject: (job: string) => string;
}

/** The default prefix. */
export const DEFAULT_SIM_PREFIX = 'LUKHAS_SIM';

/** Stream and subject names for a prefix (letters, digits, `_` and `-` only: it becomes a subject token). */
export function simStreamNames(prefix = DEFAULT_SIM_PREFIX): SimStreamNames {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(prefix)) throw new LukhasError('BAD_OPTION', `invalid --stream: ${JSON.stringify(prefix)} (expected 1-64 letters, digits, _ or -)`);
  return {
    prefix,
    runsStream: `${prefix}_RUNS`,
    resultsStream: `${prefix}_RESULTS`,
    consumer: `${prefix}_workers`,
    runsSubject: (job) => `${prefix}.runs.${job}`,
    resultsSubject: (job) => `${prefix}.results.${job}`,
  };
}

/** Options of {@link ensureSimStreams}. */
export interface EnsureStreamsOptions {
  /** How long a worker may hold a batch without acknowledging it before it is redelivered (default 30 s). */
  ackWaitMs?: number;
}

/**
 * Creates the two streams and the shared worker consumer when absent (idempotent, safe from the coordinator and
 * from every worker, in any start order). Existing objects are left as configured.
 */
export async function ensureSimStreams(nc: NatsConnection, names: SimStreamNames, o: EnsureStreamsOptions = {}): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  const ensure = async (exists: () => Promise<unknown>, create: () => Promise<unknown>): Promise<void> => {
    try {
      await exists();
    } catch {
      try {
        await create();
      } catch (err) {
        // a concurrent creator won the race: fine if it now exists
        await exists().catch(() => { throw err; });
      }
    }
  };
  await ensure(() => jsm.streams.info(names.runsStream), () => jsm.streams.add({
    name: names.runsStream, subjects: [`${names.prefix}.runs.>`], retention: RetentionPolicy.Workqueue, storage: StorageType.File,
  }));
  await ensure(() => jsm.streams.info(names.resultsStream), () => jsm.streams.add({
    name: names.resultsStream, subjects: [`${names.prefix}.results.>`], retention: RetentionPolicy.Limits, storage: StorageType.File,
    max_age: nanos(24 * 3600 * 1000), duplicate_window: nanos(10 * 60 * 1000),
  }));
  await ensure(() => jsm.consumers.info(names.runsStream, names.consumer), () => jsm.consumers.add(names.runsStream, {
    durable_name: names.consumer, ack_policy: AckPolicy.Explicit, ack_wait: nanos(o.ackWaitMs ?? 30_000), max_deliver: -1,
    max_ack_pending: 10_000,
  }));
  return jsm;
}

/** Deletes the streams of a prefix (tests and `lukhas worker --cleanup`-style teardown). */
export async function deleteSimStreams(nc: NatsConnection, names: SimStreamNames): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const s of [names.runsStream, names.resultsStream]) await jsm.streams.delete(s).catch(() => false);
}

/** Wire format of a work message. */
export interface WorkMessage {
  job: string;
  batch: import('../../../runtime/simulation/run-spec.js').RunBatch;
}

/** Wire format of a result message. */
export type ResultMessage =
  | { job: string; first: number; delivery: number; worker: string; records: import('../../../runtime/simulation/run-spec.js').RunRecord[] }
  | { job: string; first: number; delivery: number; worker: string; error: { code: string; message: string } };

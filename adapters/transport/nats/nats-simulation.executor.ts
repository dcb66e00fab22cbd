import { randomBytes } from 'node:crypto';
import { jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { LukhasError, type ErrorCode, ERROR_CODES } from '../../../runtime/errors.js';
import type { RunExecutor } from '../../../runtime/simulation/executor.port.js';
import type { RunBatch, RunRecord } from '../../../runtime/simulation/run-spec.js';
import { ensureSimStreams, simStreamNames, type ResultMessage, type WorkMessage } from './nats-streams.js';

/** Options of {@link createNatsExecutor}. */
export interface NatsExecutorOptions {
  nc: NatsConnection;
  /** Stream/subject prefix shared with the workers (default LUKHAS_SIM). */
  prefix?: string;
  /** Batches published ahead of the written results (default 64): bounds the queue and the reorder buffer. */
  window?: number;
  /** Ack wait of the worker consumer, when this call creates it (default 30 s). */
  ackWaitMs?: number;
  /** Job id (default random): scopes subjects so several simulations can share the streams. */
  job?: string;
}

/** Counters of a NATS execution (for tests and the closing figures). */
export interface NatsExecutorStats {
  published: number;
  results: number;
  /** Result messages for batches already counted (redelivery after a worker died): ignored. */
  duplicates: number;
  /** Results computed by a worker from a redelivered message. */
  redelivered: number;
  workers: string[];
}

/**
 * The coordinator side of scale-out: publishes run batches to the JetStream work queue and resolves each
 * batch when its result arrives on the results stream. Results are de-duplicated by their first run index, so a
 * batch redelivered after a worker died is never counted twice (the stream also drops a re-published result
 * with the same message id).
 */
export async function createNatsExecutor(o: NatsExecutorOptions): Promise<RunExecutor & { stats(): NatsExecutorStats; job: string }> {
  const names = simStreamNames(o.prefix);
  const job = o.job ?? randomBytes(6).toString('hex');
  if (!/^[A-Za-z0-9_-]+$/.test(job)) throw new LukhasError('BAD_OPTION', `invalid job id: ${JSON.stringify(job)}`);
  const window = o.window ?? 64;
  const jsm = await ensureSimStreams(o.nc, names, o.ackWaitMs === undefined ? {} : { ackWaitMs: o.ackWaitMs });
  const js = jetstream(o.nc);
  const pending = new Map<number, { resolve: (r: RunRecord[]) => void; reject: (e: Error) => void }>();
  const stats: NatsExecutorStats = { published: 0, results: 0, duplicates: 0, redelivered: 0, workers: [] };
  const workers = new Set<string>();
  // filter as a string, not a list: lists need nats-server ≥ 2.10 and 2.9 is what Debian ships
  const consumer = await js.consumers.get(names.resultsStream, { filter_subjects: names.resultsSubject(job) });
  const messages: ConsumerMessages = await consumer.consume();
  let closed = false;
  const reading = (async () => {
    for await (const m of messages) {
      let r: ResultMessage;
      try {
        r = JSON.parse(new TextDecoder().decode(m.data)) as ResultMessage;
      } catch {
        continue;
      }
      const p = pending.get(r.first);
      if (!p) { stats.duplicates++; continue; }
      pending.delete(r.first);
      stats.results++;
      if (r.delivery > 1) stats.redelivered++;
      workers.add(r.worker);
      if ('error' in r) {
        const code = (r.error.code in ERROR_CODES ? r.error.code : 'INTERNAL') as ErrorCode;
        p.reject(new LukhasError(code, `worker ${r.worker}: ${r.error.message}`));
      } else p.resolve(r.records);
    }
  })();

  return {
    name: 'nats',
    slots: window,
    job,
    stats: () => ({ ...stats, workers: [...workers].sort() }),
    run(batch: RunBatch): Promise<RunRecord[]> {
      if (closed) return Promise.reject(new LukhasError('CANCELLED', 'executor closed'));
      return new Promise<RunRecord[]>((resolve, reject) => {
        pending.set(batch.first, { resolve, reject });
        const msg: WorkMessage = { job, batch };
        js.publish(names.runsSubject(job), JSON.stringify(msg), { msgID: `${job}:run:${batch.first}` }).then(
          () => { stats.published++; },
          (err: Error) => {
            if (pending.delete(batch.first)) reject(new LukhasError('INTERNAL', `cannot publish run batch ${batch.first} to ${names.runsStream}: ${err.message}`, { cause: err }));
          },
        );
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const p of pending.values()) p.reject(new LukhasError('CANCELLED', 'simulation closed before this batch finished'));
      pending.clear();
      await messages.close().catch(() => undefined);
      await reading.catch(() => undefined);
      // work not yet taken (an interrupted run) must not be picked up later; results of this job are consumed
      await jsm.streams.purge(names.runsStream, { filter: names.runsSubject(job) }).catch(() => undefined);
      await jsm.streams.purge(names.resultsStream, { filter: names.resultsSubject(job) }).catch(() => undefined);
    },
  };
}

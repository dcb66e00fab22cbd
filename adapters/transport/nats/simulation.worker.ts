import { hostname } from 'node:os';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { LukhasError, toLukhasError } from '../../../runtime/errors.js';
import { scrubSecrets } from '../../../runtime/logger.js';
import type { DeliberateFn } from '../../../runtime/simulation/executor.port.js';
import { DEFAULT_LANES, runBatch } from '../../../runtime/simulation/run-batch.js';
import { ensureSimStreams, simStreamNames, type ResultMessage, type WorkMessage } from './nats-streams.js';

/** Options of {@link runNatsWorker}. */
export interface NatsWorkerOptions {
  nc: NatsConnection;
  deliberate: DeliberateFn;
  prefix?: string;
  /** Stops pulling when aborted (the batch in hand is finished, published and acknowledged first). */
  signal?: AbortSignal;
  /** Worker name in result messages (default host:pid). */
  name?: string;
  /** Ack wait when this worker creates the consumer (default 30 s). */
  ackWaitMs?: number;
  /** Called after each acknowledged batch. */
  onBatch?: (info: { job: string; first: number; runs: number; delivery: number }) => void;
  /** Deliberations at once within a batch (default 8). */
  lanes?: number;
  /** Stop after this many batches (tests); default unlimited. */
  maxBatches?: number;
}

/**
 * A simulation worker: pulls run batches from the shared JetStream work queue, runs them with the injected
 * engine, publishes the result batch (waiting for the stream's acknowledgement) and only then acknowledges
 * the work message. A worker killed at any point therefore loses nothing: the message is redelivered, and a
 * re-published result carries the same message id, which the stream drops. Resolves with the batch count.
 */
export async function runNatsWorker(o: NatsWorkerOptions): Promise<number> {
  const names = simStreamNames(o.prefix);
  await ensureSimStreams(o.nc, names, o.ackWaitMs === undefined ? {} : { ackWaitMs: o.ackWaitMs });
  const js = jetstream(o.nc);
  const consumer = await js.consumers.get(names.runsStream, names.consumer);
  const info = await consumer.info(true);
  const ackWaitMs = Math.max(1, Number(info.config.ack_wait ?? 30e9) / 1e6);
  const worker = o.name ?? `${hostname()}:${process.pid}`;
  const decoder = new TextDecoder();
  let done = 0;
  while (!o.signal?.aborted && (o.maxBatches === undefined || done < o.maxBatches)) {
    let m;
    try {
      m = await consumer.next({ expires: 2000 });
    } catch (err) {
      // stopping while the streams are torn down (a test, an uninstall) is not a failure
      if (o.signal?.aborted) break;
      throw new LukhasError('INTERNAL', `pulling from ${names.runsStream}: ${(err as Error).message}`, { cause: err });
    }
    if (!m) continue;
    let work: WorkMessage;
    try {
      work = JSON.parse(decoder.decode(m.data)) as WorkMessage;
      if (!work.job || !work.batch || !Array.isArray(work.batch.specs)) throw new Error('missing job or batch');
    } catch (err) {
      // a malformed message would be redelivered forever: terminate it
      m.term(`lukhas: bad work message (${(err as Error).message})`);
      continue;
    }
    // long batches: tell the server we are alive so it does not redeliver to another worker meanwhile
    const heartbeat = setInterval(() => m.working(), Math.max(250, ackWaitMs / 3));
    let reply: ResultMessage;
    const delivery = m.info.deliveryCount;
    try {
      const records = await runBatch(o.deliberate, work.batch.specs, o.lanes ?? DEFAULT_LANES);
      reply = { job: work.job, first: work.batch.first, delivery, worker, records };
    } catch (err) {
      const e = toLukhasError(err);
      reply = { job: work.job, first: work.batch.first, delivery, worker, error: { code: e.code, message: scrubSecrets(e.message) } };
    } finally {
      clearInterval(heartbeat);
    }
    try {
      await js.publish(names.resultsSubject(work.job), JSON.stringify(reply), { msgID: `${work.job}:result:${work.batch.first}` });
    } catch (err) {
      // not acknowledged: the batch comes back (to us or another worker) after the ack wait
      m.nak(1000);
      throw new LukhasError('INTERNAL', `cannot publish result of batch ${work.batch.first}: ${(err as Error).message}`, { cause: err });
    }
    await m.ackAck();
    done++;
    o.onBatch?.({ job: work.job, first: work.batch.first, runs: work.batch.specs.length, delivery });
  }
  return done;
}

/**
 * The shared worker pool (Piscina underneath): CPU work only — similarity, ciphertext, hashing of large batches.
 *
 * Semantics, in one place:
 * - at most `size` tasks run at once; at most `maxQueue` more wait in a FIFO queue; one more is refused at once
 *   with `LukhasError('POOL_FULL')` (back-pressure the caller can see, never an unbounded backlog);
 * - `signal` aborted while queued: the task is removed from the queue and never runs; aborted while running: the
 *   caller gets `CANCELLED` at once and the result is discarded when the thread finishes (the thread is not
 *   killed — killing and restarting a thread costs far more than finishing a short CPU task — and the slot stays
 *   busy until then, so the pool never oversubscribes the cores);
 * - a task that throws rejects with its error (a LukhasError keeps its code) and is never retried;
 * - a thread that dies (process.exit, an uncaught error) is logged at `warn`, its task runs once more on a fresh
 *   thread; a second death fails the task with `WORKER_CRASHED`. A task sent with a `transferList` is not retried:
 *   its buffers moved into the dead thread;
 * - `destroy()` cancels (queued and running callers get `CANCELLED`, threads are terminated);
 *   `destroy({ drain: true })` refuses new tasks and lets every accepted one finish first.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { TransferListItem } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { LukhasError, badOption, ERROR_CODES, type ErrorCode } from '../errors.js';
import { createLogger, scrubSecrets, type Logger } from '../logger.js';
import { isTypeScriptFile, resolveTaskFile, type TaskEnvelope, type TaskOutcome, type TaskRef } from './task.js';

export { defineTask, type TaskRef } from './task.js';

/** Something moved (not copied) into the worker: an ArrayBuffer, a MessagePort, ... */
export type Transferable = TransferListItem;

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Threads (default `os.availableParallelism()`). */
  size?: number;
  /** Tasks allowed to wait beyond the running ones (default `size * 64`). */
  maxQueue?: number;
  /** When set, idle threads exit after this many ms and restart on demand; unset, threads live until destroy(). */
  idleTimeoutMs?: number;
  /** Receives crash reports (default: silent). */
  logger?: Logger;
}

/** Per-run options. */
export interface RunOptions {
  signal?: AbortSignal;
  transferList?: readonly Transferable[];
}

/** A pool of worker threads running typed tasks. */
export interface WorkerPool {
  readonly size: number;
  /** Runs a task; rejects with POOL_FULL when the queue is full, CANCELLED on abort, WORKER_CRASHED after two thread deaths. */
  run<I, O>(task: TaskRef<I, O>, input: I, options?: RunOptions): Promise<O>;
  stats(): { completed: number; queued: number; running: number; crashed: number };
  /** Shuts down: cancels everything by default; `{ drain: true }` finishes accepted tasks first. Idempotent. */
  destroy(options?: { drain?: boolean }): Promise<void>;
}

interface Job {
  task: TaskRef<unknown, unknown>;
  filename: string;
  input: unknown;
  transferList: readonly Transferable[] | undefined;
  attempts: number;
  state: 'queued' | 'running' | 'settled';
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  detach: () => void;
}

const HOST_URL = new URL('./task-host.worker.js', import.meta.url);

function checkInt(name: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) badOption(name, value, `an integer ${min}..${max}`);
  return value;
}

function taskLabel(job: { task: TaskRef<unknown, unknown>; filename: string }): string {
  return `${basename(job.filename)}#${job.task.name}`;
}

function fromOutcomeError(e: Extract<TaskOutcome<unknown>, { ok: false }>['error']): Error {
  if (e.code && e.code in ERROR_CODES) {
    return new LukhasError(e.code as ErrorCode, e.message, e.details ? { details: e.details } : {});
  }
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** Creates a worker pool. Threads start lazily, on the first task. */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const size = checkInt('pool size', options.size, 1, 1024) ?? Math.max(1, availableParallelism());
  const maxQueue = checkInt('pool maxQueue', options.maxQueue, 0, 10_000_000) ?? size * 64;
  const idleTimeoutMs = checkInt('pool idleTimeoutMs', options.idleTimeoutMs, 0, 2 ** 31 - 1);
  const logger = options.logger ?? createLogger();

  let piscina: Piscina | undefined;
  let hostFile: string | undefined;
  const queue: Job[] = [];
  let head = 0;
  let queued = 0, running = 0, completed = 0, crashed = 0;
  let closed = false;
  let destroying: Promise<void> | undefined;
  let killed = false;
  /** Every accepted, unsettled job (queued or running). */
  const live = new Set<Job>();
  let onIdle: (() => void) | undefined;

  const engine = (): Piscina => {
    if (piscina) return piscina;
    hostFile = resolveTaskFile(HOST_URL);
    piscina = new Piscina({
      filename: hostFile,
      minThreads: idleTimeoutMs === undefined ? size : 0,
      maxThreads: size,
      idleTimeout: idleTimeoutMs ?? Infinity,
      // workers given a .ts entry need the tsx loader (vitest, tsx); from dist/ they run plain .js
      execArgv: isTypeScriptFile(hostFile) ? ['--import', 'tsx'] : [],
    });
    piscina.on('error', (err: unknown) => {
      logger.error({ err: scrubSecrets(err instanceof Error ? err.message : String(err)) }, 'worker pool thread error');
    });
    return piscina;
  };

  const settle = (job: Job, ok: boolean, value: unknown) => {
    if (job.state === 'settled') return;
    job.state = 'settled';
    live.delete(job);
    job.detach();
    if (ok) job.resolve(value); else job.reject(value);
  };

  const takeNext = (): Job | undefined => {
    while (head < queue.length) {
      const job = queue[head]!;
      queue[head++] = undefined as never;
      if (head > 1024 && head * 2 > queue.length) { queue.splice(0, head); head = 0; }
      if (job.state === 'queued') { queued--; return job; }
    }
    return undefined;
  };

  const pump = () => {
    while (running < size && queued > 0 && !killed) {
      const job = takeNext();
      if (!job) break;
      start(job);
    }
    if (onIdle && queued === 0 && running === 0) onIdle();
  };

  const start = (job: Job) => {
    job.state = 'running';
    job.attempts++;
    running++;
    const envelope: TaskEnvelope = { filename: job.filename, name: job.task.name, input: job.input };
    const runOpts = job.transferList ? { transferList: job.transferList as never } : {};
    engine().run(envelope, runOpts).then(
      (outcome: TaskOutcome<unknown>) => {
        running--;
        completed++;
        if (outcome.ok) settle(job, true, outcome.value);
        else settle(job, false, fromOutcomeError(outcome.error));
        pump();
      },
      (err: unknown) => {
        running--;
        if (killed) return;
        crashed++;
        const reason = scrubSecrets(err instanceof Error ? err.message : String(err));
        const label = taskLabel(job);
        if (job.state === 'running' && job.attempts < 2 && !job.transferList) {
          logger.warn({ task: label, attempt: job.attempts, reason }, 'worker thread crashed; retrying its task once');
          job.state = 'queued';
          queued++;
          if (head > 0) queue[--head] = job; else queue.unshift(job);
        } else if (job.state === 'running') {
          const why = job.transferList ? 'its input was transferred to the dead thread, so it is not retried' : 'after one retry';
          logger.error({ task: label, attempt: job.attempts, reason }, 'worker thread crashed; task failed');
          settle(job, false, new LukhasError('WORKER_CRASHED', `worker task ${label} failed: its worker thread crashed (${reason}) ${why}`, { details: { task: label, attempts: job.attempts } }));
        } else {
          logger.warn({ task: label, reason }, 'worker thread crashed running a cancelled task');
        }
        pump();
      },
    );
  };

  const cancelled = (job: Job, why: string) =>
    new LukhasError('CANCELLED', `worker task ${taskLabel(job)} was cancelled: ${why}`);

  const run = async <I, O>(task: TaskRef<I, O>, input: I, opts: RunOptions = {}): Promise<O> => {
    if (closed) throw new LukhasError('CANCELLED', 'worker pool is shut down: no new tasks are accepted');
    if (!task || typeof task.name !== 'string') badOption('worker task', task, 'a TaskRef from defineTask()');
    const filename = task.filename;
    if (hostFile === undefined) engine();
    if (isTypeScriptFile(filename) && !isTypeScriptFile(hostFile!)) {
      throw new LukhasError('UNSUPPORTED', `worker task ${basename(filename)} is TypeScript but the pool runs compiled JavaScript; build it (npm run build) or run from source`);
    }
    const { signal } = opts;
    const base = { task: task as TaskRef<unknown, unknown>, filename };
    if (signal?.aborted) throw cancelled({ ...base } as Job, abortReason(signal));
    if (running >= size && queued >= maxQueue) {
      throw new LukhasError('POOL_FULL', `worker pool is full: ${running} tasks running on ${size} threads and ${queued} queued (maxQueue ${maxQueue}); retry later, await earlier tasks, or raise maxQueue`, { details: { size, maxQueue, running, queued } });
    }
    return new Promise<O>((resolve, reject) => {
      const job: Job = {
        ...base, input, transferList: opts.transferList, attempts: 0, state: 'queued',
        resolve: resolve as (v: unknown) => void, reject, detach: () => {},
      };
      if (signal) {
        const onAbort = () => {
          if (job.state === 'queued') queued--; // the array slot is skipped lazily by takeNext
          settle(job, false, cancelled(job, abortReason(signal)));
          pump();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => signal.removeEventListener('abort', onAbort);
      }
      live.add(job);
      queue.push(job);
      queued++;
      pump();
    });
  };

  const destroy = (o: { drain?: boolean } = {}): Promise<void> => {
    destroying ??= (async () => {
      closed = true;
      if (o.drain && (queued > 0 || running > 0)) await new Promise<void>((r) => { onIdle = r; });
      // cancel mode (or anything left after draining): answer every caller before the threads go
      killed = true;
      for (const job of [...live]) {
        if (job.state === 'queued') queued--;
        settle(job, false, cancelled(job, 'the worker pool was destroyed'));
      }
      queue.length = 0; head = 0;
      if (piscina) await piscina.destroy();
    })();
    return destroying;
  };

  return {
    size,
    run,
    stats: () => ({ completed, queued, running, crashed }),
    destroy,
  };
}

function abortReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r.message || r.name;
  return r === undefined ? 'aborted' : String(r);
}

import { fork, type ChildProcess } from 'node:child_process';
import { LukhasError, type ErrorCode } from '../../runtime/errors.js';
import type { RunExecutor } from '../../runtime/simulation/executor.port.js';
import type { RunBatch, RunRecord } from '../../runtime/simulation/run-spec.js';
import { execArgvFor, resolveEngineModule, siblingPath } from './engine.loader.js';

/** Options of {@link createChildExecutor}. */
export interface ChildExecutorOptions {
  /** Number of child processes (≥ 1). */
  workers: number;
  /** Engine module path (default: the real runtime). */
  engineModule?: string;
  /** Extra environment for the children. */
  env?: NodeJS.ProcessEnv;
}

interface Pending { resolve: (r: RunRecord[]) => void; reject: (e: Error) => void }
interface Child { proc: ChildProcess; pending: Map<number, Pending>; exited: boolean }

type ChildMessage =
  | { t: 'ready' }
  | { t: 'done'; first: number; records: RunRecord[] }
  | { t: 'fail'; first: number; error: { code: ErrorCode; message: string } }
  | { t: 'fatal'; error: { code: ErrorCode; message: string } };

/**
 * Runs batches in K child processes (`node [--import tsx] simulation-child.main`), each loading the engine
 * once. Batches go to the least-loaded child; each child gets two so it never idles between batches. A child
 * that dies fails its batches (the runner stops and `--resume` continues from the last written run).
 */
export function createChildExecutor(options: ChildExecutorOptions): RunExecutor {
  const k = options.workers;
  if (!Number.isInteger(k) || k < 1 || k > 256) throw new LukhasError('BAD_OPTION', `invalid --workers: ${k} (expected an integer 1..256)`);
  const entry = siblingPath('simulation-child.main');
  const engine = resolveEngineModule(options.engineModule);
  const children: Child[] = [];
  let closed = false;

  const failAll = (c: Child, err: Error): void => {
    for (const p of c.pending.values()) p.reject(err);
    c.pending.clear();
  };
  for (let i = 0; i < k; i++) {
    const proc = fork(entry, [engine], {
      execArgv: execArgvFor(entry, engine),
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child: Child = { proc, pending: new Map(), exited: false };
    proc.on('message', (m: ChildMessage) => {
      if (m.t === 'done' || m.t === 'fail') {
        const p = child.pending.get(m.first);
        if (!p) return;
        child.pending.delete(m.first);
        if (m.t === 'done') p.resolve(m.records);
        else p.reject(new LukhasError(m.error.code, `child ${i}: ${m.error.message}`));
      } else if (m.t === 'fatal') {
        failAll(child, new LukhasError(m.error.code, `child ${i}: ${m.error.message}`));
      }
    });
    proc.on('exit', (code, signal) => {
      child.exited = true;
      if (!closed || child.pending.size) failAll(child, new LukhasError('INTERNAL', `simulation child ${i} exited (${signal ?? `code ${code}`}) with ${child.pending.size} batch(es) unfinished`));
    });
    proc.on('error', (err) => failAll(child, new LukhasError('INTERNAL', `simulation child ${i}: ${err.message}`, { cause: err })));
    children.push(child);
  }

  return {
    name: `${k} child process${k === 1 ? '' : 'es'}`,
    slots: 2 * k,
    run(batch: RunBatch): Promise<RunRecord[]> {
      if (closed) return Promise.reject(new LukhasError('CANCELLED', 'executor closed'));
      const live = children.filter((c) => !c.exited);
      if (live.length === 0) return Promise.reject(new LukhasError('INTERNAL', 'every simulation child process has exited'));
      const c = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      return new Promise<RunRecord[]>((resolve, reject) => {
        c.pending.set(batch.first, { resolve, reject });
        c.proc.send({ t: 'batch', batch }, (err) => {
          if (err && c.pending.delete(batch.first)) reject(new LukhasError('INTERNAL', `cannot send to simulation child: ${err.message}`));
        });
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all(children.map((c) => new Promise<void>((resolve) => {
        if (c.exited) return resolve();
        const timer = setTimeout(() => { c.proc.kill('SIGKILL'); }, 5000);
        c.proc.once('exit', () => { clearTimeout(timer); resolve(); });
        try { c.proc.send({ t: 'close' }); } catch { c.proc.kill('SIGKILL'); }
      })));
    },
  };
}

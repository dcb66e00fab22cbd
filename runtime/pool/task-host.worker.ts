/**
 * The one module every pool thread loads. It imports the requested task module (cached per thread), calls the
 * export and returns the outcome as data: a task that throws comes back as `{ ok: false }`, so the pool can tell a
 * task error (reported to the caller, never retried) from a crashed worker (the thread died; retried once).
 */
import { pathToFileURL } from 'node:url';
import { LukhasError } from '../errors.js';
import type { TaskEnvelope, TaskOutcome } from './task.js';

type TaskFn = (input: unknown) => unknown;
const cache = new Map<string, Promise<TaskFn>>();

let tsHooks: Promise<void> | undefined;

/**
 * `--import tsx` in a worker's execArgv installs only tsx's require hook on Node 20 (tsx registers its ESM hooks
 * on the main thread only there), so a .ts task module is imported after registering them here, once per thread.
 */
function ensureTypeScriptHooks(): Promise<void> {
  tsHooks ??= import('tsx/esm/api').then((m) => { m.register(); });
  return tsHooks;
}

async function load(filename: string, name: string): Promise<TaskFn> {
  if (/\.(c|m)?ts$/.test(filename)) await ensureTypeScriptHooks();
  const mod = (await import(pathToFileURL(filename).href)) as Record<string, unknown>;
  const fn = mod[name] ?? (name === 'default' ? mod : undefined);
  if (typeof fn !== 'function') {
    throw new LukhasError('BAD_OPTION', `worker task module ${filename} has no function export named "${name}"`);
  }
  return fn as TaskFn;
}

/** Runs one task inside a worker thread and reports its outcome as plain data. */
export default async function runTask(envelope: TaskEnvelope): Promise<TaskOutcome<unknown>> {
  const key = `${envelope.filename}#${envelope.name}`;
  try {
    let fn = cache.get(key);
    if (!fn) {
      fn = load(envelope.filename, envelope.name);
      cache.set(key, fn);
      fn.catch(() => cache.delete(key));
    }
    const value = await (await fn)(envelope.input);
    return { ok: true, value };
  } catch (err) {
    if (LukhasError.isInstance(err)) {
      return { ok: false, error: { name: err.name, message: err.message, code: err.code, ...(err.details ? { details: err.details } : {}), ...(err.stack ? { stack: err.stack } : {}) } };
    }
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
}

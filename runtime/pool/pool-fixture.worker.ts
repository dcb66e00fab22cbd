/**
 * Worker tasks used by the pool's own tests and benchmark: echo, a timed sleep, a CPU spin, a throwing task and
 * two ways of killing the thread. Kept in runtime/pool so that the compiled dist/ tree has them too.
 */
import { LukhasError } from '../errors.js';

/** Returns its input unchanged (plain data round trip). */
export default function echo<T>(input: T): T {
  return input;
}

/** Resolves after `ms` milliseconds with `value` (a task that occupies a thread without spinning). */
export async function sleep(input: { ms: number; value?: unknown }): Promise<unknown> {
  await new Promise((r) => setTimeout(r, input.ms));
  return input.value ?? input.ms;
}

/** Sums `n` sines: a CPU-bound task of tunable length. */
export function spin(input: { n: number }): number {
  let s = 0;
  for (let i = 0; i < input.n; i++) s += Math.sin(i);
  return s;
}

/** Throws a LukhasError (a task error: reported, never retried). */
export function fail(input: { message: string }): never {
  throw new LukhasError('BAD_INPUT', input.message, { details: { from: 'fixture' } });
}

/** Kills its thread with process.exit unless `marker` already holds a 1 (shared memory survives the thread). */
export function exitOnce(input: { marker: Int32Array; always?: boolean }): string {
  if (input.always || Atomics.add(input.marker, 0, 1) === 0) process.exit(3);
  return 'survived';
}

/** Kills its thread with an uncaught exception thrown outside the task's promise chain. */
export function throwUncaught(input: { marker: Int32Array; always?: boolean }): Promise<string> {
  if (input.always || Atomics.add(input.marker, 0, 1) === 0) {
    return new Promise(() => { setImmediate(() => { throw new Error('boom outside the task'); }); });
  }
  return Promise.resolve('survived');
}

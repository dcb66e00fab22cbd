import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { LukhasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createWorkerPool, defineTask, type WorkerPool } from './pool.js';

const url = new URL('./pool-fixture.worker.js', import.meta.url);
const echo = defineTask<{ a: number; v: Float64Array }, { a: number; v: Float64Array }>(url);
const sleep = defineTask<{ ms: number; value?: unknown }, unknown>(url, 'sleep');
const fail = defineTask<{ message: string }, never>(url, 'fail');
const exitOnce = defineTask<{ marker: Int32Array; always?: boolean }, string>(url, 'exitOnce');
const throwUncaught = defineTask<{ marker: Int32Array; always?: boolean }, string>(url, 'throwUncaught');

const marker = () => new Int32Array(new SharedArrayBuffer(4));
const pools: WorkerPool[] = [];
const pool = (o: Parameters<typeof createWorkerPool>[0] = {}) => { const p = createWorkerPool(o); pools.push(p); return p; };
afterAll(async () => { await Promise.all(pools.map((p) => p.destroy())); });

function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = { write: (s: string) => { lines.push(JSON.parse(s)); return true; } } as unknown as NodeJS.WritableStream;
  return { lines, logger: createLogger({ level: 'warn', destination }) };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try { await p; return 'resolved'; } catch (e) { return LukhasError.isInstance(e) ? e.code : `plain:${(e as Error).message}`; }
}

describe('worker pool', () => {
  it('runs a typed task from TypeScript source and round-trips plain data', async () => {
    const p = pool({ size: 2 });
    expect(p.size).toBe(2);
    const out = await p.run(echo, { a: 7, v: new Float64Array([1.5, -2]) });
    expect(out.a).toBe(7);
    expect(Array.from(out.v)).toEqual([1.5, -2]);
    expect(p.stats()).toMatchObject({ completed: 1, queued: 0, running: 0, crashed: 0 });
  });

  it('rejects bad options and unknown task modules with messages that name them', () => {
    expect(() => createWorkerPool({ size: 0 })).toThrow(/invalid pool size: 0 \(expected an integer 1\.\.1024\)/);
    expect(() => createWorkerPool({ maxQueue: -1 })).toThrow(/pool maxQueue/);
    const missing = defineTask(new URL('./no-such.worker.js', import.meta.url));
    expect(() => missing.filename).toThrow(/worker task module not found: .*no-such\.worker\.js/);
  });

  it('reports a task error with its code and does not retry it', async () => {
    const p = pool({ size: 1 });
    const err = await p.run(fail, { message: 'bad thing' }).catch((e: unknown) => e);
    expect(LukhasError.isInstance(err) && err.code).toBe('BAD_INPUT');
    expect((err as Error).message).toBe('bad thing');
    const noExport = defineTask<unknown, unknown>(url, 'nope');
    await expect(p.run(noExport, 1)).rejects.toThrow(/has no function export named "nope"/);
    expect(p.stats().crashed).toBe(0);
  });

  it('refuses work past the bounded queue with POOL_FULL', async () => {
    const p = pool({ size: 1, maxQueue: 2 });
    const held = [p.run(sleep, { ms: 300 }), p.run(sleep, { ms: 10 }), p.run(sleep, { ms: 10 })];
    const err = await p.run(sleep, { ms: 1 }).catch((e: unknown) => e);
    expect(LukhasError.isInstance(err) && err.code).toBe('POOL_FULL');
    expect((err as Error).message).toMatch(/worker pool is full: 1 tasks running on 1 threads and 2 queued \(maxQueue 2\)/);
    await Promise.all(held);
    await expect(p.run(sleep, { ms: 1, value: 'ok' })).resolves.toBe('ok');
  });

  it('cancels a queued task (it never runs) and discards a running task result', async () => {
    const p = pool({ size: 1 });
    const running = new AbortController();
    const queuedCtl = new AbortController();
    const first = p.run(sleep, { ms: 250, value: 'first' }, { signal: running.signal });
    const second = p.run(sleep, { ms: 10, value: 'second' }, { signal: queuedCtl.signal });
    expect(p.stats().queued).toBe(1);
    queuedCtl.abort();
    expect(await codeOf(second)).toBe('CANCELLED');
    expect(p.stats().queued).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    running.abort(new Error('caller gave up'));
    const e = await first.catch((x: unknown) => x);
    expect((e as LukhasError).code).toBe('CANCELLED');
    expect((e as Error).message).toMatch(/pool-fixture\.worker\.ts#sleep was cancelled: caller gave up/);
    expect(p.stats().running).toBe(1); // the thread finishes the work; the slot is not oversubscribed
    await expect(p.run(sleep, { ms: 1, value: 'after' })).resolves.toBe('after');
    expect(p.stats()).toMatchObject({ completed: 2, running: 0, crashed: 0 }); // the queued one never ran
    const pre = new AbortController(); pre.abort();
    expect(await codeOf(p.run(sleep, { ms: 1 }, { signal: pre.signal }))).toBe('CANCELLED');
  });

  it('reports a thread killed by process.exit, retries its task once, then fails clearly', async () => {
    const { lines, logger } = captureLogger();
    const p = pool({ size: 1, logger });
    await expect(p.run(exitOnce, { marker: marker() })).resolves.toBe('survived');
    expect(p.stats().crashed).toBe(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'worker thread crashed; retrying its task once', task: 'pool-fixture.worker.ts#exitOnce', attempt: 1 });
    expect(String(lines[0]!.reason)).toMatch(/exited with code: 3/);
    const err = await p.run(exitOnce, { marker: marker(), always: true }).catch((e: unknown) => e);
    expect((err as LukhasError).code).toBe('WORKER_CRASHED');
    expect((err as Error).message).toMatch(/exitOnce failed: its worker thread crashed \(worker exited with code: 3\) after one retry/);
    expect(lines.at(-1)).toMatchObject({ level: 50, msg: 'worker thread crashed; task failed' });
    await expect(p.run(sleep, { ms: 1, value: 'alive' })).resolves.toBe('alive');
  });

  it('treats an uncaught exception that kills the thread as a crash, retried once', async () => {
    const { lines, logger } = captureLogger();
    const p = pool({ size: 1, logger });
    await expect(p.run(throwUncaught, { marker: marker() })).resolves.toBe('survived');
    expect(String(lines[0]!.reason)).toMatch(/boom outside the task/);
    expect(p.stats().crashed).toBe(1);
  });

  it('destroy() cancels queued and running work; destroy({ drain: true }) finishes it first', async () => {
    const p = pool({ size: 1 });
    const a = codeOf(p.run(sleep, { ms: 200 })), b = codeOf(p.run(sleep, { ms: 200 }));
    await new Promise((r) => setTimeout(r, 20));
    await p.destroy();
    expect([await a, await b]).toEqual(['CANCELLED', 'CANCELLED']);
    await expect(p.run(sleep, { ms: 1 })).rejects.toThrow(/worker pool is shut down/);

    const q = pool({ size: 1 });
    const c = q.run(sleep, { ms: 50, value: 'c' }), d = q.run(sleep, { ms: 50, value: 'd' });
    const done = q.destroy({ drain: true });
    await expect(q.run(sleep, { ms: 1 })).rejects.toThrow(/shut down/);
    await done;
    expect(await Promise.all([c, d])).toEqual(['c', 'd']);
    expect(q.destroy()).toBe(done); // idempotent
  });

  it('runs from compiled JavaScript (no tsx loader in the workers)', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const out = mkdtempSync(join(root, '.tmp-pool-dist-'));
    try {
      for (const f of ['runtime/errors.ts', 'runtime/logger.ts', 'runtime/pool/task.ts', 'runtime/pool/task-host.worker.ts', 'runtime/pool/pool.ts', 'runtime/pool/pool-fixture.worker.ts']) {
        const js = ts.transpileModule(readFileSync(join(root, f), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }, fileName: f }).outputText;
        const dest = join(out, f.replace(/\.ts$/, '.js'));
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, js);
      }
      const script = `import { createWorkerPool, defineTask } from './runtime/pool/pool.js';
        const p = createWorkerPool({ size: 1 });
        const t = defineTask(new URL('./runtime/pool/pool-fixture.worker.js', import.meta.url), 'spin');
        console.log(JSON.stringify({ file: t.filename, out: await p.run(t, { n: 10 }) }));
        await p.destroy();`;
      writeFileSync(join(out, 'main.mjs'), script);
      const r = spawnSync(process.execPath, [join(out, 'main.mjs')], { encoding: 'utf8', timeout: 20_000, execArgv: [] } as never);
      expect(r.stderr).toBe('');
      const res = JSON.parse(r.stdout);
      expect(res.file).toMatch(/pool-fixture\.worker\.js$/);
      expect(res.out).toBeCloseTo([...Array(10).keys()].reduce((s, i) => s + Math.sin(i), 0), 10);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

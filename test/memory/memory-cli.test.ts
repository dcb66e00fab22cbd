/**
 * `lukhas memory verify` and `lukhas memory search` run in-process against a prepared store (PostgreSQL when
 * DATABASE_URL is set, else one PGlite instance): exit codes, --json output, the first bad entry.
 */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMemoryCommand } from '../../adapters/cli/memory.command.js';
import type { CliContext } from '../../adapters/cli/cli.shared.js';
import { openMemoryStore } from '../../adapters/store/open-memory-store.js';
import { pgliteBackend, postgresBackend, type Backend, type Fresh } from './backends.js';
import { TEST_KEY } from './storage.suite.js';

async function run(fresh: Fresh, argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const ctx: CliContext = { io: { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, color: false }, exitCode: 0 };
  const program = new Command('lukhas').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerMemoryCommand(program, ctx, (config) => openMemoryStore({ ...config, pool: fresh.pool, masterKey: TEST_KEY, env: {} }));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return { code: 2, out, err };
  }
  return { code: ctx.exitCode, out, err };
}

describe('lukhas memory (CLI)', () => {
  let backend: Backend;
  let fresh: Fresh;
  beforeAll(async () => {
    backend = process.env.DATABASE_URL ? postgresBackend(process.env.DATABASE_URL) : await pgliteBackend();
    fresh = await backend.fresh();
    const store = await openMemoryStore({ pool: fresh.pool, masterKey: TEST_KEY, env: {} });
    await store.appendBatch([
      { userId: 'ana', text: 'I love walking my dog in the park' },
      { userId: 'ana', text: 'tax forms are due in April' },
      { userId: 'ben', text: 'I love walking my dog in the park' },
    ]);
    await store.close();
  });
  afterAll(async () => { await fresh?.release(); await backend?.close(); });

  it('search prints one JSON object with only the user\'s hits', async () => {
    const r = await run(fresh, ['memory', 'search', '--user', 'ana', 'walking my dog in the park', '--threshold', '0.3', '--json', '--main-thread']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const body = JSON.parse(r.out[0]!);
    expect(body.hits.map((h: { seq: number }) => h.seq)).toEqual([1]);
    expect(body.threshold).toBe(0.3);
  });

  it('search refuses bad flags with exit 2 and names the flag', async () => {
    const k = await run(fresh, ['memory', 'search', '--user', 'ana', 'x', '--k', '0']);
    expect(k.code).toBe(2);
    expect(k.err.join('\n')).toMatch(/--k/);
    const t = await run(fresh, ['memory', 'search', '--user', 'ana', 'x', '--threshold', 'high']);
    expect(t.code).toBe(2);
    expect(t.err.join('\n')).toMatch(/--threshold/);
    expect((await run(fresh, ['memory', 'search', 'x'])).code).toBe(2); // --user is required
  });

  it('verify exits 0 on a sound log and 1 with the first bad entry after tampering', async () => {
    const ok = await run(fresh, ['memory', 'verify', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({ ok: true, entries: 3, faults: [] });
    await fresh.pool.query('UPDATE memory_entries SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE log_index = 1');
    const bad = await run(fresh, ['memory', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.out[0]).toMatch(/^FAULT log index 1, user ana, seq 2: /);
    const json = await run(fresh, ['memory', 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out[0]!).firstFault).toMatchObject({ logIndex: 1, kind: 'content' });
  });
});

/**
 * openMemoryStore on PostgreSQL (DATABASE_URL): choosing the adapter, requiring a master key, and the startup
 * guard that warns when the server would lose acknowledged writes.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryStore } from '../../adapters/store/open-memory-store.js';
import { checkDurability } from '../../adapters/store/postgres.adapter.js';

const url = process.env.DATABASE_URL;
if (!url) console.warn('openMemoryStore PostgreSQL tests skipped: DATABASE_URL is not set');

describe.skipIf(!url)('openMemoryStore on PostgreSQL', () => {
  const schema = `lukhas_test_open_${process.pid}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  afterAll(async () => { await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); await admin.end(); });

  it('uses PostgreSQL when a database URL is set, and needs a master key there', async () => {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await expect(openMemoryStore({ databaseUrl: url, schema, env: {} })).rejects.toThrow(/missing LUKHAS_MASTER_KEY/);
    const notices: string[] = [];
    const store = await openMemoryStore({ env: { DATABASE_URL: url, LUKHAS_MASTER_KEY: Buffer.alloc(32, 5).toString('base64') }, schema, notice: (m) => notices.push(m) });
    expect(store.backend).toBe('postgres');
    await store.append({ userId: 'ana', text: 'hello' });
    expect((await store.read('ana')).map((e) => e.text)).toEqual(['hello']);
    await store.close();
    expect(notices).toEqual([]); // the shared server is durable: no warning
    await expect(openMemoryStore({ databaseUrl: 'mysql://x', env: {} })).rejects.toThrow(/invalid DATABASE_URL: "\[hidden\]"/);
  });

  it('warns loudly when synchronous_commit (or fsync, full_page_writes) is off', async () => {
    const unsafe = new pg.Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=off' });
    try {
      const w = await checkDurability(unsafe);
      expect(w).toHaveLength(1);
      expect(w[0]).toMatch(/synchronous_commit is off: acknowledged commits can be lost/);
    } finally {
      await unsafe.end();
    }
    expect(await checkDurability(admin)).toEqual([]);
  });
});

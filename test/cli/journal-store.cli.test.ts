import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.harness.js';

const url = process.env.DATABASE_URL;
if (!url) console.warn('test/cli/journal-store.cli.test.ts: DATABASE_URL is unset — skipping the PostgreSQL journal-store test');

const schema = `lukhas_test_cli_${process.pid}_${Date.now() % 100000}`;
const saved = process.env.LUKHAS_DB_SCHEMA;

describe.skipIf(!url)('deliberate --store memory on PostgreSQL, then replay from the store', () => {
  beforeAll(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.end();
    process.env.LUKHAS_DB_SCHEMA = schema; // a schema of its own: never the tables (or keys) of another run
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.LUKHAS_DB_SCHEMA; else process.env.LUKHAS_DB_SCHEMA = saved;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('keeps the journal in the helix memory store, idempotently, and replays it with zero model calls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lukhas-store-')); // holds the generated master key
    const question = `Journal store check ${Date.now()}?`;
    const a = await cli('deliberate', question, '--options', 'A,B', '--store', 'memory', '--data-dir', dir, '--json');
    expect(a.code).toBe(0);
    const b = await cli('deliberate', question, '--options', 'A,B', '--store', 'memory', '--data-dir', dir, '--json');
    expect(b.code).toBe(0); // the same journal saved twice: content-addressed, no conflict
    expect(b.out).toBe(a.out);
    const id = JSON.parse(a.out).journalId;
    const rep = await cli('replay', id, '--data-dir', dir, '--json');
    expect(rep.code).toBe(0);
    expect(JSON.parse(rep.out)).toMatchObject({ identical: true, modelCalls: 0, journalId: id });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryStore } from '../../adapters/store/open-memory-store.js';
import { createMemoryVocabularyStore } from '../../runtime/symbols/memory-vocabulary.store.js';
import { createVocabularies } from '../../runtime/symbols/vocabularies.js';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) console.warn('test/symbols/memory-store.test.ts: DATABASE_URL is unset, skipping the memory-store vocabulary test');
const schema = `symbols_vocab_${process.pid}`;

describe.skipIf(!url)('vocabularies in the memory store (PostgreSQL)', () => {
  let memory: Awaited<ReturnType<typeof openMemoryStore>>;
  beforeAll(async () => {
    const c = new pg.Client({ connectionString: url }); await c.connect();
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`); await c.end();
    memory = await openMemoryStore({ databaseUrl: url!, schema, masterKey: new Uint8Array(32).fill(3), notice: () => undefined });
  });
  afterAll(async () => {
    await memory?.close();
    const c = new pg.Client({ connectionString: url }); await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); await c.end();
  });

  it('stores each version as an encrypted, chained entry and reads it back', async () => {
    const v = createVocabularies({ store: createMemoryVocabularyStore(memory) });
    await v.add('alice', [{ symbol: '☕', concept: { description: 'secret coffee habit', tags: ['coffee'], tone: 0.3 } }]);
    await v.add('alice', [{ symbol: '🌧️', concept: { description: 'rain', tags: [], tone: -0.5 } }]);
    expect((await v.get('alice')).entries.map((e) => e.symbol)).toEqual(['☕', '🌧️']);
    expect(await v.versions('alice')).toEqual([1, 2]);
    expect(await v.users()).toEqual(['alice']);
    const c = new pg.Client({ connectionString: url }); await c.connect();
    const rows = await c.query(`SELECT * FROM ${schema}.memory_entries`);
    expect(rows.rows.length).toBeGreaterThanOrEqual(3); // two versions and the user index entry
    await c.end();
    expect(JSON.stringify(rows.rows)).not.toContain('secret coffee habit');
    expect((await memory.verify()).ok).toBe(true);
  });
});

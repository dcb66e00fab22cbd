/**
 * The one storage suite, run on PGlite and on PostgreSQL 15 by the two *.test.ts files beside it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../runtime/clock.js';
import { LukhasError } from '../../runtime/errors.js';
import { Journal } from '../../runtime/journal/journal.js';
import { migrate, MIGRATIONS } from '../../runtime/memory/migrations.js';
import { verifyConsistency, verifyInclusion } from '../../runtime/memory/merkle.js';
import type { MemoryStore } from '../../runtime/memory/memory.port.js';
import { createSqlMemoryStore } from '../../runtime/memory/sql-memory.store.js';
import { createWorkerPool, type WorkerPool } from '../../runtime/pool/pool.js';
import type { Backend, Fresh } from './backends.js';
import { defineTamperCases } from './tamper.cases.js';

/** Fixed test master key (never a real one). */
export const TEST_KEY = Buffer.alloc(32, 7);

/** Opens a store on a fresh schema; close() releases the schema too. */
export async function openTestStore(backend: Backend, extra: Partial<Parameters<typeof createSqlMemoryStore>[0]> = {}): Promise<{ store: MemoryStore; fresh: Fresh }> {
  const fresh = await backend.fresh();
  const store = await createSqlMemoryStore({ pool: fresh.pool, masterKey: TEST_KEY, checkpointEvery: 0, ...extra, onClose: fresh.release });
  return { store, fresh };
}

const h = (s: string) => Buffer.from(s, 'hex');

/** Defines the suite for a backend created in beforeAll. */
export function defineStorageSuite(name: string, make: () => Promise<Backend>): void {
  describe(`memory store on ${name}`, () => {
    let backend: Backend;
    let workers: WorkerPool;
    beforeAll(async () => { backend = await make(); workers = createWorkerPool({ size: 2 }); });
    afterAll(async () => { await workers?.destroy(); await backend?.close(); });

    it('appends, reads back in order, and keeps journals', async () => {
      const { store } = await openTestStore(backend);
      const r1 = await store.append({ userId: 'ana', text: 'the cat sat on the mat', data: { mood: 'calm' } });
      const r2 = await store.append({ userId: 'ana', text: 'second thought' });
      const r3 = await store.append({ userId: 'ben', text: 'ben was here' });
      expect([r1.seq, r2.seq, r3.seq]).toEqual([1, 2, 1]);
      expect([r1.logIndex, r2.logIndex, r3.logIndex]).toEqual([0, 1, 2]);
      const read = await store.read('ana');
      expect(read.map((e) => e.text)).toEqual(['the cat sat on the mat', 'second thought']);
      expect(read[0]!.data).toEqual({ mood: 'calm' });
      const j = new Journal('journal-1', 'deliberation');
      j.append('deliberation.requested', { question: 'q?' });
      j.append('decision.made', { decision: 'a' });
      await store.saveJournal(j.toRecord());
      await store.saveJournal(j.toRecord()); // idempotent: no second entry
      expect(await store.loadJournal('journal-1')).toEqual(j.toRecord());
      expect(await store.loadJournal('nope')).toBeUndefined();
      const report = await store.verify();
      expect(report.faults).toEqual([]);
      expect(report.entries).toBe(4);
      await expect(store.append({ userId: '', text: 'x' })).rejects.toThrow(/userId/);
      await expect(store.append({ userId: 'a', text: 'x', kind: 'control.shred' })).rejects.toThrow(/kind/);
      await expect(store.append({ userId: 'a', text: 'x', ttlMs: -1 })).rejects.toThrow(/ttlMs/);
      await store.close();
    });

    it('batched and concurrent appends never fork or leave a gap', async () => {
      const { store, fresh } = await openTestStore(backend, { checkpointEvery: 100 });
      const batch = Array.from({ length: 300 }, (_, i) => ({ userId: `u${i % 3}`, text: `note ${i}` }));
      const receipts = await store.appendBatch(batch);
      expect(receipts.filter((r) => r.userId === 'u0').map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      await Promise.all([
        ...Array.from({ length: 6 }, (_, w) => store.appendBatch(Array.from({ length: 20 }, (_, i) => ({ userId: 'u0', text: `w${w} ${i}` })))),
        ...Array.from({ length: 20 }, (_, i) => store.append({ userId: i % 2 ? 'u0' : 'u1', text: `single ${i}` })),
      ]);
      const seqs = (await fresh.pool.query<{ seq: string }>("SELECT seq FROM memory_entries WHERE user_id = 'u0' ORDER BY seq")).rows.map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: 100 + 120 + 10 }, (_, i) => i + 1));
      const report = await store.verify();
      expect(report.faults).toEqual([]);
      expect(report.treeSize).toBe(440);
      expect(report.checkpoints).toBe(2); // one per transaction that crossed a multiple of 100: sizes 300 and 4xx
      // the unique index on prev_hash refuses a fork even from a writer that bypasses the head lock
      await expect(fresh.pool.query(`INSERT INTO memory_entries (log_index, user_id, seq, prev_hash, entry_hash, kind, key_version, created_at, content_hash)
        SELECT 10000, user_id, 10000, prev_hash, '\\x01', kind, key_version, created_at, content_hash FROM memory_entries WHERE log_index = 5`)).rejects.toThrow(/prev_hash|unique|duplicate/i);
      await store.close();
    });

    it('searches top-k above the threshold on the pool and on the main thread, within one user only', async () => {
      const { store } = await openTestStore(backend, { workerPool: workers });
      await store.appendBatch([
        { userId: 'ana', text: 'I love walking my dog in the park' },
        { userId: 'ana', text: 'my dog loves walking in the park' },
        { userId: 'ana', text: 'quarterly tax filing deadline' },
        { userId: 'ben', text: 'I love walking my dog in the park' },
      ]);
      const pool = await store.search('ana', 'I love walking my dog in the park', { threshold: 0.3 });
      const main = await store.search('ana', 'I love walking my dog in the park', { threshold: 0.3, on: 'main' });
      expect(pool.map((x) => [x.entry.seq, x.score])).toEqual(main.map((x) => [x.entry.seq, x.score]));
      expect(pool[0]!.entry.text).toBe('I love walking my dog in the park');
      expect(pool[0]!.score).toBeCloseTo(1, 5);
      expect(pool.every((x) => x.entry.userId === 'ana')).toBe(true);
      expect(pool.some((x) => x.entry.text.includes('tax'))).toBe(false);
      expect((await store.search('ana', 'I love walking my dog in the park')).map((x) => x.entry.seq)).toEqual([1]); // default 0.85
      expect(await store.search('nobody', 'dog')).toEqual([]);
      await expect(store.search('ana', 'dog', { k: 0 })).rejects.toThrow(/invalid k/);
      await expect(store.search('ana', 'dog', { threshold: 2 })).rejects.toThrow(/invalid threshold/);
      await store.close();
    });

    it("property: user A's search never returns user B's entries", async () => {
      const { store } = await openTestStore(backend, { workerPool: workers });
      const words = ['dog', 'park', 'tax', 'love', 'walk', 'rain', 'code', 'tea'];
      let run = 0;
      await fc.assert(fc.asyncProperty(
        fc.array(fc.record({ owner: fc.constantFrom('A', 'B'), words: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<'pool' | 'main'>('pool', 'main'),
        async (items, query, on) => {
          run++;
          const a = `A${run}`, b = `B${run}`;
          await store.appendBatch(items.map((i) => ({ userId: i.owner === 'A' ? a : b, text: i.words.join(' ') })));
          const hits = await store.search(a, query.join(' '), { threshold: -1, k: 50, on });
          expect(hits.every((x) => x.entry.userId === a)).toBe(true);
          expect(hits.length).toBe(items.filter((i) => i.owner === 'A').length);
        },
      ), { numRuns: 25, seed: 42 });
      await store.close();
    });

    it('rotates keys (old entries stay readable), crypto-shreds, and compacts expired content while the log verifies', async () => {
      const clock = createManualClock(1_000_000);
      const { store } = await openTestStore(backend, { clock });
      await store.append({ userId: 'ana', text: 'before rotation' });
      expect(await store.rotateKey('ana')).toBe(2);
      await store.append({ userId: 'ana', text: 'after rotation' });
      expect((await store.read('ana')).map((e) => [e.text, e.keyVersion])).toEqual([['before rotation', 1], ['after rotation', 2]]);
      await store.append({ userId: 'ben', text: 'short-lived', ttlMs: 1000 });
      await store.append({ userId: 'ben', text: 'kept' });
      await store.append({ userId: 'eve', text: 'forget me' });
      await store.shredUser('eve');
      expect(await store.read('eve')).toEqual([]);
      expect(await store.search('eve', 'forget me', { threshold: -1 })).toEqual([]);
      clock.advance(1000);
      expect(await store.compact()).toBe(1);
      expect((await store.read('ben')).map((e) => e.text)).toEqual(['kept']);
      const report = await store.verify();
      expect(report.faults).toEqual([]);
      expect(report.compacted).toBe(1);
      expect(report.shredded).toBe(1);
      // content gone before its expiry is a fault
      const early = await store.verify({ now: 1_000_500 });
      expect(early.firstFault?.kind).toBe('content');
      // a new entry after shredding gets a new key version
      await store.append({ userId: 'eve', text: 'fresh start' });
      expect((await store.read('eve')).map((e) => [e.text, e.keyVersion])).toEqual([['fresh start', 2]]);
      await store.close();
    });

    it('migrations are idempotent and refuse a changed migration', async () => {
      const { store, fresh } = await openTestStore(backend);
      expect(await migrate(fresh.pool)).toEqual([]);
      const changed = MIGRATIONS.map((m) => ({ ...m, sql: `${m.sql}\n-- edited` }));
      await expect(migrate(fresh.pool, changed)).rejects.toThrow(/applied with different SQL/);
      await store.close();
    });

    it('gives inclusion and consistency proofs that verify against signed checkpoints', async () => {
      const { store } = await openTestStore(backend);
      await store.appendBatch(Array.from({ length: 13 }, (_, i) => ({ userId: `p${i % 2}`, text: `t${i}` })));
      const cp1 = (await store.checkpoint())!;
      await store.appendBatch(Array.from({ length: 8 }, (_, i) => ({ userId: 'p2', text: `later ${i}` })));
      const cp2 = (await store.checkpoint())!;
      expect([cp1.treeSize, cp2.treeSize]).toEqual([13, 21]);
      for (const i of [0, 6, 12, 20]) {
        const p = await store.proveInclusion(i);
        expect(p.rootHash).toBe(cp2.rootHash);
        expect(verifyInclusion(i, p.treeSize, h(p.leafHash), p.proof.map(h), h(cp2.rootHash))).toBe(true);
        expect(verifyInclusion(i, p.treeSize, h(p.leafHash), p.proof.map(h), h(cp1.rootHash))).toBe(false);
      }
      const c = await store.proveConsistency(13);
      expect(verifyConsistency(13, 21, c.proof.map(h), h(cp1.rootHash), h(cp2.rootHash))).toBe(true);
      await expect(store.proveInclusion(21)).rejects.toThrow(/invalid logIndex/);
      await expect(store.proveConsistency(22)).rejects.toThrow(LukhasError);
      await store.close();
    });

    defineTamperCases(() => backend);
  });
}

/**
 * Tamper detection, every case the issue lists, each on its own fresh schema: verify must report a fault (and
 * the untouched baseline must not). "Attacker" cases that also recompute hashes model someone with database
 * access but without the master key.
 */
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { contentHash, entryHash } from '../../runtime/memory/chain.js';
import { encodeFrontier, frontierAppend, leafHash, type Frontier } from '../../runtime/memory/merkle.js';
import type { VerifyReport } from '../../runtime/memory/memory.port.js';
import type { Backend } from './backends.js';
import { openTestStore } from './storage.suite.js';

type Mutation = (pool: pg.Pool) => Promise<void>;

/** 12 entries, users ana and ben interleaved (ana: even log indexes, ben: odd), a signed checkpoint over all. */
async function tampered(backend: Backend, mutate: Mutation): Promise<VerifyReport> {
  const { store, fresh } = await openTestStore(backend);
  await store.appendBatch(Array.from({ length: 12 }, (_, i) => ({ userId: i % 2 ? 'ben' : 'ana', text: `memory number ${i}`, data: { i } })));
  try {
    await store.checkpoint();
    await mutate(fresh.pool);
    return await store.verify();
  } finally {
    await store.close();
  }
}

const flip = (col: string, at: number) => async (p: pg.Pool) => {
  await p.query(`UPDATE memory_entries SET ${col} = set_byte(${col}, 0, get_byte(${col}, 0) # 1) WHERE log_index = ${at}`);
};
const set = (assign: string, at: number) => async (p: pg.Pool) => { await p.query(`UPDATE memory_entries SET ${assign} WHERE log_index = ${at}`); };

/** Recomputes an entry's content and entry hash from its (tampered) columns, as a keyless attacker could. */
async function rehash(p: pg.Pool, at: number): Promise<void> {
  const r = (await p.query('SELECT * FROM memory_entries WHERE log_index = $1', [at])).rows[0];
  const ch = contentHash({ iv: r.iv, ciphertext: r.ciphertext, tag: r.tag, embIv: r.emb_iv, embCiphertext: r.emb_ciphertext, embTag: r.emb_tag });
  const eh = entryHash({ logIndex: at, userId: r.user_id, seq: Number(r.seq), prevHash: r.prev_hash, kind: r.kind, ref: r.ref, keyVersion: r.key_version,
    createdAt: Number(r.created_at), expiresAt: r.expires_at === null ? null : Number(r.expires_at), embedderId: r.embedder_id, contentHash: ch });
  await p.query('UPDATE memory_entries SET content_hash = $1, entry_hash = $2 WHERE log_index = $3', [ch, eh, at]);
  await p.query('UPDATE memory_heads SET head_hash = $1 WHERE user_id = $2 AND seq = $3', [eh, r.user_id, r.seq]);
  await fixLogHead(p);
}

/** Rewrites the log head row to match the entries now stored (hiding the change from that check). */
async function fixLogHead(p: pg.Pool): Promise<void> {
  const f: Frontier = { size: 0, nodes: [] };
  for (const r of (await p.query('SELECT entry_hash FROM memory_entries ORDER BY log_index')).rows) frontierAppend(f, leafHash(r.entry_hash));
  await p.query('UPDATE memory_log SET size = $1, frontier = $2', [f.size, encodeFrontier(f)]);
}

const COLUMNS: Record<string, Mutation> = {
  log_index: set('log_index = 1000', 4),
  user_id: set("user_id = 'mallory'", 4),
  seq: set('seq = seq + 1000', 4),
  prev_hash: flip('prev_hash', 4),
  entry_hash: flip('entry_hash', 4),
  kind: set("kind = 'note'", 4),
  ref: set("ref = 'forged'", 4),
  key_version: set('key_version = 2', 4),
  created_at: set('created_at = created_at + 1', 4),
  expires_at: set('expires_at = 1', 4),
  embedder_id: set("embedder_id = 'other-embedder'", 4),
  content_hash: flip('content_hash', 4),
  iv: flip('iv', 4),
  ciphertext: flip('ciphertext', 4),
  tag: flip('tag', 4),
  emb_iv: flip('emb_iv', 4),
  emb_ciphertext: flip('emb_ciphertext', 4),
  emb_tag: flip('emb_tag', 4),
};

/** Registers the tamper cases (inside the storage suite's describe). */
export function defineTamperCases(getBackend: () => Backend): void {
  describe('tamper detection', () => {
    it('baseline: the untouched log verifies', async () => {
      const r = await tampered(getBackend(), async () => undefined);
      expect(r.faults).toEqual([]);
      expect(r.checkpointedSize).toBe(12);
    });

    it('a changed byte of ciphertext', async () => {
      const r = await tampered(getBackend(), flip('ciphertext', 5));
      expect(r.firstFault).toMatchObject({ logIndex: 5, kind: 'content' });
      expect(r.faults.some((f) => f.kind === 'decrypt' && f.logIndex === 5)).toBe(true);
    });

    it('an UPDATE of any column of an entry', async () => {
      const missed: string[] = [];
      for (const [col, mutate] of Object.entries(COLUMNS)) {
        const r = await tampered(getBackend(), mutate);
        if (r.ok || r.firstFault === undefined) missed.push(col);
      }
      expect(missed).toEqual([]);
    });

    it('content erased before its expiry', async () => {
      const r = await tampered(getBackend(), set('iv = NULL, ciphertext = NULL, tag = NULL, emb_iv = NULL, emb_ciphertext = NULL, emb_tag = NULL', 3));
      expect(r.firstFault).toMatchObject({ logIndex: 3, kind: 'content' });
    });

    it('a DELETE from the middle', async () => {
      const r = await tampered(getBackend(), async (p) => { await p.query('DELETE FROM memory_entries WHERE log_index = 6'); });
      expect(r.firstFault).toMatchObject({ logIndex: 6, kind: 'gap' });
      expect(r.faults.some((f) => f.kind === 'seq' && f.userId === 'ana')).toBe(true);
    });

    it('a reorder (two entries swap places in the log, or two seqs swap within a chain)', async () => {
      const swapLog = await tampered(getBackend(), async (p) => {
        // through a free index: the CHECK (log_index >= 0) refuses a negative one
        await p.query('UPDATE memory_entries SET log_index = 999 WHERE log_index = 3');
        await p.query('UPDATE memory_entries SET log_index = 3 WHERE log_index = 4');
        await p.query('UPDATE memory_entries SET log_index = 4 WHERE log_index = 999');
      });
      expect(swapLog.firstFault?.logIndex).toBe(3);
      const swapSeq = await tampered(getBackend(), async (p) => {
        await p.query("UPDATE memory_entries SET seq = 999 WHERE user_id = 'ana' AND seq = 2");
        await p.query("UPDATE memory_entries SET seq = 2 WHERE user_id = 'ana' AND seq = 3");
        await p.query("UPDATE memory_entries SET seq = 3 WHERE user_id = 'ana' AND seq = 999");
      });
      expect(swapSeq.ok).toBe(false);
      expect(swapSeq.firstFault?.userId).toBe('ana');
    });

    it('a fork (a second entry on the same previous hash, written past the dropped unique index)', async () => {
      const r = await tampered(getBackend(), async (p) => {
        await p.query('ALTER TABLE memory_entries DROP CONSTRAINT memory_entries_prev_hash_key');
        await p.query(`INSERT INTO memory_entries (log_index, user_id, seq, prev_hash, entry_hash, kind, ref, key_version, created_at, expires_at, embedder_id,
          content_hash, iv, ciphertext, tag, emb_iv, emb_ciphertext, emb_tag)
          SELECT 12, user_id, 7, prev_hash, '\\x00', kind, ref, key_version, created_at, expires_at, embedder_id,
          content_hash, iv, ciphertext, tag, emb_iv, emb_ciphertext, emb_tag FROM memory_entries WHERE log_index = 10`);
        await rehash(p, 12);
      });
      expect(r.firstFault).toMatchObject({ logIndex: 12, kind: 'chain', userId: 'ana' });
    });

    it('tail truncation, caught against the signed checkpoint even when heads and log head are rewritten', async () => {
      const r = await tampered(getBackend(), async (p) => {
        await p.query('DELETE FROM memory_entries WHERE log_index >= 9');
        for (const u of ['ana', 'ben']) {
          await p.query(`UPDATE memory_heads h SET seq = e.seq, head_hash = e.entry_hash FROM memory_entries e
            WHERE h.user_id = $1 AND e.user_id = $1 AND e.seq = (SELECT max(seq) FROM memory_entries WHERE user_id = $1)`, [u]);
        }
        await fixLogHead(p);
      });
      expect(r.faults.map((f) => f.kind)).toEqual(['truncated']);
      expect(r.firstFault?.logIndex).toBe(9);
    });

    it('ciphertext moved to another user (hashes recomputed by the attacker)', async () => {
      const r = await tampered(getBackend(), async (p) => {
        await p.query(`UPDATE memory_entries t SET iv = s.iv, ciphertext = s.ciphertext, tag = s.tag, emb_iv = s.emb_iv, emb_ciphertext = s.emb_ciphertext,
          emb_tag = s.emb_tag FROM memory_entries s WHERE t.log_index = 11 AND s.log_index = 10`);
        await rehash(p, 11);
      });
      expect(r.faults.some((f) => f.kind === 'decrypt' && f.logIndex === 11 && /authentication failed/.test(f.message))).toBe(true);
    });

    it('a truncated GCM tag (4 bytes, which Node would accept without authTagLength)', async () => {
      const r = await tampered(getBackend(), async (p) => {
        await p.query('UPDATE memory_entries SET tag = substring(tag from 1 for 4) WHERE log_index = 7');
        await rehash(p, 7);
      });
      expect(r.faults.some((f) => f.kind === 'decrypt' && f.logIndex === 7 && /GCM tag is 4 bytes/.test(f.message))).toBe(true);
    });

    it('a forged checkpoint, an altered head, an altered or silently deleted data key', async () => {
      const sig = await tampered(getBackend(), async (p) => { await p.query('UPDATE memory_checkpoints SET signature = set_byte(signature, 10, get_byte(signature, 10) # 1)'); });
      expect(sig.faults.map((f) => f.kind)).toEqual(['checkpoint']);
      const root = await tampered(getBackend(), async (p) => { await p.query('UPDATE memory_checkpoints SET root_hash = set_byte(root_hash, 0, get_byte(root_hash, 0) # 1)'); });
      expect(root.faults.some((f) => f.kind === 'checkpoint')).toBe(true);
      const head = await tampered(getBackend(), async (p) => { await p.query("UPDATE memory_heads SET seq = seq - 1 WHERE user_id = 'ben'"); });
      expect(head.faults.map((f) => f.kind)).toEqual(['head']);
      const key = await tampered(getBackend(), async (p) => { await p.query("UPDATE memory_keys SET wrapped_key = set_byte(wrapped_key, 20, get_byte(wrapped_key, 20) # 1) WHERE user_id = 'ana'"); });
      expect(key.firstFault?.kind).toBe('key');
      const gone = await tampered(getBackend(), async (p) => { await p.query("UPDATE memory_keys SET wrapped_key = NULL WHERE user_id = 'ana'"); });
      expect(gone.faults.some((f) => f.kind === 'key' && /without a shred record/.test(f.message))).toBe(true);
    });
  });
}

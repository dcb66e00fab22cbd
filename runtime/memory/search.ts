/**
 * Retrieval: top-k by cosine above a threshold over one user's entries only. The user's embedding ciphertexts
 * come from the per-user cache (refreshed incrementally), only that user's keys travel with them, and the
 * decrypt-and-score work runs on the worker pool, split into balanced parts.
 */
import type { Pool } from 'pg';
import type { Embedder } from '../embedding/embedder.port.js';
import { badOption } from '../errors.js';
import { defineTask, type WorkerPool } from '../pool/pool.js';
import type { EmbeddingCache } from './embedding-cache.js';
import type { Keyring } from './keyring.js';
import type { SearchHit, SearchOptions } from './memory.port.js';
import similarity, { mergeTopK, type SimilarityInput, type SimilarityOutput } from './similarity.worker.js';
import { ENTRY_COLUMNS, type EntryRow } from './verify.js';
import type { MemoryEntry } from './memory.port.js';

/** The pool task (resolved lazily: declaring it touches nothing). */
export const similarityTask = defineTask<SimilarityInput, SimilarityOutput>(new URL('./similarity.worker.js', import.meta.url));

const PAGE = 5000;

/** What a search needs from its store. */
export interface SearchContext {
  pool: Pool;
  keyring: Keyring;
  cache: EmbeddingCache;
  embedder: Embedder;
  workerPool: WorkerPool | undefined;
  now: number;
  decryptRow: (r: EntryRow) => Promise<MemoryEntry | undefined>;
}

/** Brings a user's cache up to date with the store (reads only entries newer than the cache). */
export async function refreshCache(ctx: SearchContext, userId: string): Promise<void> {
  const c = ctx.cache.get(`${ctx.embedder.id}\u0000${userId}`, ctx.embedder.dimensions);
  for (;;) {
    const { rows } = await ctx.pool.query<{ seq: string; key_version: number; expires_at: string | null; emb_iv: Buffer; emb_tag: Buffer; emb_ciphertext: Buffer }>(
      `SELECT seq, key_version, expires_at, emb_iv, emb_tag, emb_ciphertext FROM memory_entries
       WHERE user_id = $1 AND seq > $2 AND embedder_id = $3 AND emb_ciphertext IS NOT NULL ORDER BY seq LIMIT ${PAGE}`,
      [userId, c.maxSeq, ctx.embedder.id],
    );
    for (const r of rows) c.add(Number(r.seq), Number(r.key_version), r.expires_at === null ? null : Number(r.expires_at), r.emb_iv, r.emb_tag, r.emb_ciphertext);
    if (rows.length < PAGE) return;
  }
}

/** Runs a search. */
export async function searchEntries(ctx: SearchContext, userId: string, text: string, opts: SearchOptions & { k: number; threshold: number }): Promise<SearchHit[]> {
  if (typeof userId !== 'string' || userId.length === 0) badOption('userId', userId, 'a non-empty string');
  if (typeof text !== 'string') badOption('search text', typeof text, 'a string');
  if (!Number.isInteger(opts.k) || opts.k < 1 || opts.k > 1000) badOption('k', opts.k, 'an integer 1..1000');
  if (typeof opts.threshold !== 'number' || !(opts.threshold >= -1 && opts.threshold <= 1)) badOption('threshold', opts.threshold, 'a number in [-1, 1]');
  if (opts.on !== undefined && opts.on !== 'pool' && opts.on !== 'main') badOption('on', opts.on, "'pool' or 'main'");
  await refreshCache(ctx, userId);
  const cache = ctx.cache.get(`${ctx.embedder.id}\u0000${userId}`, ctx.embedder.dimensions);
  if (cache.size === 0) return [];
  const [query] = await ctx.embedder.embed([text]);
  const keys: Record<number, Uint8Array> = {};
  for (const [v, k] of await ctx.keyring.keysOf(userId)) keys[v] = k;
  const usePool = ctx.workerPool !== undefined && opts.on !== 'main';
  const parts = usePool ? cache.partition(ctx.workerPool!.size) : cache.partition(1);
  const input = (slices: SimilarityInput['slices']): SimilarityInput => ({ userId, query: query!, dims: cache.dims, keys, slices, k: opts.k, threshold: opts.threshold, now: ctx.now });
  const outs = usePool
    ? await Promise.all(parts.map((p) => ctx.workerPool!.run(similarityTask, input(p), opts.signal ? { signal: opts.signal } : {})))
    : parts.map((p) => similarity(input(p)));
  const top = mergeTopK(outs, opts.k);
  if (top.seqs.length === 0) return [];
  const { rows } = await ctx.pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM memory_entries WHERE user_id = $1 AND seq = ANY($2::bigint[])`, [userId, top.seqs]);
  const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
  const hits: SearchHit[] = [];
  for (let i = 0; i < top.seqs.length; i++) {
    const r = bySeq.get(top.seqs[i]!);
    const entry = r && r.user_id === userId ? await ctx.decryptRow(r) : undefined;
    if (entry) hits.push({ entry, score: top.scores[i]! });
  }
  return hits;
}

/**
 * The write path. Under per-user head locks (taken in user-id order, so two writers never deadlock) and the
 * log-head lock, each entry gets the next seq of its user and the next global log index, is encrypted with an AAD
 * naming that seq, chained to its user's head and folded into the Merkle frontier; then one INSERT writes the
 * whole batch. Ordering comes from the locks and the unique constraints, never from the isolation level.
 */
import type { PoolClient } from 'pg';
import { LukhasError } from '../errors.js';
import { contentHash, entryHash, genesisHash, type CheckpointSigner } from './chain.js';
import { entryAad, seal } from './envelope.js';
import { decodeFrontier, encodeFrontier, frontierAppend, frontierRoot, leafHash } from './merkle.js';
import type { AppendReceipt } from './memory.port.js';

/** An entry ready to be written (plaintext still; it is sealed once its seq is known). */
export interface PreparedEntry {
  userId: string;
  kind: string;
  ref: string | null;
  createdAt: number;
  expiresAt: number | null;
  keyVersion: number;
  key: Buffer | null;
  plaintext: Buffer | null;
  embedding: Float32Array | null;
  embedderId: string | null;
}

const b64 = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64'));

/** Hook run inside the append transaction after the rows are written (e.g. shredding keys atomically). */
export type InTransaction = (client: PoolClient) => Promise<void>;

/**
 * Writes entries in one transaction. Takes a checkpoint in the same transaction whenever the log crosses a
 * multiple of `checkpointEvery`, so a checkpoint always names a tree that was committed.
 */
export async function writeEntries(
  client: PoolClient, entries: readonly PreparedEntry[], signer: CheckpointSigner, checkpointEvery: number, now: () => number, before?: InTransaction,
): Promise<AppendReceipt[]> {
  if (entries.length === 0) return [];
  const users = [...new Set(entries.map((e) => e.userId))].sort();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO memory_heads (user_id, seq, head_hash)
       SELECT u, 0, decode(g, 'hex') FROM unnest($1::text[], $2::text[]) AS t(u, g) ON CONFLICT (user_id) DO NOTHING`,
      [users, users.map((u) => genesisHash(u).toString('hex'))],
    );
    const heads = await client.query<{ user_id: string; seq: string; head_hash: Buffer }>(
      'SELECT user_id, seq, head_hash FROM memory_heads WHERE user_id = ANY($1::text[]) ORDER BY user_id FOR UPDATE', [users]);
    const log = await client.query<{ size: string; frontier: Buffer }>('SELECT size, frontier FROM memory_log WHERE id = 1 FOR UPDATE');
    if (!log.rows[0]) throw new LukhasError('STORE', 'memory_log head row is missing: the schema was not migrated or was altered');
    if (before) await before(client);
    const head = new Map(heads.rows.map((h) => [h.user_id, { seq: Number(h.seq), hash: h.head_hash as Uint8Array }]));
    const frontier = decodeFrontier(Number(log.rows[0].size), log.rows[0].frontier);
    const startSize = frontier.size;
    const rows: Record<string, unknown>[] = [];
    const receipts: AppendReceipt[] = [];
    for (const e of entries) {
      const h = head.get(e.userId)!;
      const seq = h.seq + 1;
      const logIndex = frontier.size;
      const c = e.plaintext && e.key ? seal(e.key, e.plaintext, entryAad(e.userId, seq, 'content', e.keyVersion)) : null;
      const m = e.embedding && e.key
        ? seal(e.key, new Uint8Array(e.embedding.buffer, e.embedding.byteOffset, e.embedding.byteLength), entryAad(e.userId, seq, 'embedding', e.keyVersion))
        : null;
      const content = { iv: c?.iv ?? null, ciphertext: c?.ciphertext ?? null, tag: c?.tag ?? null, embIv: m?.iv ?? null, embCiphertext: m?.ciphertext ?? null, embTag: m?.tag ?? null };
      const ch = contentHash(content);
      const eh = entryHash({ logIndex, userId: e.userId, seq, prevHash: h.hash, kind: e.kind, ref: e.ref, keyVersion: e.keyVersion,
        createdAt: e.createdAt, expiresAt: e.expiresAt, embedderId: m ? e.embedderId : null, contentHash: ch });
      rows.push({
        log_index: logIndex, user_id: e.userId, seq, prev_hash: b64(h.hash), entry_hash: b64(eh), kind: e.kind, ref: e.ref,
        key_version: e.keyVersion, created_at: e.createdAt, expires_at: e.expiresAt, embedder_id: m ? e.embedderId : null,
        content_hash: b64(ch), iv: b64(content.iv), ciphertext: b64(content.ciphertext), tag: b64(content.tag),
        emb_iv: b64(content.embIv), emb_ciphertext: b64(content.embCiphertext), emb_tag: b64(content.embTag),
      });
      frontierAppend(frontier, leafHash(eh));
      head.set(e.userId, { seq, hash: eh });
      receipts.push({ userId: e.userId, seq, logIndex, entryHash: eh.toString('hex') });
    }
    await client.query(
      `INSERT INTO memory_entries (log_index, user_id, seq, prev_hash, entry_hash, kind, ref, key_version, created_at, expires_at,
         embedder_id, content_hash, iv, ciphertext, tag, emb_iv, emb_ciphertext, emb_tag)
       SELECT r.log_index, r.user_id, r.seq, decode(r.prev_hash, 'base64'), decode(r.entry_hash, 'base64'), r.kind, r.ref, r.key_version,
         r.created_at, r.expires_at, r.embedder_id, decode(r.content_hash, 'base64'), decode(r.iv, 'base64'), decode(r.ciphertext, 'base64'),
         decode(r.tag, 'base64'), decode(r.emb_iv, 'base64'), decode(r.emb_ciphertext, 'base64'), decode(r.emb_tag, 'base64')
       FROM jsonb_to_recordset($1::jsonb) AS r(log_index bigint, user_id text, seq bigint, prev_hash text, entry_hash text, kind text,
         ref text, key_version integer, created_at bigint, expires_at bigint, embedder_id text, content_hash text, iv text,
         ciphertext text, tag text, emb_iv text, emb_ciphertext text, emb_tag text)`,
      [JSON.stringify(rows)],
    );
    const newHeads = users.map((u) => ({ user_id: u, seq: head.get(u)!.seq, head_hash: b64(head.get(u)!.hash) }));
    await client.query(
      `UPDATE memory_heads AS h SET seq = r.seq, head_hash = decode(r.head_hash, 'base64')
       FROM jsonb_to_recordset($1::jsonb) AS r(user_id text, seq bigint, head_hash text) WHERE h.user_id = r.user_id`,
      [JSON.stringify(newHeads)],
    );
    await client.query('UPDATE memory_log SET size = $1, frontier = $2 WHERE id = 1', [frontier.size, encodeFrontier(frontier)]);
    if (checkpointEvery > 0 && Math.floor(frontier.size / checkpointEvery) > Math.floor(startSize / checkpointEvery)) {
      await insertCheckpoint(client, signer, frontier.size, frontierRoot(frontier), now());
    }
    await client.query('COMMIT');
    return receipts;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (LukhasError.isInstance(err)) throw err;
    const code = (err as { code?: string }).code;
    // 23505: a unique constraint held the line (a fork or a duplicate seq); 40P01: deadlock; both are retryable
    if (code === '23505' || code === '40P01') throw new LukhasError('CONFLICT', `memory append refused by the store: ${(err as Error).message}`, { cause: err });
    throw new LukhasError('STORE', `memory append failed: ${(err as Error).message}`, { cause: err });
  }
}

/** Signs (size, root) and stores it; an existing checkpoint of that size is kept. */
export async function insertCheckpoint(client: PoolClient, signer: CheckpointSigner, size: number, root: Uint8Array, signedAt: number): Promise<void> {
  const c = signer.sign(size, root, signedAt);
  await client.query(
    'INSERT INTO memory_checkpoints (tree_size, root_hash, signed_at, public_key_id, signature) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size) DO NOTHING',
    [size, Buffer.from(root), signedAt, c.publicKeyId, Buffer.from(c.signature)],
  );
}

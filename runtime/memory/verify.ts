/**
 * Full verification of the memory log: gapless log indexes, every user's chain (seq and previous hash), every
 * entry's content and entry hash recomputed, the Merkle root at every checkpoint and at the end, checkpoint
 * signatures, the heads and log-head rows, and (optionally) decryptability with the users' keys. Streams the
 * log in pages, so 100k entries never sit in memory at once.
 */
import type { Pool } from 'pg';
import type { CheckpointSigner } from './chain.js';
import { bytesEqual, contentHash, entryHash, genesisHash } from './chain.js';
import { entryAad, open, unwrapKey } from './envelope.js';
import { decodeFrontier, frontierAppend, frontierRoot, leafHash, type Frontier } from './merkle.js';
import type { VerifyFault, VerifyReport } from './memory.port.js';

const PAGE = 5000;

/** A raw row of memory_entries. */
export interface EntryRow {
  log_index: string; user_id: string; seq: string; prev_hash: Buffer; entry_hash: Buffer; kind: string; ref: string | null;
  key_version: number; created_at: string; expires_at: string | null; embedder_id: string | null; content_hash: Buffer;
  iv: Buffer | null; ciphertext: Buffer | null; tag: Buffer | null; emb_iv: Buffer | null; emb_ciphertext: Buffer | null; emb_tag: Buffer | null;
}

/** Every column of an entry row, for queries. */
export const ENTRY_COLUMNS = `log_index, user_id, seq, prev_hash, entry_hash, kind, ref, key_version, created_at, expires_at, embedder_id,
  content_hash, iv, ciphertext, tag, emb_iv, emb_ciphertext, emb_tag`;

/** Options of {@link verifyLog}. */
export interface VerifyLogOptions {
  decrypt: boolean;
  now: number;
  maxFaults: number;
}

/** Verifies the whole log. */
export async function verifyLog(pool: Pool, master: Buffer, signer: CheckpointSigner, opts: VerifyLogOptions): Promise<VerifyReport> {
  const t0 = performance.now();
  const faults: VerifyFault[] = [];
  const fault = (f: VerifyFault) => { if (faults.length < opts.maxFaults) faults.push(f); };

  // keys: a wrapped key that does not unwrap is a fault; a shredded one is legal when the chain records it
  const keys = new Map<string, Map<number, Buffer | null>>();
  const shreddedUsers = new Set<string>();
  const keyRows = await pool.query<{ user_id: string; key_version: number; wrapped_key: Buffer | null }>('SELECT user_id, key_version, wrapped_key FROM memory_keys ORDER BY user_id, key_version');
  for (const r of keyRows.rows) {
    let m = keys.get(r.user_id);
    if (!m) keys.set(r.user_id, (m = new Map()));
    if (!r.wrapped_key) { m.set(Number(r.key_version), null); shreddedUsers.add(r.user_id); continue; }
    try {
      m.set(Number(r.key_version), unwrapKey(master, r.wrapped_key, r.user_id, Number(r.key_version)));
    } catch (err) {
      m.set(Number(r.key_version), null);
      fault({ kind: 'key', userId: r.user_id, message: `data key v${r.key_version} of ${r.user_id} does not unwrap: ${(err as Error).message}` });
    }
  }

  const cps = (await pool.query<{ tree_size: string; root_hash: Buffer; signed_at: string; public_key_id: string; signature: Buffer }>(
    'SELECT tree_size, root_hash, signed_at, public_key_id, signature FROM memory_checkpoints ORDER BY tree_size')).rows
    .map((r) => ({ treeSize: Number(r.tree_size), rootHash: r.root_hash as Uint8Array, signedAt: Number(r.signed_at), publicKeyId: r.public_key_id, signature: r.signature as Uint8Array }));
  const cpAt = new Map<number, (typeof cps)[number]>();
  for (const c of cps) {
    if (!signer.verify(c)) fault({ kind: 'checkpoint', message: `checkpoint of size ${c.treeSize} has an invalid ML-DSA-65 signature (or an unknown key ${c.publicKeyId})` });
    cpAt.set(c.treeSize, c);
  }

  const chains = new Map<string, { seq: number; hash: Uint8Array }>();
  const shredSeen = new Set<string>();
  const frontier: Frontier = { size: 0, nodes: [] };
  let compacted = 0, shredded = 0, next = 0;
  for (;;) {
    const { rows } = await pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM memory_entries WHERE log_index >= $1 ORDER BY log_index LIMIT ${PAGE}`, [next]);
    for (const r of rows) {
      const logIndex = Number(r.log_index), seq = Number(r.seq), userId = r.user_id;
      const at = { logIndex, userId, seq };
      if (logIndex !== frontier.size) {
        fault({ kind: 'gap', ...at, logIndex: frontier.size, message: `log index ${frontier.size} is missing (next present is ${logIndex}): an entry was deleted` });
        // keep going from the present entry so later checks still report against the stored order
      }
      const chain = chains.get(userId) ?? { seq: 0, hash: genesisHash(userId) };
      if (seq !== chain.seq + 1) fault({ kind: 'seq', ...at, message: `user ${userId}: seq ${seq} follows seq ${chain.seq} (expected ${chain.seq + 1})` });
      if (!bytesEqual(r.prev_hash, chain.hash)) fault({ kind: 'chain', ...at, message: `user ${userId} seq ${seq}: previous hash does not match the entry before it (fork, reorder or move)` });
      const content = { iv: r.iv, ciphertext: r.ciphertext, tag: r.tag, embIv: r.emb_iv, embCiphertext: r.emb_ciphertext, embTag: r.emb_tag };
      const hasContent = r.ciphertext !== null || r.emb_ciphertext !== null;
      const expiresAt = r.expires_at === null ? null : Number(r.expires_at);
      if (hasContent) {
        if (!bytesEqual(contentHash(content), r.content_hash)) fault({ kind: 'content', ...at, message: `entry ${logIndex}: ciphertext does not match its content hash` });
      } else if (r.kind.startsWith('control.')) {
        if (r.kind === 'control.shred') shredSeen.add(userId);
      } else if (expiresAt !== null && expiresAt <= opts.now) {
        compacted++;
      } else {
        fault({ kind: 'content', ...at, message: `entry ${logIndex}: content removed although it has not expired` });
      }
      const eh = entryHash({ logIndex, userId, seq, prevHash: r.prev_hash, kind: r.kind, ref: r.ref, keyVersion: Number(r.key_version),
        createdAt: Number(r.created_at), expiresAt, embedderId: r.embedder_id, contentHash: r.content_hash });
      if (!bytesEqual(eh, r.entry_hash)) fault({ kind: 'hash', ...at, message: `entry ${logIndex}: stored entry hash does not match its columns (a column was changed)` });
      if (opts.decrypt && hasContent) {
        const key = keys.get(userId)?.get(Number(r.key_version));
        if (key) {
          try {
            if (r.ciphertext) open(key, { iv: r.iv ?? Buffer.alloc(0), ciphertext: r.ciphertext, tag: r.tag ?? Buffer.alloc(0) }, entryAad(userId, seq, 'content', Number(r.key_version)), `entry ${logIndex} content`);
            if (r.emb_ciphertext) open(key, { iv: r.emb_iv ?? Buffer.alloc(0), ciphertext: r.emb_ciphertext, tag: r.emb_tag ?? Buffer.alloc(0) }, entryAad(userId, seq, 'embedding', Number(r.key_version)), `entry ${logIndex} embedding`);
          } catch (err) {
            fault({ kind: 'decrypt', ...at, message: (err as Error).message });
          }
        } else if (keys.get(userId)?.has(Number(r.key_version))) {
          shredded++;
        } else {
          fault({ kind: 'key', ...at, message: `entry ${logIndex}: no data key v${r.key_version} for user ${userId}` });
        }
      }
      // the stored hash goes into the chain and the tree: a bad row is reported once, not at every later entry
      chains.set(userId, { seq, hash: r.entry_hash });
      frontierAppend(frontier, leafHash(r.entry_hash));
      const cp = cpAt.get(frontier.size);
      if (cp && !bytesEqual(frontierRoot(frontier), cp.rootHash)) {
        fault({ kind: 'checkpoint', logIndex, message: `tree of size ${cp.treeSize} does not match its signed checkpoint (entries before index ${cp.treeSize} changed)` });
      }
      next = logIndex + 1;
    }
    if (rows.length < PAGE) break;
  }

  for (const u of shreddedUsers) if (!shredSeen.has(u)) fault({ kind: 'key', userId: u, message: `data keys of ${u} were removed without a shred record in their chain` });
  const checkpointedSize = cps.length ? cps[cps.length - 1]!.treeSize : 0;
  if (checkpointedSize > frontier.size) {
    fault({ kind: 'truncated', logIndex: frontier.size, message: `log has ${frontier.size} entries but a signed checkpoint covers ${checkpointedSize}: the tail was truncated` });
  }
  const heads = await pool.query<{ user_id: string; seq: string; head_hash: Buffer }>('SELECT user_id, seq, head_hash FROM memory_heads ORDER BY user_id');
  for (const h of heads.rows) {
    const c = chains.get(h.user_id) ?? { seq: 0, hash: genesisHash(h.user_id) };
    if (Number(h.seq) !== c.seq || !bytesEqual(h.head_hash, c.hash)) {
      fault({ kind: 'head', userId: h.user_id, seq: c.seq, message: `head of ${h.user_id} says seq ${h.seq} but the chain ends at seq ${c.seq} (entries removed or added behind the lock)` });
    }
  }
  const log = (await pool.query<{ size: string; frontier: Buffer }>('SELECT size, frontier FROM memory_log WHERE id = 1')).rows[0];
  try {
    const f = log ? decodeFrontier(Number(log.size), log.frontier) : undefined;
    if (!f || f.size !== frontier.size || !bytesEqual(frontierRoot(f), frontierRoot(frontier))) {
      fault({ kind: 'log-head', logIndex: Math.min(frontier.size, f?.size ?? 0), message: `log head records ${f?.size ?? 'nothing'} entries and another root than the ${frontier.size} stored` });
    }
  } catch (err) {
    fault({ kind: 'log-head', message: `log head is malformed: ${(err as Error).message}` });
  }
  const ordered = [...faults].sort((a, b) => (a.logIndex ?? Number.MAX_SAFE_INTEGER) - (b.logIndex ?? Number.MAX_SAFE_INTEGER));
  return {
    ok: faults.length === 0, entries: frontier.size, users: chains.size, treeSize: frontier.size,
    rootHash: Buffer.from(frontierRoot(frontier)).toString('hex'), checkpoints: cps.length, checkpointedSize, compacted, shredded,
    faults: ordered, firstFault: ordered[0], ms: performance.now() - t0,
  };
}

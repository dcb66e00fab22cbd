/**
 * The memory store over any `pg.Pool` (PostgreSQL, or PGlite through its node-postgres bridge): one code path for
 * both adapters. Writes go through {@link writeEntries}, verification through {@link verifyLog}, similarity
 * through the worker task in similarity.worker.ts.
 */
import type { Pool } from 'pg';
import { systemClock, type Clock } from '../clock.js';
import { createHashedEmbedder } from '../embedding/hashed.embedder.js';
import type { Embedder } from '../embedding/embedder.port.js';
import { badOption, LukhasError } from '../errors.js';
import { canonicalJson } from '../journal/canonical.js';
import type { JournalRecord } from '../journal/journal.js';
import { createLogger, type Logger } from '../logger.js';
import type { WorkerPool } from '../pool/pool.js';
import { insertCheckpoint, writeEntries, type PreparedEntry } from './append.js';
import { createCheckpointSigner } from './chain.js';
import { EmbeddingCache } from './embedding-cache.js';
import { deriveSeed, entryAad, KEY_LEN, open } from './envelope.js';
import { Keyring } from './keyring.js';
import { consistencyProof, decodeFrontier, frontierRoot, inclusionProof, leafHash, rootOf } from './merkle.js';
import { JOURNAL_USER, type CheckpointInfo, type MemoryEntry, type MemoryInput, type MemoryStore } from './memory.port.js';
import { migrate } from './migrations.js';
import { searchEntries } from './search.js';
import { ENTRY_COLUMNS, verifyLog, type EntryRow } from './verify.js';

/** Options of {@link createSqlMemoryStore}. */
export interface SqlMemoryStoreOptions {
  pool: Pool;
  /** 32-byte master key: wraps the data keys and seeds the checkpoint signing key. */
  masterKey: Uint8Array;
  embedder?: Embedder;
  /** Where similarity runs by default; without one, on the calling thread. */
  workerPool?: WorkerPool;
  clock?: Clock;
  logger?: Logger;
  /** Sign a checkpoint each time the log crosses a multiple of this size (default 1024; 0: only on demand and at close). */
  checkpointEvery?: number;
  /** Retrieval defaults (0.85 and 5). */
  threshold?: number;
  k?: number;
  /** Called by close() after the store is done with the pool (e.g. end it, close PGlite). */
  onClose?: () => Promise<void>;
}

const KIND = /^[a-z][a-z0-9._-]{0,63}$/;

function checkInput(i: MemoryInput, n: number): void {
  const at = `memory input #${n}`;
  if (!i || typeof i !== 'object') badOption(at, i, 'an object {userId, text, ...}');
  if (typeof i.userId !== 'string' || i.userId.length === 0 || i.userId.length > 200) badOption(`${at} userId`, i.userId, 'a string of 1..200 characters');
  if (typeof i.text !== 'string') badOption(`${at} text`, typeof i.text, 'a string');
  const kind = i.kind ?? 'memory';
  if (!KIND.test(kind) || kind.startsWith('control.')) badOption(`${at} kind`, kind, 'lower-case [a-z0-9._-], at most 64 characters, not control.*');
  if (i.ref !== undefined && (typeof i.ref !== 'string' || i.ref.length === 0 || i.ref.length > 200)) badOption(`${at} ref`, i.ref, 'a string of 1..200 characters');
  if (i.ttlMs !== undefined && (!Number.isSafeInteger(i.ttlMs) || i.ttlMs <= 0)) badOption(`${at} ttlMs`, i.ttlMs, 'a positive integer of milliseconds');
  if (i.data !== undefined && (typeof i.data !== 'object' || i.data === null || Array.isArray(i.data))) badOption(`${at} data`, i.data, 'a plain object');
}

/** Creates the store: applies migrations, derives the signer. */
export async function createSqlMemoryStore(options: SqlMemoryStoreOptions): Promise<MemoryStore> {
  const { pool } = options;
  if (!(options.masterKey instanceof Uint8Array) || options.masterKey.length !== KEY_LEN) badOption('masterKey', `${options.masterKey?.length ?? 'no'} bytes`, `${KEY_LEN} bytes`);
  const master = Buffer.from(options.masterKey);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger();
  const embedder = options.embedder ?? createHashedEmbedder();
  const checkpointEvery = options.checkpointEvery ?? 1024;
  if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery < 0) badOption('checkpointEvery', checkpointEvery, 'an integer ≥ 0');
  const defaults = { k: options.k ?? 5, threshold: options.threshold ?? 0.85 };
  const signer = createCheckpointSigner(deriveSeed(master, 'checkpoint-signing-ml-dsa-65'));
  const keyring = new Keyring(pool, master, clock);
  const cache = new EmbeddingCache();
  let closed = false;
  await migrate(pool);

  const live = () => { if (closed) throw new LukhasError('STORE', 'memory store is closed', { retryable: false }); };

  const write = async (entries: PreparedEntry[], before?: Parameters<typeof writeEntries>[5]) => {
    const client = await pool.connect();
    let broken = false;
    try {
      return await writeEntries(client, entries, signer, checkpointEvery, () => clock.now(), before);
    } catch (err) {
      // a connection that failed mid-transaction (server killed) must not go back into the pool
      broken = true;
      throw err;
    } finally {
      client.release(broken);
    }
  };

  const prepare = async (inputs: readonly MemoryInput[]): Promise<PreparedEntry[]> => {
    if (!Array.isArray(inputs)) badOption('memory inputs', typeof inputs, 'an array');
    inputs.forEach(checkInput);
    const toEmbed = inputs.filter((i) => i.embed !== false).map((i) => i.text);
    const vectors = toEmbed.length ? await embedder.embed(toEmbed) : [];
    const now = clock.now();
    const out: PreparedEntry[] = [];
    let v = 0;
    for (const i of inputs) {
      const dk = await keyring.currentKey(i.userId);
      out.push({
        userId: i.userId, kind: i.kind ?? 'memory', ref: i.ref ?? null, createdAt: now, expiresAt: i.ttlMs ? now + i.ttlMs : null,
        keyVersion: dk.version, key: dk.key, plaintext: Buffer.from(canonicalJson(i.data === undefined ? { t: i.text } : { t: i.text, d: i.data })),
        embedding: i.embed === false ? null : vectors[v++]!, embedderId: i.embed === false ? null : embedder.id,
      });
    }
    return out;
  };

  const decryptRow = async (r: EntryRow): Promise<MemoryEntry | undefined> => {
    if (!r.ciphertext || !r.iv || !r.tag) return undefined;
    const expiresAt = r.expires_at === null ? null : Number(r.expires_at);
    if (expiresAt !== null && expiresAt <= clock.now()) return undefined;
    const seq = Number(r.seq), kv = Number(r.key_version);
    const key = await keyring.keyOf(r.user_id, kv);
    if (!key) return undefined;
    const plain = JSON.parse(open(key, { iv: r.iv, ciphertext: r.ciphertext, tag: r.tag }, entryAad(r.user_id, seq, 'content', kv), `entry ${r.log_index}`).toString('utf8')) as { t: string; d?: Record<string, unknown> };
    return { userId: r.user_id, seq, logIndex: Number(r.log_index), kind: r.kind, ref: r.ref, text: plain.t, data: plain.d, createdAt: Number(r.created_at), expiresAt, keyVersion: kv };
  };

  const leaves = async (size: number): Promise<Uint8Array[]> => {
    const { rows } = await pool.query<{ entry_hash: Buffer }>('SELECT entry_hash FROM memory_entries WHERE log_index < $1 ORDER BY log_index', [size]);
    if (rows.length !== size) throw new LukhasError('INTEGRITY', `log has ${rows.length} of the first ${size} entries: run verify`);
    return rows.map((r) => leafHash(r.entry_hash));
  };
  const treeSize = async () => Number((await pool.query<{ size: string }>('SELECT size FROM memory_log WHERE id = 1')).rows[0]?.size ?? 0);
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const checkSize = (name: string, v: number, max: number) => {
    if (!Number.isSafeInteger(v) || v < 0 || v > max) badOption(name, v, `an integer 0..${max}`);
  };

  const store: MemoryStore = {
    async append(input) {
      live();
      return (await write(await prepare([input])))[0]!;
    },
    async appendBatch(inputs) {
      live();
      return inputs.length === 0 ? [] : write(await prepare(inputs));
    },
    async read(userId, opts = {}) {
      live();
      const from = opts.fromSeq ?? 1, limit = opts.limit ?? 1000;
      checkSize('fromSeq', from, Number.MAX_SAFE_INTEGER);
      checkSize('limit', limit, 100_000);
      const { rows } = await pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM memory_entries WHERE user_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`, [userId, from, limit]);
      const out: MemoryEntry[] = [];
      for (const r of rows) { const e = await decryptRow(r); if (e) out.push(e); }
      return out;
    },
    async search(userId, text, opts = {}) {
      live();
      return searchEntries({ pool, keyring, cache, embedder, workerPool: options.workerPool, now: clock.now(), decryptRow }, userId, text, { ...defaults, ...opts });
    },
    async verify(opts = {}) {
      live();
      return verifyLog(pool, master, signer, { decrypt: opts.decrypt ?? true, now: opts.now ?? clock.now(), maxFaults: opts.maxFaults ?? 1000 });
    },
    async checkpoint() {
      live();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const log = (await client.query<{ size: string; frontier: Buffer }>('SELECT size, frontier FROM memory_log WHERE id = 1 FOR UPDATE')).rows[0]!;
        const f = decodeFrontier(Number(log.size), log.frontier);
        if (f.size > 0) await insertCheckpoint(client, signer, f.size, frontierRoot(f), clock.now());
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        throw err;
      }
      client.release();
      return store.latestCheckpoint();
    },
    async latestCheckpoint(): Promise<CheckpointInfo | undefined> {
      const r = (await pool.query<{ tree_size: string; root_hash: Buffer; signed_at: string; public_key_id: string }>(
        'SELECT tree_size, root_hash, signed_at, public_key_id FROM memory_checkpoints ORDER BY tree_size DESC LIMIT 1')).rows[0];
      return r ? { treeSize: Number(r.tree_size), rootHash: hex(r.root_hash), signedAt: Number(r.signed_at), publicKeyId: r.public_key_id } : undefined;
    },
    async proveInclusion(logIndex, size) {
      const n = size ?? (await treeSize());
      checkSize('treeSize', n, await treeSize());
      if (!Number.isSafeInteger(logIndex) || logIndex < 0 || logIndex >= n) badOption('logIndex', logIndex, `an integer 0..${n - 1}`);
      const ls = await leaves(n);
      return { logIndex, treeSize: n, leafHash: hex(ls[logIndex]!), rootHash: hex(rootOf(ls)), proof: inclusionProof(ls, logIndex).map(hex) };
    },
    async proveConsistency(size1, size2) {
      const n = size2 ?? (await treeSize());
      checkSize('size2', n, await treeSize());
      checkSize('size1', size1, n);
      const ls = await leaves(n);
      return { size1, size2: n, root1: hex(rootOf(ls, size1)), root2: hex(rootOf(ls)), proof: consistencyProof(ls, size1, n).map(hex) };
    },
    async rotateKey(userId) {
      live();
      return keyring.rotate(userId);
    },
    async shredUser(userId) {
      live();
      const control: PreparedEntry = { userId, kind: 'control.shred', ref: null, createdAt: clock.now(), expiresAt: null, keyVersion: 0, key: null, plaintext: null, embedding: null, embedderId: null };
      await write([control], (client) => keyring.shred(client, userId).then(() => undefined));
      keyring.forget(userId);
      cache.drop(userId);
      logger.info({ userId }, 'memory: user crypto-shredded');
    },
    async compact(now = clock.now()) {
      live();
      const r = await pool.query(
        `UPDATE memory_entries SET iv = NULL, ciphertext = NULL, tag = NULL, emb_iv = NULL, emb_ciphertext = NULL, emb_tag = NULL
         WHERE expires_at IS NOT NULL AND expires_at <= $1 AND (ciphertext IS NOT NULL OR emb_ciphertext IS NOT NULL)`, [now]);
      cache.drop();
      return r.rowCount ?? 0;
    },
    async saveJournal(record: JournalRecord) {
      live();
      if (!record || typeof record.id !== 'string' || record.id.length === 0 || !Array.isArray(record.entries)) badOption('journal record', record?.id, 'a JournalRecord with an id and entries');
      const text = canonicalJson(record);
      const prior = await store.loadJournal(record.id);
      if (prior && canonicalJson(prior) === text) return;
      await store.append({ userId: JOURNAL_USER, kind: 'journal', ref: record.id, text, embed: false });
    },
    async loadJournal(id: string) {
      live();
      const { rows } = await pool.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM memory_entries WHERE user_id = $1 AND ref = $2 ORDER BY seq DESC LIMIT 1`, [JOURNAL_USER, id]);
      const e = rows[0] ? await decryptRow(rows[0]) : undefined;
      return e ? (JSON.parse(e.text) as JournalRecord) : undefined;
    },
    async close() {
      if (closed) return;
      try {
        if (checkpointEvery > 0 && (await treeSize()) > 0) await store.checkpoint();
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'memory: final checkpoint failed');
      }
      closed = true;
      cache.drop();
      keyring.forget();
      await options.onClose?.();
    },
  };
  return store;
}

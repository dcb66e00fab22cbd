/**
 * Versioned, idempotent SQL migrations of the memory store, valid on PostgreSQL 15 and on PGlite (PostgreSQL 18):
 * no syntax newer than 15. Each version runs once, in one transaction, under an advisory lock so that two
 * processes starting together never both apply it; a recorded version whose SQL changed is refused.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { LukhasError } from '../errors.js';

/** One migration. Never edit a released one: add a new version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'helix memory: entries, heads, log head, keys, checkpoints',
    sql: `
CREATE TABLE IF NOT EXISTS memory_entries (
  log_index      bigint PRIMARY KEY CHECK (log_index >= 0),
  user_id        text   NOT NULL,
  seq            bigint NOT NULL CHECK (seq >= 1),
  prev_hash      bytea  NOT NULL,
  entry_hash     bytea  NOT NULL,
  kind           text   NOT NULL,
  ref            text,
  key_version    integer NOT NULL,
  created_at     bigint NOT NULL,
  expires_at     bigint,
  embedder_id    text,
  content_hash   bytea  NOT NULL,
  iv             bytea,
  ciphertext     bytea,
  tag            bytea,
  emb_iv         bytea,
  emb_ciphertext bytea,
  emb_tag        bytea,
  CONSTRAINT memory_entries_user_seq_key UNIQUE (user_id, seq),
  CONSTRAINT memory_entries_prev_hash_key UNIQUE (prev_hash),
  CONSTRAINT memory_entries_entry_hash_key UNIQUE (entry_hash)
);
CREATE INDEX IF NOT EXISTS memory_entries_ref_idx ON memory_entries (user_id, ref) WHERE ref IS NOT NULL;
CREATE INDEX IF NOT EXISTS memory_entries_expires_idx ON memory_entries (expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS memory_heads (
  user_id   text PRIMARY KEY,
  seq       bigint NOT NULL,
  head_hash bytea  NOT NULL
);
CREATE TABLE IF NOT EXISTS memory_log (
  id       integer PRIMARY KEY CHECK (id = 1),
  size     bigint NOT NULL,
  frontier bytea  NOT NULL
);
INSERT INTO memory_log (id, size, frontier) VALUES (1, 0, '\\x') ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS memory_keys (
  user_id       text    NOT NULL,
  key_version   integer NOT NULL CHECK (key_version >= 1),
  wrapped_key   bytea,
  master_key_id text    NOT NULL,
  created_at    bigint  NOT NULL,
  shredded_at   bigint,
  PRIMARY KEY (user_id, key_version)
);
CREATE TABLE IF NOT EXISTS memory_checkpoints (
  tree_size     bigint PRIMARY KEY,
  root_hash     bytea  NOT NULL,
  signed_at     bigint NOT NULL,
  public_key_id text   NOT NULL,
  signature     bytea  NOT NULL
);`,
  },
];

const checksum = (m: Migration) => createHash('sha256').update(m.sql).digest('hex');
// one fixed advisory lock id for "lukhas memory migrations"
const LOCK_ID = 0x4c_4d_4947;

/** Applies pending migrations; returns the versions applied now. Safe to call on every start. */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS lukhas_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM lukhas_migrations');
    const done = new Map(rows.map((r) => [Number(r.version), r.checksum]));
    for (const m of migrations) {
      const sum = checksum(m);
      const prior = done.get(m.version);
      if (prior !== undefined) {
        if (prior !== sum) throw new LukhasError('STORE', `migration ${m.version} (${m.name}) was applied with different SQL: refusing to run on a schema of unknown shape`, { retryable: false });
        continue;
      }
      await client.query(m.sql);
      await client.query('INSERT INTO lukhas_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, sum]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw LukhasError.isInstance(err) ? err : new LukhasError('STORE', `memory migrations failed: ${(err as Error).message}`, { cause: err });
  } finally {
    client.release();
  }
}

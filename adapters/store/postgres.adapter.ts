/**
 * PostgreSQL via `pg` (when `DATABASE_URL` is set), and the startup guard that warns loudly when the server
 * would lose acknowledged writes in a crash (fsync, synchronous_commit or full_page_writes off).
 */
import pg from 'pg';
import { badOption } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';

/** Options of {@link createPostgresPool}. */
export interface PostgresPoolOptions {
  connectionString: string;
  /** Schema to use (search_path), e.g. a per-test schema. */
  schema?: string;
  /** Connections (default 10). */
  max?: number;
  logger?: Logger;
}

/** A pool on PostgreSQL. Idle-client errors (a server restart) are logged, never thrown into the process. */
export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  if (typeof options.connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(options.connectionString)) {
    // never echo the URL: it may carry a password
    badOption('DATABASE_URL', '[hidden]', 'a postgres:// or postgresql:// URL');
  }
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) badOption('schema', options.schema, 'a lower-case SQL identifier');
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('error', (err) => options.logger?.warn({ err: err.message }, 'memory: idle PostgreSQL connection failed'));
  // a server that dies while a client is checked out emits 'error' on that client: without a listener Node exits;
  // the query in flight still rejects, and the caller releases the client as broken
  pool.on('connect', (client) => { client.on('error', (err) => options.logger?.warn({ err: err.message }, 'memory: PostgreSQL connection failed')); });
  return pool;
}

/** The durability settings that must be on, and what turning each off loses. */
const GUARDED = [
  ['fsync', 'committed data can be lost or corrupted in an OS crash or power loss'],
  ['synchronous_commit', 'acknowledged commits can be lost in a crash'],
  ['full_page_writes', 'torn pages after a crash can corrupt data'],
] as const;

/** Returns one warning per unsafe setting (empty on a safe server; PGlite is not checked). */
export async function checkDurability(pool: pg.Pool): Promise<string[]> {
  const version = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  if (version.includes('PGlite')) return [];
  const warnings: string[] = [];
  for (const [name, risk] of GUARDED) {
    const r = await pool.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name]);
    const value = r.rows[0]?.setting ?? 'unknown';
    if (value === 'off') warnings.push(`PostgreSQL ${name} is off: ${risk}. Turn it on for the memory store.`);
  }
  return warnings;
}

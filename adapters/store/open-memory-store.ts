/**
 * `openMemoryStore(config)`: PostgreSQL when a database URL is given (or `DATABASE_URL` is set), otherwise the
 * embedded PGlite database in the data directory (`LUKHAS_DATA_DIR`, default `./.lukhas`). Both run the same store.
 */
import { resolve } from 'node:path';
import type pg from 'pg';
import type { Clock } from '../../runtime/clock.js';
import type { Embedder } from '../../runtime/embedding/embedder.port.js';
import { createLogger, type Logger } from '../../runtime/logger.js';
import type { MemoryStore } from '../../runtime/memory/memory.port.js';
import { createSqlMemoryStore } from '../../runtime/memory/sql-memory.store.js';
import type { WorkerPool } from '../../runtime/pool/pool.js';
import { resolveMasterKey } from './master-key.js';
import { openPglitePool } from './pglite.adapter.js';
import { checkDurability, createPostgresPool } from './postgres.adapter.js';

/** Configuration of {@link openMemoryStore}. Unset fields fall back to `env` (default `process.env`). */
export interface MemoryStoreConfig {
  /** PostgreSQL URL; default `env.DATABASE_URL`. When absent, PGlite is used. */
  databaseUrl?: string;
  /** Embedded data directory; default `env.LUKHAS_DATA_DIR` or `./.lukhas`. `memory://` keeps nothing on disk. */
  dataDir?: string;
  /** 32 bytes or their base64; default `env.LUKHAS_MASTER_KEY`, then (embedded only) `<dataDir>/master.key`. */
  masterKey?: Uint8Array | string;
  /** An existing pool (the caller keeps ownership); skips choosing an adapter. */
  pool?: pg.Pool;
  /** PostgreSQL schema (search_path) when this call creates the pool. */
  schema?: string;
  logger?: Logger;
  /** One-line human notices (a generated key, an unsafe server); default stderr. */
  notice?: (message: string) => void;
  workerPool?: WorkerPool;
  embedder?: Embedder;
  clock?: Clock;
  checkpointEvery?: number;
  threshold?: number;
  k?: number;
  env?: Record<string, string | undefined>;
}

/** What kind of database a store runs on, for diagnostics. */
export type MemoryBackend = 'pglite' | 'postgres' | 'injected';

/** Opens the memory store; the returned store's close() also closes what this call opened. */
export async function openMemoryStore(config: MemoryStoreConfig = {}): Promise<MemoryStore & { readonly backend: MemoryBackend }> {
  const env = config.env ?? process.env;
  const logger = config.logger ?? createLogger();
  const notice = config.notice ?? ((m: string) => { process.stderr.write(`${m}\n`); });
  const databaseUrl = config.databaseUrl ?? (env.DATABASE_URL || undefined);
  const dataDir = resolve(config.dataDir ?? (env.LUKHAS_DATA_DIR || './.lukhas'));
  let pool: pg.Pool;
  let backend: MemoryBackend;
  let onClose: () => Promise<void>;
  let keyDir: string | undefined;
  if (config.pool) {
    pool = config.pool; backend = 'injected'; onClose = async () => undefined;
    keyDir = config.dataDir !== undefined ? dataDir : undefined;
  } else if (databaseUrl) {
    pool = createPostgresPool({ connectionString: databaseUrl, schema: config.schema, logger });
    backend = 'postgres'; onClose = () => pool.end();
    keyDir = config.dataDir !== undefined ? dataDir : undefined;
  } else {
    const p = await openPglitePool(config.dataDir === 'memory://' ? 'memory://' : dataDir);
    pool = p.pool; backend = 'pglite';
    onClose = async () => { await pool.end(); await p.close(); };
    keyDir = config.dataDir === 'memory://' ? undefined : dataDir;
  }
  try {
    const { key, source } = resolveMasterKey({ masterKey: config.masterKey, env, dataDir: keyDir, notice });
    logger.debug({ source }, 'memory: master key loaded');
    for (const w of await checkDurability(pool)) { logger.warn(w); notice(`lukhas: WARNING: ${w}`); }
    const store = await createSqlMemoryStore({
      pool, masterKey: key, logger, onClose, workerPool: config.workerPool, embedder: config.embedder, clock: config.clock,
      checkpointEvery: config.checkpointEvery, threshold: config.threshold, k: config.k,
    });
    return Object.assign(store, { backend });
  } catch (err) {
    await onClose().catch(() => undefined);
    throw err;
  }
}

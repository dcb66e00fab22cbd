/** Storage adapters of helix memory: PGlite (embedded default) and PostgreSQL. */
export { openMemoryStore, type MemoryBackend, type MemoryStoreConfig } from './open-memory-store.js';
export { openPglitePool, pglitePool, type PglitePool } from './pglite.adapter.js';
export { checkDurability, createPostgresPool, type PostgresPoolOptions } from './postgres.adapter.js';
export { resolveMasterKey, KEY_FILE } from './master-key.js';

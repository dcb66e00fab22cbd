/**
 * The embedded default: PGlite (PostgreSQL in WebAssembly, in-process) in a data directory, driven through a
 * `pg.Pool` by `@electric-sql/pglite/node-postgres`, so the store runs the same SQL and the same type parsers as
 * on PostgreSQL.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { LukhasError } from '../../runtime/errors.js';

/** A pool over one PGlite instance, and how to close both. */
export interface PglitePool {
  pool: pg.Pool;
  pglite: PGlite;
  close(): Promise<void>;
}

/**
 * Opens (creating it when absent) the PGlite database under `<dataDir>/pgdata`, or an in-memory one for
 * `memory://`. Starting costs 3–6 s and ~730 MiB here: open one per process.
 */
export async function openPglitePool(dataDir: string): Promise<PglitePool> {
  let pglite: PGlite;
  try {
    if (dataDir === 'memory://') pglite = new PGlite('memory://');
    else {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      pglite = new PGlite(join(dataDir, 'pgdata'));
    }
    await pglite.waitReady;
  } catch (err) {
    throw new LukhasError('STORE', `cannot open the embedded database in ${dataDir}: ${(err as Error).message}`, { cause: err });
  }
  return { pglite, pool: pglitePool(pglite), close: async () => { await pglite.close(); } };
}

/**
 * A `pg.Pool` over an existing PGlite instance (the caller keeps ownership of it). One connection only and never
 * recycled: the bridge shares one protocol connection, and two pool clients would interleave their transactions.
 */
export function pglitePool(pglite: PGlite): pg.Pool {
  const pool = new pg.Pool({ ...(createPgConfig(pglite) as unknown as pg.PoolConfig), max: 1, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Test backends for the one storage suite: a fresh schema per test on one shared PGlite instance (3–6 s and
 * ~730 MiB to start, so one per file), or on PostgreSQL 15 (`DATABASE_URL`), dropped afterwards.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pglitePool } from '../../adapters/store/pglite.adapter.js';
import { createPostgresPool } from '../../adapters/store/postgres.adapter.js';

/** A database place for one test. */
export interface Fresh {
  pool: pg.Pool;
  schema: string;
  release(): Promise<void>;
}

/** A backend the suite runs on. */
export interface Backend {
  name: string;
  fresh(): Promise<Fresh>;
  close(): Promise<void>;
}

const tag = () => `${process.pid.toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/** One PGlite instance; schemas switched with SET search_path on its single connection (tests run one at a time). */
export async function pgliteBackend(): Promise<Backend> {
  const db = new PGlite('memory://');
  await db.waitReady;
  const pool = pglitePool(db);
  let n = 0;
  return {
    name: 'PGlite',
    async fresh() {
      const schema = `lukhas_test_${tag()}_${n++}`;
      await pool.query(`CREATE SCHEMA ${schema}`);
      await pool.query(`SET search_path TO ${schema}`);
      return { pool, schema, release: async () => { await pool.query(`DROP SCHEMA ${schema} CASCADE`); } };
    },
    async close() { await pool.end(); await db.close(); },
  };
}

/** PostgreSQL at `url`: a schema and a pool per test. */
export function postgresBackend(url: string): Backend {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const schemas: string[] = [];
  return {
    name: 'PostgreSQL',
    async fresh() {
      const schema = `lukhas_test_${tag()}_${schemas.length}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      const pool = createPostgresPool({ connectionString: url, schema, max: 6 });
      return { pool, schema, release: async () => { await pool.end(); await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } };
    },
    async close() {
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`).catch(() => undefined);
      await admin.end();
    },
  };
}

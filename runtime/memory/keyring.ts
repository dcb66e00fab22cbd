/**
 * Per-user data keys: created on first use, wrapped by the master key in `memory_keys`, rotated by adding a
 * version, shredded by deleting the wrapped key. Unwrapped keys are cached in this process only.
 */
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../clock.js';
import { LukhasError } from '../errors.js';
import { masterKeyId, newDataKey, unwrapKey, wrapKey } from './envelope.js';

/** A usable data key. */
export interface DataKey {
  version: number;
  key: Buffer;
}

interface KeyRow { key_version: number; wrapped_key: Buffer | null }

/** The keyring of a store. */
export class Keyring {
  private readonly current = new Map<string, DataKey>();
  private readonly byVersion = new Map<string, Map<number, Buffer | null>>();
  readonly masterId: string;

  constructor(private readonly pool: Pool, private readonly master: Buffer, private readonly clock: Clock) {
    this.masterId = masterKeyId(master);
  }

  private async rows(q: Pool | PoolClient, userId: string): Promise<KeyRow[]> {
    const { rows } = await q.query<KeyRow>('SELECT key_version, wrapped_key FROM memory_keys WHERE user_id = $1 ORDER BY key_version', [userId]);
    return rows.map((r) => ({ key_version: Number(r.key_version), wrapped_key: r.wrapped_key }));
  }

  private remember(userId: string, rows: KeyRow[]): Map<number, Buffer | null> {
    const m = new Map<number, Buffer | null>();
    for (const r of rows) m.set(r.key_version, r.wrapped_key ? unwrapKey(this.master, r.wrapped_key, userId, r.key_version) : null);
    this.byVersion.set(userId, m);
    return m;
  }

  /** The key new entries of `userId` use; creates version max+1 when the user has none usable. */
  async currentKey(userId: string): Promise<DataKey> {
    const hit = this.current.get(userId);
    if (hit) return hit;
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows = await this.rows(this.pool, userId);
      const last = rows[rows.length - 1];
      if (last && last.wrapped_key) {
        const m = this.remember(userId, rows);
        const dk = { version: last.key_version, key: m.get(last.key_version)! };
        this.current.set(userId, dk);
        return dk;
      }
      // none yet, or the newest was shredded: add a version (a concurrent creator wins and we re-read)
      await this.insert(this.pool, userId, (last?.key_version ?? 0) + 1);
    }
    throw new LukhasError('CONFLICT', `could not settle a data key for user ${JSON.stringify(userId)}`);
  }

  private async insert(q: Pool | PoolClient, userId: string, version: number): Promise<boolean> {
    const wrapped = wrapKey(this.master, newDataKey(), userId, version);
    const r = await q.query(
      'INSERT INTO memory_keys (user_id, key_version, wrapped_key, master_key_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [userId, version, wrapped, this.masterId, this.clock.now()],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** The key of a version, or undefined when it was shredded or never existed. */
  async keyOf(userId: string, version: number): Promise<Buffer | undefined> {
    let m = this.byVersion.get(userId);
    if (!m || !m.has(version)) m = this.remember(userId, await this.rows(this.pool, userId));
    return m.get(version) ?? undefined;
  }

  /** Every usable key of a user by version. */
  async keysOf(userId: string): Promise<Map<number, Buffer>> {
    const m = this.remember(userId, await this.rows(this.pool, userId));
    const out = new Map<number, Buffer>();
    for (const [v, k] of m) if (k) out.set(v, k);
    return out;
  }

  /** Adds a new version; returns it. */
  async rotate(userId: string): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows = await this.rows(this.pool, userId);
      const version = (rows[rows.length - 1]?.key_version ?? 0) + 1;
      if (await this.insert(this.pool, userId, version)) {
        this.forget(userId);
        return version;
      }
    }
    throw new LukhasError('CONFLICT', `key rotation of user ${JSON.stringify(userId)} kept racing another writer`);
  }

  /** Deletes every wrapped key of a user, inside the caller's transaction. */
  async shred(client: PoolClient, userId: string): Promise<number> {
    const r = await client.query('UPDATE memory_keys SET wrapped_key = NULL, shredded_at = $2 WHERE user_id = $1 AND wrapped_key IS NOT NULL', [userId, this.clock.now()]);
    this.forget(userId);
    return r.rowCount ?? 0;
  }

  /** Drops cached keys of a user (or all). */
  forget(userId?: string): void {
    if (userId === undefined) { this.current.clear(); this.byVersion.clear(); return; }
    this.current.delete(userId);
    this.byVersion.delete(userId);
  }
}

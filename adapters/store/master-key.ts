/**
 * Where the master key comes from: an explicit option, `LUKHAS_MASTER_KEY` (base64, 32 bytes), or — for the
 * embedded default only — a key file in the data directory, generated on first run with a clear notice, because
 * losing it makes every stored memory unreadable.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LukhasError } from '../../runtime/errors.js';
import { parseMasterKey } from '../../runtime/memory/envelope.js';

/** Name of the key file inside the data directory. */
export const KEY_FILE = 'master.key';

/** Options of {@link resolveMasterKey}. */
export interface MasterKeySource {
  masterKey?: Uint8Array | string;
  env: Record<string, string | undefined>;
  /** Data directory holding the key file; undefined when a key file is not allowed (PostgreSQL). */
  dataDir?: string;
  notice: (message: string) => void;
}

/** Resolves the master key; BAD_OPTION naming the source when it is malformed or missing. */
export function resolveMasterKey(src: MasterKeySource): { key: Buffer; source: string } {
  if (src.masterKey !== undefined) {
    if (typeof src.masterKey === 'string') return { key: parseMasterKey(src.masterKey, 'masterKey'), source: 'option' };
    if (src.masterKey.length !== 32) throw new LukhasError('BAD_OPTION', `invalid masterKey: expected 32 bytes (got ${src.masterKey.length})`);
    return { key: Buffer.from(src.masterKey), source: 'option' };
  }
  const env = src.env.LUKHAS_MASTER_KEY;
  if (env !== undefined && env !== '') return { key: parseMasterKey(env, 'LUKHAS_MASTER_KEY'), source: 'LUKHAS_MASTER_KEY' };
  if (src.dataDir === undefined) {
    throw new LukhasError('BAD_OPTION', 'missing LUKHAS_MASTER_KEY: a PostgreSQL memory store needs a master key (base64 of 32 bytes, e.g. `openssl rand -base64 32`)', { details: { option: 'LUKHAS_MASTER_KEY' } });
  }
  const file = join(src.dataDir, KEY_FILE);
  try {
    return { key: parseMasterKey(readFileSync(file, 'utf8'), file), source: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  try {
    // 'wx': two processes starting together never both write a key; the loser reads the winner's
    writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: parseMasterKey(readFileSync(file, 'utf8'), file), source: file };
    throw new LukhasError('STORE', `cannot write the master key file ${file}: ${(err as Error).message}`, { cause: err });
  }
  src.notice(`lukhas: generated a new memory master key in ${file} (mode 0600). Back it up: without it every stored memory is unreadable. Set LUKHAS_MASTER_KEY to use your own key instead.`);
  return { key, source: file };
}

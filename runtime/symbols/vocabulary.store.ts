/**
 * Where vocabularies live. Every change is a new version (history kept); `save` is optimistic: it refuses a
 * version that is not exactly the latest + 1 (CONFLICT), so two writers never silently overwrite each other.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LukhasError } from '../errors.js';
import { checkUserId, type Vocabulary } from './vocabulary.js';

/** The vocabulary storage port. */
export interface VocabularyStore {
  /** Human-readable kind, reported by the CLI (`memory`, `file (encrypted)`, ...). */
  readonly kind: string;
  /** The latest version, or the given one; undefined when the user has none. */
  load(user: string, version?: number): Promise<Vocabulary | undefined>;
  /** Appends a version; it must be latest + 1 (1 for a new user), else CONFLICT. */
  save(vocabulary: Vocabulary): Promise<void>;
  /** Stored version numbers of a user, ascending. */
  versions(user: string): Promise<number[]>;
  /** Users with at least one version, sorted. */
  users(): Promise<string[]>;
}

function conflict(user: string, latest: number, got: number): never {
  throw new LukhasError('CONFLICT', `vocabulary of "${user}" changed concurrently: stored version is ${latest}, refusing to write version ${got} (expected ${latest + 1}); reload and retry`);
}

const clone = (v: Vocabulary): Vocabulary => structuredClone(v);

/** An in-memory store (tests, embedding hosts that persist elsewhere). */
export function createInMemoryVocabularyStore(): VocabularyStore {
  const data = new Map<string, Vocabulary[]>();
  return {
    kind: 'memory',
    async load(user, version) {
      const h = data.get(user);
      if (!h?.length) return undefined;
      const v = version === undefined ? h.at(-1) : h.find((x) => x.version === version);
      return v && clone(v);
    },
    async save(v) {
      checkUserId(v.user);
      const h = data.get(v.user) ?? [];
      const latest = h.at(-1)?.version ?? 0;
      if (v.version !== latest + 1) conflict(v.user, latest, v.version);
      h.push(clone(v));
      data.set(v.user, h);
    },
    async versions(user) { return (data.get(user) ?? []).map((v) => v.version); },
    async users() { return [...data.keys()].sort(); },
  };
}

/** Options of {@link createFileVocabularyStore}. */
export interface FileVocabularyStoreOptions {
  /** Folder for `<user>.json` files (created on first write). */
  dir: string;
  /**
   * 32-byte master key. When given, every version is sealed with AES-256-GCM under a per-user key derived by
   * HKDF-SHA256 (the user id and version are authenticated as associated data). Without it, files are plaintext.
   */
  masterKey?: Uint8Array;
}

interface FileRecord { version: number; iv?: string; tag?: string; sealed?: string; plain?: Vocabulary }

/**
 * A JSON-file store: the CLI's fallback when no memory store is configured. One file per user holding every
 * version; writes go to a temporary file renamed into place, so a crash never leaves half a file.
 */
export function createFileVocabularyStore(options: FileVocabularyStoreOptions): VocabularyStore {
  const { dir, masterKey } = options;
  if (masterKey && masterKey.length !== 32) throw new LukhasError('BAD_OPTION', `invalid masterKey: ${masterKey.length} bytes (expected 32)`);
  const keyOf = (user: string) => Buffer.from(hkdfSync('sha256', masterKey!, 'lukhas.symbols.v1', `vocabulary:${user}`, 32));
  const aad = (user: string, version: number) => Buffer.from(`lukhas.vocabulary|${user}|${version}`);
  const file = (user: string) => join(dir, `${checkUserId(user)}.json`);

  const read = async (user: string): Promise<FileRecord[]> => {
    let text: string;
    try { text = await readFile(file(user), 'utf8'); } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new LukhasError('STORE', `cannot read the vocabulary file of "${user}": ${(e as Error).message}`, { cause: e });
    }
    try { return (JSON.parse(text) as { versions: FileRecord[] }).versions; } catch (e) {
      throw new LukhasError('INTEGRITY', `the vocabulary file of "${user}" is not valid JSON (${file(user)})`, { cause: e });
    }
  };
  const open = (user: string, r: FileRecord): Vocabulary => {
    if (r.plain) return r.plain;
    if (!masterKey) throw new LukhasError('CRYPTO', `the vocabulary of "${user}" is encrypted: set LUKHAS_MASTER_KEY to read it`);
    try {
      const d = createDecipheriv('aes-256-gcm', keyOf(user), Buffer.from(r.iv!, 'base64'), { authTagLength: 16 });
      d.setAAD(aad(user, r.version));
      d.setAuthTag(Buffer.from(r.tag!, 'base64'));
      return JSON.parse(Buffer.concat([d.update(Buffer.from(r.sealed!, 'base64')), d.final()]).toString('utf8')) as Vocabulary;
    } catch (e) {
      throw new LukhasError('CRYPTO', `cannot decrypt version ${r.version} of the vocabulary of "${user}": wrong master key or tampered file`, { cause: e });
    }
  };
  const sealRecord = (v: Vocabulary): FileRecord => {
    if (!masterKey) return { version: v.version, plain: v };
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', keyOf(v.user), iv, { authTagLength: 16 });
    c.setAAD(aad(v.user, v.version));
    const sealed = Buffer.concat([c.update(JSON.stringify(v), 'utf8'), c.final()]);
    return { version: v.version, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), sealed: sealed.toString('base64') };
  };

  return {
    kind: masterKey ? `file (AES-256-GCM) in ${dir}` : `file (plaintext: LUKHAS_MASTER_KEY unset) in ${dir}`,
    async load(user, version) {
      const recs = await read(user);
      const r = version === undefined ? recs.at(-1) : recs.find((x) => x.version === version);
      return r && open(user, r);
    },
    async save(v) {
      const recs = await read(v.user);
      const latest = recs.at(-1)?.version ?? 0;
      if (v.version !== latest + 1) conflict(v.user, latest, v.version);
      recs.push(sealRecord(v));
      await mkdir(dir, { recursive: true });
      const tmp = `${file(v.user)}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ versions: recs }), { mode: 0o600 });
      await rename(tmp, file(v.user));
    },
    async versions(user) { return (await read(user)).map((r) => r.version); },
    async users() {
      try { return (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort(); } catch { return []; }
    },
  };
}

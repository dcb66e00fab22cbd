/**
 * Envelope encryption for helix memory: per-user data keys (AES-256-GCM) wrapped by one master key. Every
 * ciphertext is bound to where it lives by its AAD (user id, sequence number, field, key version), so a
 * ciphertext copied to another user or another entry fails authentication instead of decrypting.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { LukhasError } from '../errors.js';

/** AES-256 key length. */
export const KEY_LEN = 32;
/** GCM IV: 96 bits, random per encryption. */
export const IV_LEN = 12;
/** GCM tag length, enforced on decrypt (Node otherwise accepts a 4-byte tag). */
export const TAG_LEN = 16;

/** One AES-GCM output. */
export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Encrypts with AES-256-GCM under a fresh random IV. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  const iv = randomBytes(IV_LEN);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LEN });
  c.setAAD(aad);
  const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv, ciphertext, tag: c.getAuthTag() };
}

/**
 * Decrypts and authenticates. Any malformed part (IV or tag of the wrong length, a truncated tag) or a failed
 * authentication throws a CRYPTO error that says which field, never the key or plaintext.
 */
export function open(key: Uint8Array, sealed: { iv: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array }, aad: Uint8Array, what = 'ciphertext'): Buffer {
  if (sealed.iv.length !== IV_LEN) throw new LukhasError('CRYPTO', `${what}: IV is ${sealed.iv.length} bytes (expected ${IV_LEN})`);
  if (sealed.tag.length !== TAG_LEN) throw new LukhasError('CRYPTO', `${what}: GCM tag is ${sealed.tag.length} bytes (expected ${TAG_LEN})`);
  try {
    const d = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_LEN });
    d.setAAD(aad);
    d.setAuthTag(sealed.tag);
    return Buffer.concat([d.update(sealed.ciphertext), d.final()]);
  } catch (err) {
    throw new LukhasError('CRYPTO', `${what}: authentication failed (altered, moved or wrong key)`, { cause: err });
  }
}

/** Which field of an entry a ciphertext belongs to. */
export type SealedField = 'content' | 'embedding';

/** AAD of an entry field: binds user id, sequence number, field and key version (length-prefixed, unambiguous). */
export function entryAad(userId: string, seq: number, field: SealedField, keyVersion: number): Buffer {
  return entryAadWith(entryAadPrefix(userId, field), seq, keyVersion);
}

/** The user- and field-dependent start of an entry AAD (computed once per scan, not per record). */
export function entryAadPrefix(userId: string, field: SealedField): Buffer {
  const u = Buffer.from(userId, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(u.length);
  return Buffer.concat([Buffer.from(`lukhas-mem-v1|${field}|`), head, u]);
}

/** An entry AAD from its prefix: identical bytes to {@link entryAad}. */
export function entryAadWith(prefix: Buffer, seq: number, keyVersion: number): Buffer {
  const tail = `|${seq}|${keyVersion}`;
  const out = Buffer.allocUnsafe(prefix.length + tail.length);
  prefix.copy(out, 0);
  out.write(tail, prefix.length, 'latin1');
  return out;
}

/** AAD of a wrapped data key: binds the key to its user and version. */
export function keyAad(userId: string, keyVersion: number): Buffer {
  return Buffer.from(`lukhas-dk-v1|${Buffer.byteLength(userId)}:${userId}|${keyVersion}`, 'utf8');
}

/** Wraps (encrypts) a data key under the master key: iv ‖ ciphertext ‖ tag. */
export function wrapKey(master: Uint8Array, dataKey: Uint8Array, userId: string, keyVersion: number): Buffer {
  const s = seal(master, dataKey, keyAad(userId, keyVersion));
  return Buffer.concat([s.iv, s.ciphertext, s.tag]);
}

/** Unwraps a data key; a CRYPTO error when the master key is wrong or the wrapped key was altered or moved. */
export function unwrapKey(master: Uint8Array, wrapped: Uint8Array, userId: string, keyVersion: number): Buffer {
  if (wrapped.length !== IV_LEN + KEY_LEN + TAG_LEN) throw new LukhasError('CRYPTO', `wrapped data key of ${userId} v${keyVersion} has ${wrapped.length} bytes (expected ${IV_LEN + KEY_LEN + TAG_LEN})`);
  const b = Buffer.from(wrapped);
  return open(master, { iv: b.subarray(0, IV_LEN), ciphertext: b.subarray(IV_LEN, IV_LEN + KEY_LEN), tag: b.subarray(IV_LEN + KEY_LEN) }, keyAad(userId, keyVersion), `data key of ${userId} v${keyVersion}`);
}

/** A fresh random data key. */
export function newDataKey(): Buffer {
  return randomBytes(KEY_LEN);
}

/** Parses a base64 master key; BAD_OPTION naming the source when it is not exactly 32 bytes. */
export function parseMasterKey(base64: string, source = 'LUKHAS_MASTER_KEY'): Buffer {
  const text = base64.trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== KEY_LEN) {
    // never echo the value: it is a secret, even when malformed
    throw new LukhasError('BAD_OPTION', `invalid ${source}: expected base64 of exactly ${KEY_LEN} bytes (got ${key.length} bytes)`, { details: { option: source } });
  }
  return key;
}

/** A short public id of a master key (to tell which key wrapped what, without revealing it). */
export function masterKeyId(master: Uint8Array): string {
  return createHash('sha256').update('lukhas-master-key-id|').update(master).digest('hex').slice(0, 16);
}

/** Derives a 32-byte seed for another purpose from the master key (HKDF-SHA-256), e.g. the checkpoint signing key. */
export function deriveSeed(master: Uint8Array, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', master, Buffer.alloc(0), `lukhas|${purpose}`, 32));
}

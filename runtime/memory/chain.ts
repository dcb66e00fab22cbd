/**
 * The per-user hash chain. An entry's hash covers every stored column — over ciphertext, never plaintext — so the
 * log still verifies after crypto-shredding or retention has removed the content, while any change to any column
 * breaks the chain, the entry's Merkle leaf, or both.
 */
import { createHash } from 'node:crypto';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { bytesEqual } from './merkle.js';

/** The hashed header of an entry: everything but the content, which enters through its own hash. */
export interface EntryHeader {
  logIndex: number;
  userId: string;
  seq: number;
  prevHash: Uint8Array;
  kind: string;
  ref: string | null;
  keyVersion: number;
  createdAt: number;
  expiresAt: number | null;
  embedderId: string | null;
  contentHash: Uint8Array;
}

/** The stored content parts (null once shredded by retention, or absent on control entries). */
export interface EntryContent {
  iv: Uint8Array | null;
  ciphertext: Uint8Array | null;
  tag: Uint8Array | null;
  embIv: Uint8Array | null;
  embCiphertext: Uint8Array | null;
  embTag: Uint8Array | null;
}

function lp(h: ReturnType<typeof createHash>, b: Uint8Array | null): void {
  // length-prefixed (with -1 for null) so no two field sequences hash alike
  const n = Buffer.alloc(4);
  n.writeInt32BE(b === null ? -1 : b.length);
  h.update(n);
  if (b) h.update(b);
}

const str = (s: string | null) => (s === null ? null : Buffer.from(s, 'utf8'));
const num = (n: number | null) => (n === null ? null : Buffer.from(String(n)));

/** Genesis "previous hash" of a user's chain: distinct per user, so the unique index on prev_hash holds globally. */
export function genesisHash(userId: string): Buffer {
  const h = createHash('sha256').update('lukhas-mem-genesis-v1');
  lp(h, Buffer.from(userId, 'utf8'));
  return h.digest();
}

/** Hash of the content parts. */
export function contentHash(c: EntryContent): Buffer {
  const h = createHash('sha256').update('lukhas-mem-content-v1');
  for (const p of [c.iv, c.ciphertext, c.tag, c.embIv, c.embCiphertext, c.embTag]) lp(h, p);
  return h.digest();
}

/** Hash of an entry (the chain link and the Merkle leaf data). */
export function entryHash(e: EntryHeader): Buffer {
  const h = createHash('sha256').update('lukhas-mem-entry-v1');
  for (const p of [num(e.logIndex), str(e.userId), num(e.seq), e.prevHash, str(e.kind), str(e.ref), num(e.keyVersion),
    num(e.createdAt), num(e.expiresAt), str(e.embedderId), e.contentHash]) lp(h, p);
  return h.digest();
}

/** A signed tree head. */
export interface Checkpoint {
  treeSize: number;
  rootHash: Uint8Array;
  signedAt: number;
  publicKeyId: string;
  signature: Uint8Array;
}

/** The exact bytes a checkpoint signature covers. */
export function checkpointMessage(treeSize: number, rootHash: Uint8Array, signedAt: number): Buffer {
  return Buffer.from(`lukhas-checkpoint-v1\n${treeSize}\n${Buffer.from(rootHash).toString('base64')}\n${signedAt}\n`);
}

/** ML-DSA-65 checkpoint signer (FIPS 204). Signing ≈ 9 ms here, so checkpoints are taken every N entries, not per append. */
export interface CheckpointSigner {
  readonly publicKey: Uint8Array;
  readonly publicKeyId: string;
  sign(treeSize: number, rootHash: Uint8Array, signedAt: number): Checkpoint;
  verify(c: Checkpoint): boolean;
}

/** A short id of an ML-DSA public key. */
export function publicKeyIdOf(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 16);
}

/** Creates the signer from a 32-byte seed (derived from the master key, so the key pair lives in the key file). */
export function createCheckpointSigner(seed: Uint8Array): CheckpointSigner {
  const { publicKey, secretKey } = ml_dsa65.keygen(seed);
  const publicKeyId = publicKeyIdOf(publicKey);
  return {
    publicKey,
    publicKeyId,
    sign(treeSize, rootHash, signedAt) {
      const signature = ml_dsa65.sign(checkpointMessage(treeSize, rootHash, signedAt), secretKey);
      return { treeSize, rootHash, signedAt, publicKeyId, signature };
    },
    verify(c) {
      if (c.publicKeyId !== publicKeyId) return false;
      try {
        return ml_dsa65.verify(c.signature, checkpointMessage(c.treeSize, c.rootHash, c.signedAt), publicKey);
      } catch {
        return false;
      }
    },
  };
}

export { bytesEqual };

/**
 * Authenticity of a translation's input: the sender signs (ML-DSA-65, FIPS 204) a commitment — SHA-256 of the
 * canonical JSON of {from, to, message digest, extracted symbols with their offsets, nonce} — and the receiver
 * verifies it against the message it got. A changed message, symbol list, commitment or signature is refused.
 * What this proves: the holder of the sender's secret key committed to exactly these symbols in exactly this
 * message. It does not prove who that holder is: binding public keys to people is the identity layer's job.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { LukhasError } from '../errors.js';
import { canonicalJson } from '../journal/canonical.js';

const CONTEXT = new TextEncoder().encode('lukhas.symbols.attestation.v1');

/** What the sender commits to. */
export interface AttestationPayload {
  from: string;
  to: string;
  /** SHA-256 (hex) of the message as sent (UTF-8). */
  messageSha256: string;
  /** The extracted symbols with grapheme offsets [start, end). */
  symbols: Array<{ symbol: string; start: number; end: number }>;
  /** 16 random bytes (hex) so that two identical messages give different commitments. */
  nonce: string;
}

/** A signed commitment to the extracted symbols. */
export interface SymbolAttestation {
  alg: 'ML-DSA-65';
  payload: AttestationPayload;
  /** SHA-256 (hex) of canonicalJson(payload). */
  commitment: string;
  /** Signature over the commitment bytes (base64). */
  signature: string;
}

/** An ML-DSA-65 key pair. */
export interface SigningKeys { publicKey: Uint8Array; secretKey: Uint8Array }

/** Generates a key pair (from a 32-byte seed when given, for reproducible tests; else from the OS). */
export function generateSigningKeys(seed?: Uint8Array): SigningKeys {
  if (seed && seed.length !== 32) throw new LukhasError('BAD_OPTION', `invalid signing seed: ${seed.length} bytes (expected 32)`);
  return ml_dsa65.keygen(seed ?? randomBytes(32));
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

/** Computes the commitment of a payload. */
export function commitmentOf(payload: AttestationPayload): string {
  return sha256(canonicalJson(payload)).toString('hex');
}

/** Signs a commitment to the symbols extracted from `message`. */
export function attestSymbols(input: { from: string; to: string; message: string; symbols: AttestationPayload['symbols']; secretKey: Uint8Array; nonce?: string }): SymbolAttestation {
  const payload: AttestationPayload = {
    from: input.from, to: input.to, messageSha256: sha256(input.message).toString('hex'),
    symbols: input.symbols.map((s) => ({ symbol: s.symbol, start: s.start, end: s.end })),
    nonce: input.nonce ?? randomBytes(16).toString('hex'),
  };
  const commitment = commitmentOf(payload);
  const signature = ml_dsa65.sign(Buffer.from(commitment, 'hex'), input.secretKey, { context: CONTEXT });
  return { alg: 'ML-DSA-65', payload, commitment, signature: Buffer.from(signature).toString('base64') };
}

function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex'), y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}

/**
 * Verifies an attestation for the received message; throws INTEGRITY naming what failed (message digest,
 * commitment, or signature). Returns the payload when everything holds.
 */
export function verifySymbolAttestation(att: SymbolAttestation, message: string, publicKey: Uint8Array): AttestationPayload {
  if (!att || att.alg !== 'ML-DSA-65' || typeof att.commitment !== 'string' || typeof att.signature !== 'string' || !att.payload) {
    throw new LukhasError('INTEGRITY', 'symbol attestation rejected: malformed (expected alg ML-DSA-65, payload, commitment, signature)');
  }
  if (!equalHex(sha256(message).toString('hex'), String(att.payload.messageSha256))) {
    throw new LukhasError('INTEGRITY', 'symbol attestation rejected: the message differs from the one the sender committed to');
  }
  if (!equalHex(commitmentOf(att.payload), att.commitment)) {
    throw new LukhasError('INTEGRITY', 'symbol attestation rejected: the commitment does not match the payload (symbols, users or nonce changed)');
  }
  let ok = false;
  try { ok = ml_dsa65.verify(Buffer.from(att.signature, 'base64'), Buffer.from(att.commitment, 'hex'), publicKey, { context: CONTEXT }); } catch { ok = false; }
  if (!ok) throw new LukhasError('INTEGRITY', 'symbol attestation rejected: the ML-DSA-65 signature does not verify under the sender\'s public key');
  return att.payload;
}

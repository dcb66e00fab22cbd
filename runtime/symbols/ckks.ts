/**
 * CKKS (node-seal 6.0.3, Microsoft SEAL 4.1) for private matching. The key holder (the sender side) creates a
 * session: secret key, and rotation (Galois) keys for the block sums only — no public key leaves it. It encrypts
 * its concept vectors, tiled across the slots; the matching side multiplies them by packed plaintext candidate
 * vectors, sums each block with rotations, masks every slot but the block heads, and returns ciphertexts; only
 * the key holder decrypts, and what it decrypts is one score per (query, candidate) pair.
 *
 * Parameters: N = 8192, coefficient moduli 60-40-40-60 bits (200 bits ≤ 218, SEAL's 128-bit security bound for
 * N = 8192), scale 2^40: enough levels for one plaintext multiply and one mask multiply.
 */
import { randomBytes } from 'node:crypto';
import { LukhasError } from '../errors.js';

/** Public parameters shared with the matching side. */
export interface CkksParams {
  polyModulusDegree: number;
  coeffBits: number[];
  scaleBits: number;
}

/** The default, 128-bit-secure parameters. */
export const CKKS_PARAMS: CkksParams = { polyModulusDegree: 8192, coeffBits: [60, 40, 40, 60], scaleBits: 40 };

/* eslint-disable @typescript-eslint/no-explicit-any -- node-seal's types declare a default export on a CommonJS module */
type Seal = any;
let sealPromise: Promise<Seal> | undefined;

/** Loads the SEAL Wasm module once per thread (lazily: importing this file starts nothing). */
export function loadSeal(): Promise<Seal> {
  // imported on first use: the module alone costs ~80 ms to load, and most processes never need it
  sealPromise ??= import('node-seal').then((mod: any) => ((mod.default ?? mod) as () => Promise<Seal>)());
  return sealPromise;
}

/** A SEAL context with its helpers. */
export interface CkksContext {
  seal: Seal;
  context: Seal;
  encoder: Seal;
  evaluator: Seal;
  slots: number;
  scale: number;
}

/** Builds a context for the given parameters (throws CRYPTO when SEAL rejects them). */
export function createCkksContext(seal: Seal, p: CkksParams): CkksContext {
  const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
  parms.setPolyModulusDegree(p.polyModulusDegree);
  parms.setCoeffModulus(seal.CoeffModulus.Create(p.polyModulusDegree, Int32Array.from(p.coeffBits)));
  const context = seal.Context(parms, true, seal.SecurityLevel.tc128);
  if (!context.parametersSet()) throw new LukhasError('CRYPTO', `CKKS parameters rejected by SEAL: ${context.parameterErrorMessage()}`);
  return { seal, context, encoder: seal.CKKSEncoder(context), evaluator: seal.Evaluator(context), slots: p.polyModulusDegree / 2, scale: 2 ** p.scaleBits };
}

/** Block size for `dims`-long vectors: the next power of two (block sums need power-of-two rotations). */
export function blockSize(dims: number, slots: number): number {
  let b = 1;
  while (b < dims) b *= 2;
  if (b > slots) throw new LukhasError('UNSUPPORTED', `vectors of ${dims} dimensions do not fit CKKS slots (${slots})`);
  return b;
}

/** Rotation steps the block sum needs: 1, 2, 4, ... block/2. */
export function rotationSteps(block: number): number[] {
  const s: number[] = [];
  for (let k = 1; k < block; k *= 2) s.push(k);
  return s;
}

/** What the key holder hands to the matching side: public parameters and rotation keys, nothing secret. */
export interface CkksPublicMaterial {
  sessionId: string;
  params: CkksParams;
  /** Serialized Galois keys, on a SharedArrayBuffer so every pool thread reads the same bytes without a copy. */
  galoisKeys: Uint8Array;
}

/** A key holder's session. The secret key never leaves this object. */
export interface CkksSession {
  readonly id: string;
  readonly material: CkksPublicMaterial;
  readonly dims: number;
  readonly block: number;
  readonly perCiphertext: number;
  /** Encrypts one vector (normalised to unit length), tiled across every block. */
  encryptQuery(vector: Float32Array): Uint8Array;
  /** Decrypts a result ciphertext and reads the `count` block heads. */
  decryptScores(result: Uint8Array, count: number): number[];
  destroy(): void;
}

/** Creates a key-holder session for vectors of `dims` dimensions. */
export async function createCkksSession(dims: number, params: CkksParams = CKKS_PARAMS): Promise<CkksSession> {
  const seal = await loadSeal();
  const ctx = createCkksContext(seal, params);
  const block = blockSize(dims, ctx.slots);
  const keygen = seal.KeyGenerator(ctx.context);
  const publicKey = keygen.createPublicKey();
  const encryptor = seal.Encryptor(ctx.context, publicKey);
  const decryptor = seal.Decryptor(ctx.context, keygen.secretKey());
  const galois = keygen.createGaloisKeys(Int32Array.from(rotationSteps(block)));
  const bytes = galois.saveArray(seal.ComprModeType.none) as Uint8Array;
  galois.delete();
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  const id = randomBytes(12).toString('hex');
  const per = ctx.slots / block;
  return {
    id, dims, block, perCiphertext: per,
    material: { sessionId: id, params, galoisKeys: shared },
    encryptQuery(vector) {
      if (vector.length !== dims) throw new LukhasError('BAD_INPUT', `query vector has ${vector.length} dimensions (session expects ${dims})`);
      const unit = toUnit(vector);
      const tiled = new Float64Array(ctx.slots);
      for (let k = 0; k < per; k++) tiled.set(unit, k * block);
      const pt = ctx.encoder.encode(tiled, ctx.scale);
      const ct = encryptor.encrypt(pt);
      const out = ct.saveArray(seal.ComprModeType.none) as Uint8Array;
      pt.delete(); ct.delete();
      return out;
    },
    decryptScores(result, count) {
      const ct = seal.CipherText();
      try { ct.loadArray(ctx.context, result); } catch (e) {
        throw new LukhasError('CRYPTO', 'a CKKS result ciphertext could not be loaded (corrupted or from another session)', { cause: e });
      }
      const pt = decryptor.decrypt(ct);
      const slots = ctx.encoder.decode(pt) as Float64Array;
      ct.delete(); pt.delete();
      return Array.from({ length: count }, (_, k) => slots[k * block]!);
    },
    destroy() { encryptor.delete(); decryptor.delete(); publicKey.delete(); keygen.delete(); },
  };
}

/** The vector scaled to unit length (zero stays zero), in float64. */
export function toUnit(v: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * k;
  return out;
}

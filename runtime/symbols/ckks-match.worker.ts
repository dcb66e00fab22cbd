/**
 * Homomorphic matching (privacy `high`), the matching side. Its input type has no field for plaintext sender
 * data: it gets the sender's vectors only as CKKS ciphertexts, plus public parameters and rotation keys — no
 * secret key, no public key, no symbols, no concept text.
 */
import { LukhasError } from '../errors.js';
import { blockSize, createCkksContext, loadSeal, rotationSteps, toUnit, type CkksContext, type CkksParams } from './ckks.js';

/** Input of one homomorphic matching task. */
export interface CkksMatchInput {
  sessionId: string;
  params: CkksParams;
  /** Serialized Galois keys (rotations only). */
  galoisKeys: Uint8Array;
  dims: number;
  /** The sender's vectors, each a serialized CKKS ciphertext (tiled across blocks). */
  encryptedQueries: Uint8Array[];
  /** The receiver's own candidate vectors, row-major, `dims` columns (plaintext: they belong to this side). */
  candidates: Float32Array;
  /** Work items: [query index, block index]; block b covers candidates b*perCiphertext ... */
  jobs: Array<[number, number]>;
}

/** One result ciphertext per job; block heads hold the scores, every other slot is masked to zero. */
export interface CkksMatchOutput {
  results: Uint8Array[];
}

interface ThreadState { key: string; ctx: CkksContext; galois: unknown }
let state: ThreadState | undefined;

async function stateFor(input: CkksMatchInput): Promise<ThreadState> {
  const key = `${input.sessionId}|${input.params.polyModulusDegree}|${input.params.coeffBits.join('.')}`;
  if (state?.key === key) return state;
  const seal = await loadSeal();
  const ctx = state && sameParams(state, input.params) ? state.ctx : createCkksContext(seal, input.params);
  if (state) (state.galois as { delete(): void }).delete();
  const galois = seal.GaloisKeys();
  try { galois.loadArray(ctx.context, input.galoisKeys); } catch (e) {
    throw new LukhasError('CRYPTO', 'CKKS rotation keys could not be loaded (corrupted or wrong parameters)', { cause: e });
  }
  state = { key, ctx, galois };
  return state;
}

function sameParams(s: ThreadState, p: CkksParams): boolean {
  return s.key.endsWith(`|${p.polyModulusDegree}|${p.coeffBits.join('.')}`);
}

/** Computes encrypted block scores for each job. */
export default async function matchEncrypted(input: CkksMatchInput): Promise<CkksMatchOutput> {
  const { ctx, galois } = await stateFor(input);
  const { seal, context, encoder, evaluator, slots, scale } = ctx;
  const block = blockSize(input.dims, slots);
  const per = slots / block;
  const steps = rotationSteps(block);
  const nCand = input.candidates.length / input.dims;
  const mask = new Float64Array(slots);
  for (let k = 0; k < per; k++) mask[k * block] = 1;
  const queries = new Map<number, unknown>();
  const packed = new Map<number, unknown>();
  const results: Uint8Array[] = [];
  const tmp = seal.CipherText();
  try {
    for (const [qi, bi] of input.jobs) {
      let q = queries.get(qi) as { delete(): void } | undefined;
      if (!q) {
        q = seal.CipherText();
        try { (q as unknown as { loadArray(c: unknown, a: Uint8Array): void }).loadArray(context, input.encryptedQueries[qi]!); } catch (e) {
          throw new LukhasError('CRYPTO', `encrypted query ${qi} could not be loaded (corrupted or from another session)`, { cause: e });
        }
        queries.set(qi, q);
      }
      let pt = packed.get(bi) as { delete(): void } | undefined;
      if (!pt) {
        const values = new Float64Array(slots);
        for (let k = 0; k < per; k++) {
          const j = bi * per + k;
          if (j >= nCand) break;
          values.set(toUnit(input.candidates.subarray(j * input.dims, (j + 1) * input.dims)), k * block);
        }
        pt = encoder.encode(values, scale);
        packed.set(bi, pt);
      }
      const m = evaluator.multiplyPlain(q, pt);
      evaluator.rescaleToNext(m, m);
      for (const s of steps) { evaluator.rotateVector(m, s, galois, tmp); evaluator.add(m, tmp, m); }
      const mpt = encoder.encode(mask, scale);
      evaluator.plainModSwitchTo(mpt, m.parmsId, mpt);
      evaluator.multiplyPlain(m, mpt, m);
      evaluator.rescaleToNext(m, m);
      results.push(m.saveArray(seal.ComprModeType.none) as Uint8Array);
      m.delete(); mpt.delete();
    }
  } finally {
    tmp.delete();
    for (const x of queries.values()) (x as { delete(): void }).delete();
    for (const x of packed.values()) (x as { delete(): void }).delete();
  }
  return { results };
}

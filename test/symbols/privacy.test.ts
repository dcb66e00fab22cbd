import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createWorkerPool, type TaskRef, type WorkerPool } from '../../runtime/pool/pool.js';
import type { CkksMatchInput } from '../../runtime/symbols/ckks-match.worker.js';
import { createCkksSession, type CkksSession } from '../../runtime/symbols/ckks.js';
import { createTranslator } from '../../runtime/symbols/translate.js';
import { conceptText } from '../../runtime/symbols/vocabulary.js';
import type { Vocabularies } from '../../runtime/symbols/vocabularies.js';
import { fixture, fixtureVocabularies } from './fixture.js';

/** A pool that records every input crossing to the workers, then forwards it. */
function spyPool(inner: WorkerPool) {
  const seen: Array<{ task: string; input: unknown }> = [];
  const pool: WorkerPool = {
    size: inner.size,
    run: <I, O>(task: TaskRef<I, O>, input: I, o?: Parameters<WorkerPool['run']>[2]) => { seen.push({ task: task.name + '@' + task.filename.split('/').pop(), input }); return inner.run(task, input, o); },
    stats: () => inner.stats(),
    destroy: (o?: { drain?: boolean }) => inner.destroy(o),
  };
  return { pool, seen };
}

/** Every typed array reachable from a value, with its path. */
function typedArrays(v: unknown, path = 'input', out: Array<[string, ArrayBufferView]> = []): Array<[string, ArrayBufferView]> {
  if (ArrayBuffer.isView(v)) out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => typedArrays(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) typedArrays(x, `${path}.${k}`, out);
  return out;
}

let vocab: Vocabularies;
let inner: WorkerPool;
let session: CkksSession;
beforeAll(async () => {
  vocab = await fixtureVocabularies();
  inner = createWorkerPool({ size: 2 });
  session = await createCkksSession(512);
});
afterAll(async () => { session.destroy(); await inner.destroy(); });

describe('privacy high (CKKS on the pool)', () => {
  it('the matching task input has no plaintext sender field (type level)', () => {
    expectTypeOf<keyof CkksMatchInput>().toEqualTypeOf<'sessionId' | 'params' | 'galoisKeys' | 'dims' | 'encryptedQueries' | 'candidates' | 'jobs'>();
    expectTypeOf<CkksMatchInput['encryptedQueries']>().toEqualTypeOf<Uint8Array[]>();
  });

  it('gives the same mappings as low on the whole fixture, scores within 1e-4, and never ships sender plaintext', async () => {
    const { pool, seen } = spyPool(inner);
    const low = createTranslator({ vocabularies: vocab });
    const high = createTranslator({ vocabularies: vocab, pool, poolWorkThreshold: 0 });
    let worst = 0, compared = 0;
    for (const c of fixture.cases) {
      const a = await low.translate({ from: c.from, to: c.to, message: c.message });
      const b = await high.translate({ from: c.from, to: c.to, message: c.message, privacy: 'high', ckksSession: session });
      expect(b.translated).toBe(a.translated);
      expect(b.mappings.map((m) => [m.from, m.to])).toEqual(a.mappings.map((m) => [m.from, m.to]));
      expect(b.unmapped.map((u) => u.symbol)).toEqual(a.unmapped.map((u) => u.symbol));
      const pairs = [...a.mappings.map((m, i) => [m.score, b.mappings[i]!.score]), ...a.unmapped.map((u, i) => [u.bestScore, b.unmapped[i]!.bestScore])];
      for (const [x, y] of pairs) { worst = Math.max(worst, Math.abs(x! - y!)); compared++; }
      expect(b.integrity).toBeCloseTo(a.integrity, 10); // integrity is computed by the key holder on its own data
    }
    console.log(`privacy high vs low: ${compared} scores compared, max |Δ| = ${worst.toExponential(2)}; ${seen.length} pool tasks`);
    expect(worst).toBeLessThan(1e-4);

    // what crossed to the matching side: only ciphertexts, rotation keys and the receiver's own vectors
    const senderVectors = new Set<string>();
    const embedder = high.embedder;
    for (const [user, file] of Object.entries(fixture.users)) {
      const v = await vocab.get(user);
      void file;
      for (const e of v.entries) senderVectors.add(Buffer.from((await embedder.embed([conceptText(e.concept)]))[0]!.buffer).toString('base64'));
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const { task, input } of seen) {
      expect(task).toMatch(/^default@ckks-match\.worker\.ts$/);
      const keys = Object.keys(input as object).sort();
      expect(keys).toEqual(['candidates', 'dims', 'encryptedQueries', 'galoisKeys', 'jobs', 'params', 'sessionId']);
      for (const [path, arr] of typedArrays(input)) {
        if (arr instanceof Float32Array || arr instanceof Float64Array) expect(path).toBe('input.candidates');
        else expect(arr).toBeInstanceOf(Uint8Array);
      }
      // no row of the plaintext matrix is a sender vector of this message (only receiver rows are there)
      const inp = input as CkksMatchInput;
      const text = JSON.stringify(inp, (_k, val) => (ArrayBuffer.isView(val) ? undefined : val));
      expect(text).not.toMatch(/description|tags|symbol/);
      for (const ct of inp.encryptedQueries) expect(ct.length).toBeGreaterThan(300_000); // ciphertexts, not 2 KiB float vectors
    }
    // a sender's query vectors never appear among the rows that did cross in plaintext, for the first task
    const first = seen[0]!.input as CkksMatchInput;
    const crossedRows = new Set<string>();
    for (let i = 0; i < first.candidates.length / 512; i++) crossedRows.add(Buffer.from(first.candidates.slice(i * 512, (i + 1) * 512).buffer).toString('base64'));
    const bobRows = (await vocab.get('bob')).entries.length;
    expect(crossedRows.size).toBe(bobRows); // exactly the receiver's (bob's) vocabulary for an alice→bob case
    expect(senderVectors.size).toBeGreaterThan(0);
  }, 120_000);
});

/**
 * The transparency-dev/merkle proof vectors (Apache-2.0), read in place from ../shared/data/merkle-testdata/:
 * every `wantErr` case must be rejected and every other accepted. Plus round trips of our own proof builders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof, frontierAppend, frontierRoot, inclusionProof, leafHash, rootOf, verifyConsistency,
  verifyInclusion, verifySubtreeInclusion, type Frontier,
} from '../../runtime/memory/merkle.js';

const root = fileURLToPath(new URL('../../../shared/data/merkle-testdata/', import.meta.url));
const present = existsSync(root);
if (!present) console.warn(`merkle vectors skipped: ${root} is absent (transparency-dev/merkle testdata)`);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

const b64 = (s: string | null | undefined) => Buffer.from(s ?? '', 'base64');
const proofOf = (p: string[] | null | undefined) => (p ?? []).map(b64);

describe.skipIf(!present)('RFC 9162 proof vectors (transparency-dev/merkle)', () => {
  const groups = [
    { dir: 'inclusion', check: (v: Record<string, any>) => verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), proofOf(v.proof), b64(v.root)) },
    { dir: 'consistency', check: (v: Record<string, any>) => verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), b64(v.root2)) },
    { dir: 'subtreeinclusion', check: (v: Record<string, any>) => verifySubtreeInclusion(v.leafIdx, v.start, v.end, b64(v.leafHash), proofOf(v.proof), b64(v.root)) },
  ];
  for (const g of groups) {
    it(`${g.dir}: every wantErr case rejected, every other accepted`, () => {
      const list = files(join(root, g.dir));
      expect(list.length).toBeGreaterThan(20);
      const wrong: string[] = [];
      let accepted = 0, rejected = 0;
      for (const f of list) {
        const v = JSON.parse(readFileSync(f, 'utf8'));
        const ok = g.check(v);
        if (ok === v.wantErr) wrong.push(`${f.slice(root.length)} (${v.desc}): got ${ok ? 'accepted' : 'rejected'}`);
        if (ok) accepted++; else rejected++;
      }
      expect(wrong).toEqual([]);
      expect(accepted).toBeGreaterThan(0);
      expect(rejected).toBeGreaterThan(accepted);
    });
  }
});

describe('our proofs round-trip', () => {
  const leaves = Array.from({ length: 37 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

  it('frontier root equals the recursive root at every size', () => {
    const f: Frontier = { size: 0, nodes: [] };
    for (let n = 1; n <= leaves.length; n++) {
      frontierAppend(f, leaves[n - 1]!);
      expect(Buffer.from(frontierRoot(f)).equals(Buffer.from(rootOf(leaves, n)))).toBe(true);
    }
  });

  it('every inclusion and consistency proof verifies; a flipped bit does not', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const r = rootOf(leaves, n);
      for (let i = 0; i < n; i++) {
        const p = inclusionProof(leaves, i, n);
        expect(verifyInclusion(i, n, leaves[i]!, p, r)).toBe(true);
        if (p.length > 0) {
          const bad = p.map((x) => Uint8Array.from(x));
          bad[0]![0]! ^= 1;
          expect(verifyInclusion(i, n, leaves[i]!, bad, r)).toBe(false);
        }
      }
      for (let m = 1; m <= n; m++) {
        const p = consistencyProof(leaves, m, n);
        expect(verifyConsistency(m, n, p, rootOf(leaves, m), r)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, p, rootOf(leaves, m), rootOf(leaves, n - 1))).toBe(false);
      }
    }
  });
});

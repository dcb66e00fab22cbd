/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree over the whole memory log: leaf SHA-256(0x00‖d), node
 * SHA-256(0x01‖l‖r), inclusion and consistency proofs and their verification, plus the compact "frontier" that
 * lets an appender keep the root current in O(log n) without reading the log back.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 digest length: every hash in a proof must have it. */
export const HASH_LEN = 32;

/** Root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Uint8Array = createHash('sha256').digest();

/** Leaf hash of data `d`: SHA-256(0x00 ‖ d). */
export function leafHash(d: Uint8Array): Uint8Array {
  return createHash('sha256').update(Uint8Array.of(0)).update(d).digest();
}

/** Interior node hash: SHA-256(0x01 ‖ l ‖ r). */
export function nodeHash(l: Uint8Array, r: Uint8Array): Uint8Array {
  return createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest();
}

/** Constant-time equality of two byte strings (false on unequal lengths instead of throwing). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes [lo, hi). */
function subtreeRoot(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  const n = hi - lo;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[lo]!;
  const k = split(n);
  return nodeHash(subtreeRoot(leaves, lo, lo + k), subtreeRoot(leaves, lo + k, hi));
}

/** Root of the tree whose leaf hashes are given (the first `size` of them; default all). */
export function rootOf(leaves: readonly Uint8Array[], size = leaves.length): Uint8Array {
  return subtreeRoot(leaves, 0, size);
}

/** Audit path of leaf `index` in the tree of the first `size` leaves (RFC 9162 §2.1.3.1). */
export function inclusionProof(leaves: readonly Uint8Array[], index: number, size = leaves.length): Uint8Array[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size || size > leaves.length) {
    throw new RangeError(`inclusion proof: index ${index} outside tree of size ${size}`);
  }
  const path = (m: number, lo: number, hi: number): Uint8Array[] => {
    const n = hi - lo;
    if (n <= 1) return [];
    const k = split(n);
    return m < k
      ? [...path(m, lo, lo + k), subtreeRoot(leaves, lo + k, hi)]
      : [...path(m - k, lo + k, hi), subtreeRoot(leaves, lo, lo + k)];
  };
  return path(index, 0, size);
}

/** Consistency proof between the trees of sizes `size1` ≤ `size2` (RFC 9162 §2.1.4.1). */
export function consistencyProof(leaves: readonly Uint8Array[], size1: number, size2 = leaves.length): Uint8Array[] {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2 || size2 > leaves.length) {
    throw new RangeError(`consistency proof: sizes ${size1}..${size2} invalid for a log of ${leaves.length}`);
  }
  if (size1 === 0 || size1 === size2) return [];
  const sub = (m: number, lo: number, hi: number, complete: boolean): Uint8Array[] => {
    const n = hi - lo;
    if (m === n) return complete ? [] : [subtreeRoot(leaves, lo, hi)];
    const k = split(n);
    return m <= k
      ? [...sub(m, lo, lo + k, complete), subtreeRoot(leaves, lo + k, hi)]
      : [...sub(m - k, lo + k, hi, false), subtreeRoot(leaves, lo, lo + k)];
  };
  return sub(size1, 0, size2, true);
}

const validSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
const allHashes = (proof: readonly Uint8Array[]) => proof.every((p) => p.length === HASH_LEN);

/** Verifies an inclusion proof (RFC 9162 §2.1.3.2). Returns false for any malformed input rather than throwing. */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!validSize(index) || !validSize(size) || index >= size) return false;
  if (leaf.length !== HASH_LEN || root.length !== HASH_LEN || !allHashes(proof)) return false;
  let fn = index, sn = size - 1, r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** Verifies a consistency proof between (size1, root1) and (size2, root2) (RFC 9162 §2.1.4.2). */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
  if (!validSize(size1) || !validSize(size2) || size1 > size2) return false;
  if (size1 === size2) {
    // nothing to prove; an empty tree has exactly one root
    if (proof.length !== 0 || !bytesEqual(root1, root2)) return false;
    return size1 !== 0 || bytesEqual(root1, EMPTY_ROOT);
  }
  if (size1 === 0 || proof.length === 0) return false;
  if (root1.length !== HASH_LEN || root2.length !== HASH_LEN || !allHashes(proof)) return false;
  const path = isPow2(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1, sn = size2 - 1;
  while (fn % 2 === 1) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
  let fr = path[0]!, sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

function isPow2(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/**
 * Verifies inclusion of a leaf in the subtree [start, end) of a larger tree, whose root is given. A subtree is
 * valid only where the tree itself has a node: start aligned to the smallest power of two ≥ end - start.
 */
export function verifySubtreeInclusion(index: number, start: number, end: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!validSize(index) || !validSize(start) || !validSize(end) || start >= end) return false;
  if (index < start || index >= end) return false;
  let width = 1;
  while (width < end - start) width *= 2;
  if (start % width !== 0) return false;
  return verifyInclusion(index - start, end - start, leaf, proof, root);
}

/**
 * The compact range [0, size): roots of the perfect subtrees, largest first. Appending a leaf and taking the root
 * cost O(log size), so an appender keeps the root current without reading the log.
 */
export interface Frontier {
  size: number;
  nodes: Uint8Array[];
}

/** Appends a leaf hash to a frontier (mutates it). */
export function frontierAppend(f: Frontier, leaf: Uint8Array): void {
  let node = leaf;
  let k = f.size;
  while (k % 2 === 1) { node = nodeHash(f.nodes.pop()!, node); k = Math.floor(k / 2); }
  f.nodes.push(node);
  f.size++;
}

/** Root of the tree a frontier describes. */
export function frontierRoot(f: Frontier): Uint8Array {
  if (f.nodes.length === 0) return EMPTY_ROOT;
  let r = f.nodes[f.nodes.length - 1]!;
  for (let i = f.nodes.length - 2; i >= 0; i--) r = nodeHash(f.nodes[i]!, r);
  return r;
}

/** Frontier as bytes (concatenated hashes) for the log head row. */
export function encodeFrontier(f: Frontier): Buffer {
  return Buffer.concat(f.nodes.map((n) => Buffer.from(n.buffer, n.byteOffset, n.byteLength)));
}

/** Frontier from its bytes and size; throws when the byte length disagrees with the size. */
export function decodeFrontier(size: number, bytes: Uint8Array): Frontier {
  let bits = 0;
  for (let s = size; s > 0; s = Math.floor(s / 2)) bits += s % 2;
  if (bytes.length !== bits * HASH_LEN) throw new RangeError(`frontier of ${bytes.length} bytes does not fit a log of ${size} entries`);
  const nodes: Uint8Array[] = [];
  for (let i = 0; i < bits; i++) nodes.push(Uint8Array.from(bytes.subarray(i * HASH_LEN, (i + 1) * HASH_LEN)));
  return { size, nodes };
}

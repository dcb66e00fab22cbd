/**
 * The helix memory port: per-user encrypted entries in one tamper-evident log. Adapters (PGlite, PostgreSQL)
 * provide a `pg.Pool`; everything else — encryption, chains, the Merkle tree, checkpoints, retrieval — is one
 * code path in {@link createSqlMemoryStore}.
 */
import type { JournalStore } from '../journal/journal.js';

/** What a caller stores. */
export interface MemoryInput {
  /** Owner of the entry (1..200 characters). Entries are only ever searched or read within their user. */
  userId: string;
  /** The text remembered (encrypted at rest). */
  text: string;
  /** Optional structured payload, stored encrypted beside the text. */
  data?: Record<string, unknown>;
  /** Lower-case label (`memory` by default); `control.*` is reserved. */
  kind?: string;
  /** Optional plaintext lookup key (e.g. a journal id); never secret, hashed into the chain. */
  ref?: string;
  /** Time to live: after it the content may be compacted away (the hashes stay). */
  ttlMs?: number;
  /** Whether to store an embedding for retrieval (default true). */
  embed?: boolean;
}

/** What an acknowledged append returns: the entry is durable once this resolves. */
export interface AppendReceipt {
  userId: string;
  seq: number;
  logIndex: number;
  /** Hex SHA-256 of the entry (its chain link and Merkle leaf data). */
  entryHash: string;
}

/** A decrypted entry. */
export interface MemoryEntry {
  userId: string;
  seq: number;
  logIndex: number;
  kind: string;
  ref: string | null;
  text: string;
  data: Record<string, unknown> | undefined;
  createdAt: number;
  expiresAt: number | null;
  keyVersion: number;
}

/** One retrieval hit. */
export interface SearchHit {
  entry: MemoryEntry;
  /** Cosine similarity to the query, in [-1, 1]. */
  score: number;
}

/** Search options. */
export interface SearchOptions {
  /** Hits returned at most (default 5). */
  k?: number;
  /** Minimum cosine similarity (default 0.85). */
  threshold?: number;
  /** Where similarity runs: the worker pool (default when the store has one) or the calling thread. */
  on?: 'pool' | 'main';
  signal?: AbortSignal;
}

/** One integrity fault found by verify. */
export interface VerifyFault {
  kind: 'gap' | 'chain' | 'seq' | 'hash' | 'content' | 'decrypt' | 'checkpoint' | 'head' | 'key' | 'truncated' | 'log-head';
  message: string;
  logIndex?: number;
  userId?: string;
  seq?: number;
}

/** The outcome of a full verification. */
export interface VerifyReport {
  ok: boolean;
  entries: number;
  users: number;
  treeSize: number;
  /** Hex root of the recomputed tree. */
  rootHash: string;
  checkpoints: number;
  /** The largest checkpointed size, or 0. */
  checkpointedSize: number;
  /** Entries whose content was removed by retention. */
  compacted: number;
  /** Entries not decryptable because their user's key was shredded. */
  shredded: number;
  faults: VerifyFault[];
  /** The first fault in log order (what the CLI prints). */
  firstFault: VerifyFault | undefined;
  ms: number;
}

/** A signed tree head, in plain JSON form. */
export interface CheckpointInfo {
  treeSize: number;
  rootHash: string;
  signedAt: number;
  publicKeyId: string;
}

/** An inclusion proof of one entry (hex hashes). */
export interface InclusionProofInfo {
  logIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
}

/** A consistency proof between two tree sizes (hex hashes). */
export interface ConsistencyProofInfo {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
}

/** The helix memory store. Also a {@link JournalStore}: journals persist as entries of a reserved user. */
export interface MemoryStore extends JournalStore {
  append(input: MemoryInput): Promise<AppendReceipt>;
  /** Appends many entries in one transaction and one INSERT; receipts in input order. */
  appendBatch(inputs: readonly MemoryInput[]): Promise<AppendReceipt[]>;
  /** A user's readable entries in sequence order (compacted, shredded and control entries are left out). */
  read(userId: string, options?: { fromSeq?: number; limit?: number }): Promise<MemoryEntry[]>;
  search(userId: string, text: string, options?: SearchOptions): Promise<SearchHit[]>;
  verify(options?: { decrypt?: boolean; now?: number; maxFaults?: number }): Promise<VerifyReport>;
  /** Signs and stores a checkpoint of the current tree (no-op when the tree did not grow). */
  checkpoint(): Promise<CheckpointInfo | undefined>;
  latestCheckpoint(): Promise<CheckpointInfo | undefined>;
  proveInclusion(logIndex: number, treeSize?: number): Promise<InclusionProofInfo>;
  proveConsistency(size1: number, size2?: number): Promise<ConsistencyProofInfo>;
  /** New data key version for a user: new entries use it, old ones stay readable. Returns the new version. */
  rotateKey(userId: string): Promise<number>;
  /** Crypto-shreds a user: deletes every data key of theirs and records it in their chain. */
  shredUser(userId: string): Promise<void>;
  /** Retention: removes the content of entries expired at `now`, keeping their hashes. Returns the count. */
  compact(now?: number): Promise<number>;
  close(): Promise<void>;
}

/** Reserved owner of journal entries. */
export const JOURNAL_USER = 'lukhas:journal';

/** Helix memory: the port, the SQL store shared by the PGlite and PostgreSQL adapters, and its building blocks. */
export type {
  AppendReceipt, CheckpointInfo, ConsistencyProofInfo, InclusionProofInfo, MemoryEntry, MemoryInput, MemoryStore, SearchHit,
  SearchOptions, VerifyFault, VerifyReport,
} from './memory.port.js';
export { JOURNAL_USER } from './memory.port.js';
export { createSqlMemoryStore, type SqlMemoryStoreOptions } from './sql-memory.store.js';
export { MIGRATIONS, migrate, type Migration } from './migrations.js';
export {
  EMPTY_ROOT, consistencyProof, inclusionProof, leafHash, nodeHash, rootOf, verifyConsistency, verifyInclusion, verifySubtreeInclusion,
} from './merkle.js';
export { parseMasterKey, masterKeyId } from './envelope.js';
export { createCheckpointSigner, type Checkpoint, type CheckpointSigner } from './chain.js';
export { similarityTask } from './search.js';

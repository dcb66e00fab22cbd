/** Public API of the runtime core: ports, errors, determinism helpers, journal, consensus, addressing. */
export { ERROR_CODES, LukhasError, badOption, toLukhasError, type ErrorCode, type LukhasErrorOptions } from './errors.js';
export { createRandom, hash32, type Random } from './random.js';
export { systemClock, createManualClock, type Clock, type ManualClock } from './clock.js';
export { createCounterIds, type IdGenerator } from './ids.js';
export { createLogger, scrubSecrets, type Logger } from './logger.js';
export * from './models/model.port.js';
export { cosine, type Embedder } from './embedding/embedder.port.js';
export { createHashedEmbedder, normaliseText, type HashedEmbedderOptions } from './embedding/hashed.embedder.js';
export { Journal, createInMemoryJournalStore, type JournalEntry, type JournalKind, type JournalListener, type JournalRecord, type JournalStore } from './journal/journal.js';
export { canonicalJson, hashOf } from './journal/canonical.js';
export * from './consensus/index.js';
export type * from './deliberation/deliberation.types.js';
export type * from './deliberation/turn.port.js';
export { formatAgentId, parseAgentId, type AgentId, type TopicId } from './actors/address.js';
export { envelopeSchema, type Envelope } from './actors/envelope.js';
export * from './ethics/index.js';
export { withVerdictCache, type VerdictCacheOptions } from './ethics/cached.gate.js';
export { createActorSystem, type ActorSystem, type ActorSystemOptions, type AgentHandler } from './actors/actor-system.js';

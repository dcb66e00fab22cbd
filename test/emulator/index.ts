/** The provider emulator, for tests and for users (re-exported from `lukhas/testing`). */
export { startProviderEmulator } from './provider-emulator.js';
export type { EmulatorFault, EmulatorOptions, EmulatorReply, EmulatorStats, ProviderEmulator, EmulatedRequest, EmulatorProvider } from './provider-emulator.js';
export { emulatedEmbedding, embeddingTokens, EMULATED_DIMENSIONS, type EmbeddingFn } from './emulator.embeddings.js';
export type { BatchOptions, BatchStats } from './emulator.batch.js';
export type { EmulatedImage } from './emulator.images.js';
export type { EmulatedMessage, EmulatedToolCall, EmulatedToolResult } from './emulator.wire.js';

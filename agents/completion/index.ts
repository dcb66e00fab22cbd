/** The completion pipeline with real effects. */
export { buildCompletionRequest, replayCompletion, runCompletion, type CompletionDeps, type CompletionResult } from './completion.runner.js';
export { completionMemoryFromStore, createInMemoryCompletionMemory, type CompletionMemory } from './completion.memory.js';

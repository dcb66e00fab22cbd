/** Provider adapters, model specs, the resolver and cassettes (the simulated model is exported by its own module). */
export { createOpenAIAdapter, createOpenAIClient, type OpenAIAdapterConfig, type OpenAIClientConfig, type OpenAIClientHandle, type OpenAIProviderId } from './openai.adapter.js';
export { createAnthropicAdapter, createAnthropicClient, ANTHROPIC_STREAM_THRESHOLD, ANTHROPIC_DEFAULT_MAX_TOKENS, type AnthropicAdapterConfig, type AnthropicClientConfig, type AnthropicClientHandle } from './anthropic.adapter.js';
export { createGeminiAdapter, createGeminiClient, type GeminiAdapterConfig, type GeminiClientConfig, type GeminiClientHandle } from './gemini.adapter.js';
export { parseModelSpec, parseModelChain, parseModelsFlag, PROVIDERS, type ModelSpec, type ProviderId } from './model-spec.js';
export { createModelResolver, agentName, type ModelResolver, type ModelResolverConfig, type ProviderConfig } from './model-resolver.js';
export { withRecording, createReplayModel, cassetteKey, normaliseRequest, type CassetteEntry, type CassetteFile, type ReplayOptions } from './cassette.adapter.js';
export { mapProviderError, parseRetryAfter, scrub } from './provider-errors.js';

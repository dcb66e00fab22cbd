import { LukhasError } from '../../runtime/errors.js';

/** How to reach a provider: explicit values win over the SDK's own environment variables. */
export interface ProviderClientConfig {
  apiKey?: string;
  baseURL?: string;
  timeoutMs?: number;
  /** The fetch the SDK sends with (default: the SDK's, i.e. the global fetch; the model resolver passes its pooled transport, http-transport.ts). */
  fetch?: typeof globalThis.fetch;
  /** Environment to read (default process.env, read when the client is built, never at import). */
  env?: Record<string, string | undefined>;
}

/** An SDK client plus the secrets its errors must never show. */
export interface ClientHandle<C> {
  client: C;
  secrets: string[];
  /** The fetch the client was built with, when not the global one. */
  fetch?: typeof globalThis.fetch;
}

/**
 * The key and base URL of a provider from config or its SDK's variables; a missing key is a BAD_OPTION that
 * names both places it can come from.
 */
export function providerCredentials(provider: string, config: ProviderClientConfig, keyVar: string, urlVar: string): { apiKey: string; baseURL: string | undefined } {
  const env = config.env ?? process.env;
  const apiKey = config.apiKey ?? env[keyVar];
  if (!apiKey) {
    throw new LukhasError('BAD_OPTION', `${provider} needs an API key: set ${keyVar} or providers.${provider}.apiKey`, { details: { option: `providers.${provider}.apiKey` } });
  }
  return { apiKey, baseURL: config.baseURL ?? env[urlVar] };
}

/**
 * Model specs as users write them: `provider:model`, optionally `@baseURL`, and fallback chains joined by `|`.
 *   openai:gpt-4o-mini    anthropic:claude-haiku-4-5    gemini:gemini-2.5-flash    simulated
 *   openai-compatible:llama3@http://127.0.0.1:11434/v1
 *   --models ethical=openai:gpt-4o-mini|anthropic:claude-haiku-4-5,logical=gemini:gemini-2.5-flash
 * Every error names the bad item and the accepted providers. The resolver lives in model-resolver.ts and is
 * re-exported here.
 */
import { LukhasError } from '../../runtime/errors.js';

/** Providers a spec may name. */
export const PROVIDERS = ['openai', 'anthropic', 'gemini', 'openai-compatible', 'simulated'] as const;

/** A provider id. */
export type ProviderId = (typeof PROVIDERS)[number];

/** A parsed spec. */
export interface ModelSpec {
  provider: ProviderId;
  model: string;
  /** Base URL from `@url` (required for openai-compatible, an override for the others). */
  baseURL?: string;
  /** The spec as written. */
  text: string;
}

const ACCEPTED = `provider:model with provider one of ${PROVIDERS.join(', ')} (e.g. openai:gpt-4o-mini, openai-compatible:llama3@http://127.0.0.1:11434/v1, simulated)`;

function bad(option: string, item: string, why: string): never {
  throw new LukhasError('BAD_OPTION', `invalid ${option}: ${JSON.stringify(item)}: ${why} (expected ${ACCEPTED})`, { details: { option, item } });
}

/** Parses one `provider:model[@baseURL]`. */
export function parseModelSpec(text: string, option = 'model'): ModelSpec {
  const spec = text.trim();
  if (!spec) bad(option, text, 'empty');
  if (spec === 'simulated') return { provider: 'simulated', model: 'simulated', text: spec };
  const colon = spec.indexOf(':');
  if (colon <= 0) bad(option, text, 'no provider');
  const provider = spec.slice(0, colon);
  if (!(PROVIDERS as readonly string[]).includes(provider)) bad(option, text, `unknown provider ${JSON.stringify(provider)}`);
  const rest = spec.slice(colon + 1);
  const at = rest.indexOf('@');
  const model = at === -1 ? rest : rest.slice(0, at);
  const baseURL = at === -1 ? undefined : rest.slice(at + 1);
  if (!model || /\s/.test(model)) bad(option, text, 'missing or malformed model name');
  if (baseURL !== undefined) {
    let url: URL | undefined;
    try { url = new URL(baseURL); } catch { url = undefined; }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) bad(option, text, `base URL ${JSON.stringify(baseURL)} is not an http(s) URL`);
  }
  if (provider === 'openai-compatible' && !baseURL) bad(option, text, 'openai-compatible needs a base URL after @');
  return { provider: provider as ProviderId, model, ...(baseURL ? { baseURL } : {}), text: spec };
}

/** Parses a fallback chain `primary|fallback|...`. */
export function parseModelChain(text: string, option = 'model'): ModelSpec[] {
  const items = text.split('|');
  if (items.some((i) => i.trim() === '')) bad(option, text, 'empty item in the fallback chain');
  return items.map((i) => parseModelSpec(i, option));
}

/**
 * Parses the `--models` flag: `role=chain,role=chain,...`; the role `*` sets the default for every other role.
 * Duplicate roles are an error (silently keeping one would hide a typo).
 */
export function parseModelsFlag(value: string, option = '--models'): Record<string, ModelSpec[]> {
  const out: Record<string, ModelSpec[]> = {};
  const items = value.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((i) => i === '')) {
    throw new LukhasError('BAD_OPTION', `invalid ${option}: ${JSON.stringify(value)}: empty item (expected role=provider:model,... e.g. ethical=openai:gpt-4o-mini,logical=anthropic:claude-haiku-4-5)`, { details: { option } });
  }
  for (const item of items) {
    const eq = item.indexOf('=');
    const role = eq === -1 ? '' : item.slice(0, eq).trim();
    if (!role || !/^(\*|[a-z][\w-]*)$/i.test(role)) {
      throw new LukhasError('BAD_OPTION', `invalid ${option} item ${JSON.stringify(item)}: expected role=provider:model (role a name like ethical, or * for every role)`, { details: { option, item } });
    }
    if (out[role]) throw new LukhasError('BAD_OPTION', `invalid ${option} item ${JSON.stringify(item)}: role ${role} given twice`, { details: { option, item } });
    out[role] = parseModelChain(item.slice(eq + 1), `${option} item ${role}`);
  }
  return out;
}

export { createModelResolver, type ModelResolver, type ModelResolverConfig } from './model-resolver.js';

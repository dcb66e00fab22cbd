/**
 * `createModelResolver(config)` → `(agent) => ModelAdapter`. Each provider client is built once and shared by
 * every agent that uses it; each model is wrapped in the runtime's resilience with its provider's shared breaker
 * and bulkhead, chained with its fallbacks, optionally recorded to or replayed from a cassette directory, and
 * metered by the ledger. Without any API key and without configured models, agents get the simulated model and
 * `resolver.notice` says so (the CLI prints it).
 */
import type { AgentSpec } from '../../runtime/deliberation/deliberation.types.js';
import { LukhasError } from '../../runtime/errors.js';
import { withFallback } from '../../runtime/models/fallback.js';
import type { Ledger } from '../../runtime/models/ledger.js';
import { withLedger } from '../../runtime/models/metered.js';
import { MODEL_PORT_VERSION_2, type CallOptions, type ModelAdapter, type ModelRequest, type StreamPart } from '../../runtime/models/model.port.js';
import { createProviderGuard, type ProviderGuard, type ProviderGuardOptions } from '../../runtime/models/provider-guard.js';
import { withResilience, type ResilienceOptions } from '../../runtime/models/resilience.js';
import { createRandom } from '../../runtime/random.js';
import type { AnthropicClientHandle } from './anthropic.adapter.js';
import { createReplayModel, withRecording } from './cassette.adapter.js';
import type { GeminiClientHandle } from './gemini.adapter.js';
import type { HttpTransport } from './http-transport.js';
import { parseModelChain, type ModelSpec } from './model-spec.js';
import type { OpenAIClientHandle } from './openai.adapter.js';

/** Explicit credentials / endpoints of one provider (override the SDKs' environment variables). */
export interface ProviderConfig { apiKey?: string; baseURL?: string }

/** Configuration of {@link createModelResolver}. */
export interface ModelResolverConfig {
  /** The simulated model factory (the lead's createSimulatedModel), used by default and where a chain lists it. */
  simulated: (agent: AgentSpec) => ModelAdapter;
  providers?: { openai?: ProviderConfig; anthropic?: ProviderConfig; gemini?: ProviderConfig; 'openai-compatible'?: { apiKey?: string } };
  /** Environment to read keys and base URLs from (default process.env, read here, never at import). */
  env?: Record<string, string | undefined>;
  /** role (or `*`) → chain, as text (`openai:gpt-4o-mini|simulated`) or parsed (parseModelsFlag). agent.model wins. */
  models?: Record<string, string | ModelSpec[]>;
  /** Retry, timeout and stall settings for every model; `seed` seeds the jitter (default 0). */
  resilience?: Omit<ResilienceOptions, 'guard' | 'random'> & { seed?: number };
  /** Breaker and bulkhead settings, for every provider or per provider id. */
  guards?: ProviderGuardOptions & { perProvider?: Record<string, ProviderGuardOptions> };
  /** Records every call (outermost, after fallbacks) into this directory. */
  record?: string;
  /** Serves every call from this cassette directory: no client is built, no request is sent. */
  replay?: string;
  ledger?: Ledger;
  /**
   * The fetch every SDK client sends with. Default: one pooled undici transport for the resolver's clients
   * (http-transport.ts: the same requests, less CPU per call than the global fetch); pass `globalThis.fetch` for
   * the SDKs' own default, or any fetch (a proxy, instrumentation).
   */
  fetch?: typeof globalThis.fetch;
  /** Chooses the ledger per request (e.g. the one of the request's deliberation). */
  ledgerFor?: (request: ModelRequest) => Ledger | undefined;
}

/** The resolver: call it with an agent to get that agent's model. */
export interface ModelResolver {
  (agent: AgentSpec): ModelAdapter;
  /** Set when the simulated model is used because no key is configured: print it. */
  readonly notice: string | undefined;
  /** The shared per-provider guards built so far (for metrics and tests). */
  readonly guards: ReadonlyMap<string, ProviderGuard>;
  /** The chain an agent resolves to, as `provider:model` labels. */
  describe(agent: AgentSpec): string[];
  /** Closes the pooled connections of the resolver's transport (idle ones never keep the process alive). */
  close(): Promise<void>;
}

/**
 * An adapter whose SDK is loaded on its first call: the three SDKs and the transport are some 500 modules (about
 * 0.6 s at start-up), which a run on the simulated model, or `lukhas --help`, never needs. Which provider and model
 * it serves is known at once; a client that cannot be built fails that call, as an adapter error.
 */
function lazyAdapter(provider: string, model: string, load: () => Promise<ModelAdapter>): ModelAdapter {
  let loading: Promise<ModelAdapter> | undefined;
  let ready: ModelAdapter | undefined; // once loaded, calls go straight to it (no extra promise turn per call)
  // a failed load (a client that cannot be built) fails that call and is tried again by the next
  const get = () => (loading ??= load().then((a) => (ready = a), (err: unknown) => { loading = undefined; throw err; }));
  return {
    // every lazily loaded adapter is an SDK adapter (openai, anthropic, gemini, openai-compatible): port v2
    portVersion: MODEL_PORT_VERSION_2,
    provider,
    model,
    generate: (req: ModelRequest, options?: CallOptions) => (ready ? ready.generate(req, options) : get().then((a) => a.generate(req, options))),
    async *stream(req: ModelRequest, options?: CallOptions): AsyncIterable<StreamPart> { yield* (ready ?? (await get())).stream(req, options); },
  };
}

const KEY_VARS = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', gemini: 'GEMINI_API_KEY' } as const;

/** The agent's name in ledgers and cassettes: `role/key` or `role`. */
export function agentName(agent: AgentSpec): string {
  return agent.key ? `${agent.role}/${agent.key}` : agent.role;
}

/** Builds a resolver; throws BAD_OPTION at once when a configured provider lacks its key. */
export function createModelResolver(config: ModelResolverConfig): ModelResolver {
  const env = config.env ?? process.env;
  const p = config.providers ?? {};
  const keyOf = (id: keyof typeof KEY_VARS) => p[id]?.apiKey ?? env[KEY_VARS[id]];
  const anyKey = (Object.keys(KEY_VARS) as (keyof typeof KEY_VARS)[]).some((id) => Boolean(keyOf(id)));
  const chains = new Map<string, ModelSpec[]>();
  for (const [role, v] of Object.entries(config.models ?? {})) chains.set(role, typeof v === 'string' ? parseModelChain(v, `models.${role}`) : v);

  const needsKey = (spec: ModelSpec, where: string) => {
    if (config.replay || spec.provider === 'simulated' || spec.provider === 'openai-compatible') return;
    if (!keyOf(spec.provider)) throw new LukhasError('BAD_OPTION', `${where} uses ${spec.text} but no key is configured: set ${KEY_VARS[spec.provider]} or providers.${spec.provider}.apiKey`, { details: { option: where } });
  };
  for (const [role, chain] of chains) for (const s of chain) needsKey(s, `models.${role}`);

  const notice = !anyKey && chains.size === 0 && !config.replay
    ? `no model API key found (${Object.values(KEY_VARS).join(', ')}): every agent uses the offline simulated model`
    : undefined;

  const handles = new Map<string, Promise<OpenAIClientHandle | AnthropicClientHandle | GeminiClientHandle>>();
  // built with the first SDK client: a resolver of simulated models opens no pool
  let transport: Promise<HttpTransport> | undefined;
  const sendWith = async (): Promise<{ fetch: typeof globalThis.fetch }> => {
    if (config.fetch) return { fetch: config.fetch };
    transport ??= import('./http-transport.js').then((m) => m.createHttpTransport());
    return { fetch: (await transport).fetch };
  };
  const guards = new Map<string, ProviderGuard>();
  const root = createRandom(config.resilience?.seed ?? 0);
  const cursors = new Map<string, number>();

  const guardFor = (id: string, provider: string) => {
    let g = guards.get(id);
    if (!g) {
      const { perProvider, ...common } = config.guards ?? {};
      g = createProviderGuard(id, { ...common, ...perProvider?.[provider], ...perProvider?.[id] });
      guards.set(id, g);
    }
    return g;
  };

  /** The simulated model, or how to load a provider's SDK adapter (see {@link lazyAdapter}) and its guard id. */
  const rawAdapter = (spec: ModelSpec, agent: AgentSpec): { adapter: ModelAdapter } | { load: () => Promise<ModelAdapter>; guardId: string } => {
    if (spec.provider === 'simulated') return { adapter: config.simulated(agent) };
    const id = spec.baseURL ? `${spec.provider}@${spec.baseURL}` : spec.provider;
    // one client per provider endpoint, shared by every adapter of it
    const handle = <H>(make: () => Promise<H>): Promise<H> => {
      let h = handles.get(id) as Promise<H> | undefined;
      if (!h) { h = make(); handles.set(id, h as never); }
      return h;
    };
    const baseURL = spec.baseURL;
    const at = baseURL ? { baseURL } : {};
    const load = async (): Promise<ModelAdapter> => {
      switch (spec.provider) {
        case 'openai':
        case 'openai-compatible': {
          const m = await import('./openai.adapter.js');
          const explicit = spec.provider === 'openai' ? p.openai : { ...p['openai-compatible'], baseURL };
          const h = await handle(async () => m.createOpenAIClient({ provider: spec.provider as 'openai', env, ...(await sendWith()), ...explicit, ...at }));
          return m.createOpenAIAdapter({ model: spec.model, handle: h });
        }
        case 'anthropic': {
          const m = await import('./anthropic.adapter.js');
          const h = await handle(async () => m.createAnthropicClient({ env, ...(await sendWith()), ...p.anthropic, ...at }));
          return m.createAnthropicAdapter({ model: spec.model, handle: h });
        }
        case 'gemini': {
          const m = await import('./gemini.adapter.js');
          const h = await handle(async () => m.createGeminiClient({ env, ...(await sendWith()), ...p.gemini, ...at }));
          return m.createGeminiAdapter({ model: spec.model, handle: h });
        }
        default:
          throw new LukhasError('BAD_OPTION', `unknown provider ${JSON.stringify(spec.provider)}`, { details: { option: 'model' } });
      }
    };
    return { load, guardId: id };
  };

  const chainFor = (agent: AgentSpec): ModelSpec[] => {
    if (agent.model) return parseModelChain(agent.model, `agent ${agentName(agent)} model`);
    return chains.get(agent.role) ?? chains.get('*') ?? [{ provider: 'simulated', model: 'simulated', text: 'simulated' }];
  };

  const resolve = ((agent: AgentSpec): ModelAdapter => {
    const name = agentName(agent);
    const specs = chainFor(agent);
    for (const s of specs) needsKey(s, `agent ${name} model`);
    let model: ModelAdapter;
    if (config.replay) {
      model = createReplayModel(config.replay, { model: specs[0]!.model, cursors });
    } else {
      const { seed: _seed, ...resilience } = config.resilience ?? {};
      const wrapped = specs.map((spec) => {
        const raw = rawAdapter(spec, agent);
        if ('adapter' in raw) return raw.adapter; // the simulated model does no I/O: nothing to retry, break or bound
        const options = { ...resilience, guard: guardFor(raw.guardId, spec.provider), random: root.fork(`${name}:${spec.text}`) };
        // loaded before the resilience layer: loading the SDK never counts against a call's deadline
        return lazyAdapter(spec.provider, spec.model, async () => withResilience(await raw.load(), options));
      });
      model = withFallback(wrapped);
      if (config.record) model = withRecording(model, config.record);
    }
    return withLedger(model, config.ledger, { agent: name, ...(config.ledgerFor ? { ledgerFor: config.ledgerFor } : {}) });
  }) as ModelResolver;

  Object.defineProperties(resolve, {
    notice: { value: notice, enumerable: true },
    guards: { value: guards, enumerable: true },
    close: { value: async () => { if (transport) await (await transport).close(); } },
    describe: { value: (agent: AgentSpec) => chainFor(agent).map((s) => (s.provider === 'simulated' ? 'simulated' : `${s.provider}:${s.model}`)) },
  });
  return resolve;
}

/**
 * Composition root: the real engine for simulations — `createRuntime()` of adapters/lukhas.main, with each agent's
 * model resolved from its `model` field (the simulated model when it names none; provider keys and base URLs
 * from the SDKs' variables), and open answers grouped as the scenario's `grouping` says (hashed by default, or a
 * provider embedder, a canonicaliser, a threshold). Loaded by path (see engine.loader), once per process, in the
 * coordinator, in child processes and in NATS workers alike; one runtime per grouping setting.
 */
import type { DeliberationRequest, DeliberationResult } from '../../runtime/deliberation/deliberation.types.js';
import { LukhasError } from '../../runtime/errors.js';
import type { SimulationEngine } from '../../runtime/simulation/executor.port.js';
import type { GroupingConfig } from '../../runtime/simulation/run-spec.js';
import { canonicalJson } from '../../runtime/journal/canonical.js';
import { costOfResponse, DEFAULT_PRICES } from '../../runtime/models/ledger.js';
import type { ModelAdapter, ModelResponse } from '../../runtime/models/model.port.js';
import { modelCanonicaliser, ruleCanonicaliser, type Canonicaliser } from '../../runtime/embedding/position-keys.js';
import type { Embedder } from '../../runtime/embedding/embedder.port.js';
import { createGate, type Gate } from '../../runtime/ethics/gate.js';
import { withVerdictCache } from '../../runtime/ethics/cached.gate.js';
import { gatedCaller } from '../../runtime/ethics/with-gate.js';
import type { AgentSpec } from '../../runtime/deliberation/deliberation.types.js';

interface RuntimeLike {
  deliberate(request: DeliberationRequest): Promise<DeliberationResult>;
  close?(): Promise<void>;
}

/** The runtime factory the engine is built on (createRuntime of adapters/lukhas.main). */
export type RuntimeFactory = (options?: Record<string, unknown>) => RuntimeLike | Promise<RuntimeLike>;

/** What the engine needs besides the runtime factory (built lazily: a simulated-only run loads no SDK). */
export interface EngineParts {
  /** agent → model (the model resolver); absent: createRuntime's default, the simulated model for everyone. */
  models?: (agent: AgentSpec) => ModelAdapter;
  /** `provider:model` → embedder (adapters/models/embedder-spec.ts). */
  embedder?: (spec: string) => Promise<Embedder & { groupingThreshold?: number }>;
  close?: () => Promise<void>;
}

/** Dollars of a reply by the bundled table, at batch rates for batch replies; null (unpriced) for a model it lacks. */
const price = (r: ModelResponse): number | null =>
  r.provider === 'simulated' || r.provider === 'scripted' || r.provider === 'replay' ? 0 : costOfResponse(DEFAULT_PRICES, r);

/** The canonicaliser a grouping names: `numeric`, `text`, or `model:provider:model` (its calls pass the gate). */
export function canonicaliserFor(spec: string, models: EngineParts['models'], gate: Gate): Canonicaliser {
  if (spec === 'numeric' || spec === 'text') return ruleCanonicaliser(spec);
  if (spec.startsWith('model:') && models) {
    const call = gatedCaller(gate);
    return modelCanonicaliser(models({ role: 'canonicaliser', key: '1', model: spec.slice(6) }), (m, r, o) => call(m, r, o, () => undefined));
  }
  throw new LukhasError('BAD_OPTION', `invalid grouping.canonicalise: ${JSON.stringify(spec)} (expected numeric, text or model:provider:model)`);
}

/**
 * The engine over a runtime factory. Exported so that an in-process caller (a test, an embedding program) gets the
 * same engine as child processes and workers without the computed import below.
 */
export async function engineFromRuntime(createRuntime: RuntimeFactory, parts: EngineParts = {}): Promise<SimulationEngine> {
  const gate = withVerdictCache(createGate());
  const runtimes = new Map<string, Promise<RuntimeLike>>();
  const runtimeFor = (g: GroupingConfig | undefined): Promise<RuntimeLike> => {
    const key = canonicalJson(g ?? {});
    let r = runtimes.get(key);
    if (!r) {
      r = (async () => {
        const options: Record<string, unknown> = { gate, price };
        if (parts.models) options.models = parts.models;
        if (g?.embedder && g.embedder !== 'hashed') {
          if (!parts.embedder) throw new LukhasError('UNSUPPORTED', 'this engine has no provider embedders');
          options.groupingEmbedder = await parts.embedder(g.embedder);
        }
        if (g?.canonicalise) options.canonicaliser = canonicaliserFor(g.canonicalise, parts.models, gate);
        if (g?.threshold !== undefined) options.groupingThreshold = g.threshold;
        return createRuntime(options);
      })();
      // a grouping that cannot be built fails every run that asks for it, and is tried again next time
      r.catch(() => runtimes.delete(key));
      runtimes.set(key, r);
    }
    return r;
  };
  return {
    // the journal that deliberate() also returns travels to toRunRecord (experiments read the first round from
    // it) and is dropped there: results.jsonl keeps the record, memory stays flat
    deliberate: async (request, opts) => (await runtimeFor(opts?.grouping)).deliberate(request),
    close: async () => {
      for (const r of runtimes.values()) await (await r.catch(() => undefined))?.close?.();
      await parts.close?.();
    },
  };
}

/** Creates the real engine. */
export async function createEngine(): Promise<SimulationEngine> {
  // imported by computed specifiers: the public entry is a composition root and loads every layer
  const entry = '../lukhas.main.js';
  const resolverEntry = '../models/model-resolver.js';
  const embedderEntry = '../models/embedder-spec.js';
  let mod: { createRuntime?: RuntimeFactory; createSimulatedModel?: () => ModelAdapter };
  try {
    mod = (await import(entry)) as typeof mod;
  } catch (err) {
    throw new LukhasError('UNSUPPORTED', `the deliberation engine (adapters/lukhas.main) could not be loaded: ${(err as Error).message}`, { cause: err });
  }
  if (typeof mod.createRuntime !== 'function') throw new LukhasError('UNSUPPORTED', 'adapters/lukhas.main does not export createRuntime()');
  const { createModelResolver } = (await import(resolverEntry)) as typeof import('../models/model-resolver.js');
  const { createEmbedder } = (await import(embedderEntry)) as typeof import('../models/embedder-spec.js');
  return engineFromRuntime(mod.createRuntime, modelParts(createModelResolver, createEmbedder, mod.createSimulatedModel!));
}

/** Models from the agents' `model` fields and embedders by spec, for {@link engineFromRuntime}. */
export function modelParts(
  createModelResolver: typeof import('../models/model-resolver.js').createModelResolver,
  createEmbedder: typeof import('../models/embedder-spec.js').createEmbedder,
  createSimulatedModel: () => ModelAdapter,
): EngineParts {
  const simulated = createSimulatedModel();
  const resolver = createModelResolver({ simulated: () => simulated, resilience: { seed: 0 } });
  const cache = new Map<string, ModelAdapter>();
  return {
    models: (agent) => {
      // the simulated model unwrapped, as createRuntime's default: nothing to retry, meter or fail over
      if (agent.model === undefined || agent.model === 'simulated') return simulated;
      const key = `${agent.role}/${agent.key ?? ''}/${agent.model ?? ''}`;
      let m = cache.get(key);
      if (!m) cache.set(key, (m = resolver(agent)));
      return m;
    },
    embedder: (spec) => createEmbedder(spec, { prices: DEFAULT_PRICES }, 'grouping.embedder'),
    close: () => resolver.close(),
  };
}

/**
 * Runtime options that honour the agents' `model` field (the default runtime gives every agent the simulated
 * model): the engine's own models and prices, exported for hosts and tests that build the runtime themselves.
 */
export async function scenarioRuntimeOptions(): Promise<{ options: Record<string, unknown>; close(): Promise<void> }> {
  const [{ createModelResolver }, { createEmbedder }, { createSimulatedModel }] = await Promise.all([
    import('../models/model-resolver.js'), import('../models/embedder-spec.js'), import('../models/simulated.adapter.js'),
  ]);
  const parts = modelParts(createModelResolver, createEmbedder, createSimulatedModel);
  return { options: { models: parts.models, price }, close: async () => { await parts.close?.(); } };
}

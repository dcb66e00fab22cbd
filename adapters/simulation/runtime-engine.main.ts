/**
 * Composition root: the real engine for simulations — `createRuntime()` of adapters/lukhas.main with its
 * defaults (simulated model unless an agent names another, embedded store). Loaded by path (see engine.loader),
 * once per process, in the coordinator, in child processes and in NATS workers alike. An agent whose scenario
 * names a model (`openai:gpt-4o-mini`, a fallback chain, …) gets it from the model resolver (keys and base URLs
 * from the providers' variables), priced from the bundled price table; the others keep the simulated model.
 */
import type { DeliberationRequest, DeliberationResult } from '../../runtime/deliberation/deliberation.types.js';
import { LukhasError } from '../../runtime/errors.js';
import type { SimulationEngine } from '../../runtime/simulation/executor.port.js';
import type { AgentSpec } from '../../runtime/deliberation/deliberation.types.js';
import type { ModelResponse } from '../../runtime/models/model.port.js';

interface RuntimeLike {
  deliberate(request: DeliberationRequest): Promise<DeliberationResult>;
  close?(): Promise<void>;
}

/** Creates the real engine. */
export async function createEngine(): Promise<SimulationEngine> {
  // imported by a computed specifier: the public entry is a composition root and loads every layer
  const entry = '../lukhas.main.js';
  let mod: { createRuntime?: (options?: Record<string, unknown>) => RuntimeLike | Promise<RuntimeLike> };
  try {
    mod = (await import(entry)) as typeof mod;
  } catch (err) {
    throw new LukhasError('UNSUPPORTED', `the deliberation engine (adapters/lukhas.main) could not be loaded: ${(err as Error).message}`, { cause: err });
  }
  if (typeof mod.createRuntime !== 'function') throw new LukhasError('UNSUPPORTED', 'adapters/lukhas.main does not export createRuntime()');
  const models = await scenarioRuntimeOptions();
  const runtime = await mod.createRuntime(models.options);
  return {
    // the journal that deliberate() also returns is dropped here: results.jsonl keeps the record, memory stays flat
    deliberate: (request) => runtime.deliberate(request),
    close: async () => { await runtime.close?.(); await models.close(); },
  };
}

/**
 * Runtime options that honour the agents' `model` field (the default runtime gives every agent the simulated
 * model): the engine's own, exported for hosts and tests that build the runtime themselves.
 */
export async function scenarioRuntimeOptions(): Promise<{ options: Record<string, unknown>; close(): Promise<void> }> {
  const [{ createModelResolver }, { createSimulatedModel }, { costOfResponse, DEFAULT_PRICES }] = await Promise.all([
    import('../models/model-resolver.js'), import('../models/simulated.adapter.js'), import('../../runtime/models/ledger.js'),
  ]);
  const simulated = createSimulatedModel();
  const resolver = createModelResolver({ simulated: () => simulated });
  const cache = new Map<string, ReturnType<typeof resolver>>();
  const options = {
    models: (agent: AgentSpec) => {
      if (!agent.model || agent.model === 'simulated') return simulated;
      const k = `${agent.role}/${agent.key ?? ''}/${agent.model}`;
      let m = cache.get(k);
      if (!m) cache.set(k, (m = resolver(agent)));
      return m;
    },
    price: (r: ModelResponse) => (r.provider === 'simulated' || r.provider === 'scripted' || r.provider === 'replay' ? 0 : costOfResponse(DEFAULT_PRICES, r)),
  };
  return { options, close: () => resolver.close() };
}

/**
 * Composition root: the real engine for simulations — `createRuntime()` of adapters/lukhas.main with its
 * defaults (simulated model unless an agent names another, embedded store). Loaded by path (see engine.loader),
 * once per process, in the coordinator, in child processes and in NATS workers alike.
 */
import type { DeliberationRequest, DeliberationResult } from '../../runtime/deliberation/deliberation.types.js';
import { LukhasError } from '../../runtime/errors.js';
import type { SimulationEngine } from '../../runtime/simulation/executor.port.js';

interface RuntimeLike {
  deliberate(request: DeliberationRequest): Promise<DeliberationResult>;
  close?(): Promise<void>;
}

/** The runtime factory the engine is built on (createRuntime of adapters/lukhas.main). */
export type RuntimeFactory = (options?: Record<string, unknown>) => RuntimeLike | Promise<RuntimeLike>;

/**
 * The engine over a runtime factory. Exported so that an in-process caller (a test, an embedding program) gets the
 * same engine as child processes and workers without the computed import below.
 */
export async function engineFromRuntime(createRuntime: RuntimeFactory): Promise<SimulationEngine> {
  const runtime = await createRuntime({});
  return {
    // the journal that deliberate() also returns travels to toRunRecord (experiments read the first round from
    // it) and is dropped there: results.jsonl keeps the record, memory stays flat
    deliberate: (request) => runtime.deliberate(request),
    close: async () => { await runtime.close?.(); },
  };
}

/** Creates the real engine. */
export async function createEngine(): Promise<SimulationEngine> {
  // imported by a computed specifier: the public entry is a composition root and loads every layer
  const entry = '../lukhas.main.js';
  let mod: { createRuntime?: RuntimeFactory };
  try {
    mod = (await import(entry)) as typeof mod;
  } catch (err) {
    throw new LukhasError('UNSUPPORTED', `the deliberation engine (adapters/lukhas.main) could not be loaded: ${(err as Error).message}`, { cause: err });
  }
  if (typeof mod.createRuntime !== 'function') throw new LukhasError('UNSUPPORTED', 'adapters/lukhas.main does not export createRuntime()');
  return engineFromRuntime(mod.createRuntime);
}

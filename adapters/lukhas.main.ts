/**
 * The public entry of lukhas (`import { createRuntime } from 'lukhas'`): a composition root that wires the
 * runtime, the machines, the role catalogue and the default adapters. Nothing happens on import.
 */
import { createDeliberationEngine, type DeliberateOptions, type DeliberationOutcome } from '../agents/deliberation/deliberation.engine.js';
import { createLocalExecutor, type ModelFor } from '../agents/deliberation/local.executor.js';
import type { PriceFn, RoundJudge } from '../agents/deliberation/deliberation.run.js';
import { RoleCatalogue } from '../agents/roles/role.catalogue.js';
import { createJudge } from '../agents/deliberation/judge.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import type { SyncEmbedder } from '../runtime/consensus/index.js';
import type { DeliberationRequest } from '../runtime/deliberation/deliberation.types.js';
import type { TurnExecutor } from '../runtime/deliberation/turn.port.js';
import { createHashedEmbedder } from '../runtime/embedding/hashed.embedder.js';
import type { Embedder } from '../runtime/embedding/embedder.port.js';
import { withPositionKeys, type Canonicaliser } from '../runtime/embedding/position-keys.js';
import type { JournalRecord, JournalStore } from '../runtime/journal/journal.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import type { ModelAdapter, ModelResponse } from '../runtime/models/model.port.js';
import { createSimulatedModel } from './models/simulated.adapter.js';
import { createGate, type Gate } from '../runtime/ethics/gate.js';
import { withVerdictCache } from '../runtime/ethics/cached.gate.js';
import { createActorSystem, type ActorSystem } from '../runtime/actors/actor-system.js';

/** Options of {@link createRuntime}; every part is injectable, every default is offline and deterministic. */
export interface RuntimeOptions {
  clock?: Clock;
  /**
   * Seeded randomness of the runtime: a deliberation requested without a `seed` gets the next draw, so a
   * program's sequence of deliberations is reproducible from this one seed (default: seed 0 for such requests).
   */
  random?: Random;
  logger?: Logger;
  /** Role catalogue (default: the five built-in roles). */
  roles?: RoleCatalogue;
  /** The model of each agent (default: the simulated model for every agent). */
  models?: ModelFor;
  /** Runs turns elsewhere (e.g. remote agents over NATS); default: in this process with `models`. */
  executor?: TurnExecutor;
  /** Aggregator model of the judge protocol (default: the simulated model's judge). */
  judge?: ModelAdapter;
  /** Embedder for grouping open answers (default: hashed n-grams). */
  embedder?: Embedder & SyncEmbedder;
  /**
   * A provider embedder for grouping open answers (e.g. createEmbedder('openai:text-embedding-3-small')): each
   * open answer is embedded as its turn completes, the vector journaled and served from the journal on replay.
   */
  groupingEmbedder?: Embedder & { groupingThreshold?: number };
  /** Canonicalises each open answer before grouping (ruleCanonicaliser('numeric'), modelCanonicaliser(model)). */
  canonicaliser?: Canonicaliser;
  /** Cosine threshold for grouping (default: the grouping embedder's, else the hashed embedder's 0.88). */
  groupingThreshold?: number;
  /** Cost of a call (default: 0 for simulated/scripted/replay models, unpriced otherwise). */
  price?: PriceFn;
  journalStore?: JournalStore;
  /**
   * The ethics gate on every model call (agents and judge): default the offline checker with a verdict cache.
   * There is no switch to turn it off; pass a gate with other checkers or another policy to change it.
   */
  gate?: Gate;
  /**
   * Deliberation ids for requests without one (default: a hash of the request, so the same request and seed give
   * the same output; pass a counter or UUID generator for unique ids per run).
   */
  generateId?: (request: DeliberationRequest) => string;
  maxRestarts?: number;
  restartWindowMs?: number;
  /**
   * Idle colonies (each with its agent actors) kept for reuse between deliberations, over all agent lists
   * (default 256; 0 spawns a colony per deliberation). A non-negative integer.
   */
  maxIdleColonies?: number;
}

/** Default pricing: offline models are free; any other model is unpriced until a price table is configured. */
export const offlinePrice: PriceFn = (r: ModelResponse) => (r.provider === 'simulated' || r.provider === 'scripted' || r.provider === 'replay' ? 0 : null);

/** A lukhas runtime. */
export interface Runtime {
  deliberate(request: DeliberationRequest, options?: DeliberateOptions): Promise<DeliberationOutcome>;
  replay(journal: JournalRecord): Promise<DeliberationOutcome & { identical: boolean; modelCalls: 0 }>;
  /** The actor system (send/publish, supervised agents by factory) for hosts that add their own agents. */
  readonly actors: ActorSystem;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** Creates a runtime. With no options: simulated models, hashed embedder, silent logger, in-memory journals. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const roles = options.roles ?? new RoleCatalogue();
  const simulated = createSimulatedModel();
  const modelFor: ModelFor = options.models ?? (() => simulated);
  const logger = options.logger ?? createLogger();
  const clock = options.clock ?? systemClock;
  const gate = options.gate ?? withVerdictCache(createGate());
  const judge: RoundJudge = createJudge(options.judge ?? simulated, gate);
  const threshold = options.groupingThreshold ?? options.groupingEmbedder?.groupingThreshold;
  const engine = createDeliberationEngine({
    roles,
    gate,
    executor: withPositionKeys(options.executor ?? createLocalExecutor(roles, modelFor, gate), {
      ...(options.groupingEmbedder ? { embedder: options.groupingEmbedder } : {}),
      ...(options.canonicaliser ? { canonicaliser: options.canonicaliser } : {}),
    }),
    ...(threshold !== undefined ? { groupingThreshold: threshold } : {}),
    embedder: options.embedder ?? createHashedEmbedder(),
    price: options.price ?? offlinePrice,
    now: () => clock.now(),
    logger,
    judge,
    ...(options.journalStore ? { journalStore: options.journalStore } : {}),
    ...(options.generateId ? { makeId: options.generateId } : {}),
    ...(options.random ? { nextSeed: () => options.random!.int(0x100000000) } : {}),
    ...(options.maxRestarts !== undefined ? { maxRestarts: options.maxRestarts } : {}),
    ...(options.restartWindowMs !== undefined ? { restartWindowMs: options.restartWindowMs } : {}),
    ...(options.maxIdleColonies !== undefined ? { maxIdleColonies: options.maxIdleColonies } : {}),
  });
  let actors: ActorSystem | undefined;
  return {
    logger,
    get actors() { return (actors ??= createActorSystem({ logger, now: () => clock.now() })); },
    deliberate: (request, opts) => engine.deliberate(request, opts),
    replay: (journal) => engine.replay(journal),
    close: async () => { engine.close(); await actors?.shutdown(); },
  };
}

export { RoleCatalogue } from '../agents/roles/role.catalogue.js';
export { createSimulatedModel } from './models/simulated.adapter.js';
export * from '../runtime/index.js';

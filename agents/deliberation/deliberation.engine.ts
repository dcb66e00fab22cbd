import { getEventListeners } from 'node:events';
import { createActor, type Actor } from 'xstate';
import { createAgentLogic, turnCompleted } from '../../machines/agent.machine.js';
import { colonyMachine, type ColonyOutput } from '../../machines/colony.machine.js';
import type { SyncEmbedder } from '../../runtime/consensus/index.js';
import type { DeliberationRequest, DeliberationResult } from '../../runtime/deliberation/deliberation.types.js';
import type { TurnExecutor, TurnInput, TurnOutput } from '../../runtime/deliberation/turn.port.js';
import type { Envelope } from '../../runtime/actors/envelope.js';
import { LukhasError, toLukhasError } from '../../runtime/errors.js';
import type { JournalEntry, JournalRecord, JournalStore } from '../../runtime/journal/journal.js';
import type { Logger } from '../../runtime/logger.js';
import type { RoleCatalogue } from '../roles/role.catalogue.js';
import { DeliberationRun, type PriceFn, type RoundJudge } from './deliberation.run.js';
import { newRunController } from './run.helpers.js';
import { normaliseRequest } from './request.normalise.js';
import { createReplayExecutor } from './replay.executor.js';
import { createJudge } from './judge.js';
import type { Gate } from '../../runtime/ethics/gate.js';
import { canonicalJson, hashOf } from '../../runtime/journal/canonical.js';
import { hash32 } from '../../runtime/random.js';
import type { DeliberationRequest as Req } from '../../runtime/deliberation/deliberation.types.js';

/** A deliberation's result with its journal. */
export type DeliberationOutcome = DeliberationResult & { journal: JournalRecord };

/** Per-call options of a deliberation. */
export interface DeliberateOptions {
  /** Receives every journal event as it is appended (progress displays, WebSocket streams). */
  onEvent?: (entry: JournalEntry) => void;
  /** Ends the deliberation early with its partial result (stop reason `wall-time`). */
  signal?: AbortSignal;
}

/** What the engine needs; the composition root (adapters/lukhas.main.ts) supplies real or default parts. */
export interface EngineDeps {
  roles: RoleCatalogue;
  executor: TurnExecutor;
  embedder: SyncEmbedder;
  price: PriceFn;
  now: () => number;
  logger: Logger;
  /** Deliberation ids for requests without one (default: a hash of the normalised request, so reruns match). */
  makeId?: (req: Req) => string;
  /** Seeds for requests without one, drawn in call order (default: seed 0 for every such request). */
  nextSeed?: () => number;
  judge?: RoundJudge;
  journalStore?: JournalStore;
  /** Restart intensity of agent actors: at most `maxRestarts` within `restartWindowMs` (defaults 3 in 10 s). */
  maxRestarts?: number;
  restartWindowMs?: number;
  groupingThreshold?: number;
  /** The ethics gate every agent call passes (replay re-validates with it). */
  gate?: Gate;
  /** Idle colonies kept for reuse, over all agent lists (default 256; 0 spawns a colony per deliberation). */
  maxIdleColonies?: number;
}

/** Engine-level host lookup: agent actors find their deliberation through their actor system. */
const runOf = new WeakMap<object, { run: DeliberationRun; executor: TurnExecutor }>();

/** Agent logic with the turn effect bound: calls the executor, never blocks, replies to the colony by message. */
const liveAgent = createAgentLogic({
  startTurn: (self, agentId, envelope) => {
    const bound = runOf.get(self.system);
    if (!bound) throw new LukhasError('INTERNAL', 'agent actor has no deliberation bound');
    const colony = self._parent;
    if (!colony) throw new LukhasError('INTERNAL', 'agent actor has no colony');
    const run = bound.run;
    const signal = run.abort.signal;
    // a synchronous throw here is a crash of this actor (supervised by the colony); a rejection is a failed turn
    const turn = bound.executor.turn(envelope.payload, { signal });
    run.inFlight++;
    turn.then(
      (output: TurnOutput) => { run.inFlight--; if (!signal.aborted) colony.send(turnCompleted(agentId, envelope, output)); },
      (err: unknown) => {
        run.inFlight--;
        if (signal.aborted) return;
        const e = toLukhasError(err);
        colony.send(turnCompleted(agentId, envelope, { ok: false, error: { code: e.code, message: e.message } }));
      },
    );
  },
});
const liveColony = colonyMachine.provide({ actors: { agent: liveAgent } });

/** A colony actor of the pool, with the settle callback of the deliberation it runs. */
interface PooledColony {
  readonly key: string;
  readonly actor: Actor<typeof liveColony>;
  settle: ((outcome: ColonyOutput) => void) | undefined;
  broken: boolean;
  /** The abort controller its deliberations share while it is never aborted and keeps no listener. */
  controller: AbortController | undefined;
}

/**
 * Idle colonies by agent list: a deliberation takes one (or starts a new one), and gives it back when it ends, so
 * agent actors are spawned once per colony rather than once per deliberation (DESIGN: the supervisor "spawns or
 * reuses one actor per agent"). At most `maxIdle` idle colonies are kept; the rest are stopped. A colony whose
 * actor failed, or whose deliberation escalated, is stopped and never reused.
 */
class ColonyPool {
  private readonly idle = new Map<string, PooledColony[]>();
  private idleCount = 0;
  constructor(private readonly maxIdle: number) {}

  acquire(agentIds: readonly string[]): PooledColony {
    const key = agentIds.join('\u0000');
    const list = this.idle.get(key);
    while (list !== undefined && list.length > 0) {
      const c = list.pop()!;
      this.idleCount--;
      if (!c.broken && c.actor.getSnapshot().status === 'active') return c;
      c.actor.stop();
    }
    const actor = createActor(liveColony, { input: { agentIds } });
    const c: PooledColony = { key, actor, settle: undefined, broken: false, controller: undefined };
    actor.subscribe({
      // the root error observer: an error inside the colony never escapes to the process
      error: (error) => {
        c.broken = true;
        const settle = c.settle;
        c.settle = undefined;
        settle?.({ status: 'failed', error });
      },
    });
    actor.start();
    return c;
  }

  /**
   * The abort controller for the colony's next deliberation: the last one when it was not aborted and nothing
   * listens to it any more (every call removed its listener), else a new one.
   */
  controllerFor(c: PooledColony): AbortController {
    const known = c.controller;
    if (known !== undefined && !known.signal.aborted && getEventListeners(known.signal, 'abort').length === 0) return known;
    return (c.controller = newRunController());
  }

  release(c: PooledColony): void {
    if (c.broken || this.idleCount >= this.maxIdle || c.actor.getSnapshot().status !== 'active') { this.discard(c); return; }
    let list = this.idle.get(c.key);
    if (!list) this.idle.set(c.key, (list = []));
    list.push(c);
    this.idleCount++;
  }

  discard(c: PooledColony): void {
    c.broken = true;
    c.actor.stop();
    const timer = c.actor.getSnapshot().context.timer;
    if (timer !== undefined) clearTimeout(timer); // a colony that failed mid-round may leave its round deadline armed
  }

  /** Stops every idle colony. */
  close(): void {
    for (const list of this.idle.values()) for (const c of list) c.actor.stop();
    this.idle.clear();
    this.idleCount = 0;
  }
}

/** The default deliberation id: a hash of the request, so the same request and seed give the same output. */
export function requestId(req: Req): string {
  const { id: _id, ...rest } = req;
  const text = canonicalJson(rest);
  // two independent 32-bit FNV-1a hashes: an id, not a security digest (journals are content-addressed by SHA-256)
  return `d-${hash32(text, 0x9e3779b9).toString(16).padStart(8, '0')}${hash32(text, 0x85ebca6b).toString(16).padStart(8, '0')}`;
}

/**
 * Runs deliberations, each on a colony actor of its own while it runs (taken from the pool of idle colonies), its
 * agents as supervised children. Resolves with the result and journal — `consensusReached: false` is a result, not an error. Rejects only for a bad request
 * (BAD_OPTION / BAD_INPUT) or a supervision escalation (RESTART_INTENSITY).
 */
export function createDeliberationEngine(deps: EngineDeps) {
  const makeId = deps.makeId ?? requestId;
  const maxRestarts = deps.maxRestarts ?? 3;
  const restartWindowMs = deps.restartWindowMs ?? 10_000;
  const maxIdle = deps.maxIdleColonies ?? 256;
  if (!Number.isSafeInteger(maxIdle) || maxIdle < 0) throw new LukhasError('BAD_OPTION', `invalid maxIdleColonies: ${String(maxIdle)} (a non-negative integer: idle colonies kept for reuse, 0 for none)`);
  const pool = new ColonyPool(maxIdle);

  async function run(request: DeliberationRequest, executor: TurnExecutor, judge: RoundJudge | undefined, options: DeliberateOptions = {}): Promise<DeliberationOutcome> {
    if (request.seed === undefined && deps.nextSeed) request = { ...request, seed: deps.nextSeed() };
    const seeded = request;
    const req = normaliseRequest(seeded, deps.roles, () => makeId(seeded));
    if (req.protocol.name === 'judge' && !judge) throw new LukhasError('BAD_OPTION', 'invalid protocol: "judge" needs a judge model (configure one: --judge provider:model)');
    const colony = pool.acquire(req.agents.map((a) => a.id));
    const dr = new DeliberationRun(req, {
      embedder: deps.embedder, price: deps.price, now: deps.now, maxRestarts, restartWindowMs,
      ...(judge ? { judge } : {}),
      ...(deps.groupingThreshold !== undefined ? { groupingThreshold: deps.groupingThreshold } : {}),
    }, req.id, pool.controllerFor(colony));
    if (options.onEvent) {
      const listener = options.onEvent;
      dr.journal.subscribe((entry) => listener(entry));
    }
    runOf.set(colony.actor.system, { run: dr, executor });
    const onAbort = () => colony.actor.send({ type: 'wall.reached' });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const wallTimer = req.wallMs === undefined ? undefined : setTimeout(() => colony.actor.send({ type: 'wall.reached' }), req.wallMs);
    const outcome = await new Promise<ColonyOutput>((resolve) => {
      // the colony settles through its host; an error of the colony actor itself through its root error observer
      dr.onSettled = resolve;
      colony.settle = resolve;
      try {
        colony.actor.send({ type: 'deliberation.requested', host: dr });
      } catch (error) {
        resolve({ status: 'failed', error });
      }
    });
    colony.settle = undefined;
    dr.onSettled = undefined;
    if (wallTimer) clearTimeout(wallTimer);
    options.signal?.removeEventListener('abort', onAbort);
    if (outcome.status === 'failed') {
      dr.finish(outcome.error); // aborts the run's calls: no late reply reaches the colony
      runOf.delete(colony.actor.system);
      pool.discard(colony); // a colony that escalated is not reused
      const err = outcome.error as { code?: string; restarts?: number };
      if (err && err.code === 'RESTART_INTENSITY') {
        throw new LukhasError('RESTART_INTENSITY', `deliberation ${req.id}: agent actors crashed ${err.restarts} times, more than the restart intensity allows (${maxRestarts} within ${restartWindowMs} ms); escalated`);
      }
      throw new LukhasError('AGENT_FAILED', `deliberation ${req.id} failed: ${toLukhasError(outcome.error).message}`, { cause: outcome.error });
    }
    const result = dr.finish() as DeliberationOutcome;
    runOf.delete(colony.actor.system);
    pool.release(colony);
    const journal = dr.journal.finishedRecord();
    if (deps.journalStore) await deps.journalStore.saveJournal(journal);
    // not a spread: that would read journalId, whose digest is computed only when someone reads it
    result.journal = journal;
    return result;
  }

  return {
    /** Stops the idle colonies (their agent actors); deliberations still running finish normally. */
    close(): void {
      pool.close();
    },
    /** Runs one deliberation with the configured models. */
    deliberate(request: DeliberationRequest, options?: DeliberateOptions): Promise<DeliberationOutcome> {
      return run(request, deps.executor, deps.judge, options);
    },
    /**
     * Re-runs a journal with zero model calls: the request is read from the journal, every turn and judge call is
     * served from it. The new journal is identical when the code path is unchanged (`identical` says so).
     */
    async replay(record: JournalRecord): Promise<DeliberationOutcome & { identical: boolean; modelCalls: 0 }> {
      const first = record.entries[0];
      if (!first || first.type !== 'deliberation.requested') throw new LukhasError('BAD_INPUT', `journal ${record.id} does not start with deliberation.requested`);
      const d = first.data as Record<string, unknown>;
      const limits = d.limits as Record<string, number | undefined>;
      const request: DeliberationRequest = {
        id: String(d.id),
        question: String(d.question),
        ...(d.options ? { options: d.options as string[] } : {}),
        agents: (d.agents as { id: string; role: string; model: string; simulated?: object }[]).map((a) => ({
          role: a.role, key: a.id.slice(a.role.length + 1), ...(a.model !== 'simulated' ? { model: a.model } : {}), ...(a.simulated ? { simulated: a.simulated } : {}),
        })),
        protocol: String(d.protocol),
        limits: Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined && v !== null)),
        seed: Number(d.seed),
        quorum: Number(d.quorum),
        ...(d.groundTruth !== undefined ? { groundTruth: String(d.groundTruth) } : {}),
      };
      const executor = createReplayExecutor(record, deps.roles, deps.gate);
      const judge: RoundJudge = createJudge(executor.model, deps.gate);
      const out = await run(request, executor, judge);
      return { ...out, identical: out.journal.id === record.id && hashOf(out.journal) === hashOf(record), modelCalls: 0 };
    },
  };
}

/** The engine's type. */
export type DeliberationEngine = ReturnType<typeof createDeliberationEngine>;

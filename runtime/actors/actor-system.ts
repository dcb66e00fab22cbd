import { assign, createActor, enqueueActions, fromTransition, setup, stopChild, type Actor, type AnyActorRef } from 'xstate';
import { LukhasError, toLukhasError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import { formatAgentId, parseAgentId, type AgentId, type TopicId } from './address.js';
import { envelopeSchema, type Envelope } from './envelope.js';

/** What an agent does with a message: returns (or resolves to) its reply. A synchronous throw is a crash. */
export type AgentHandler = (payload: unknown, envelope: Envelope, self: AgentId) => unknown;

/** Options of {@link createActorSystem}. */
export interface ActorSystemOptions {
  logger?: Logger;
  /** Agents per leaf supervisor (default 25): XState copies a parent's child list on every spawn and stop, so
   *  large colonies are spread over a tree of small supervisors. */
  fanout?: number;
  /** One-for-one restart intensity per leaf: at most `maxRestarts` in `restartWindowMs`, then escalate. */
  maxRestarts?: number;
  restartWindowMs?: number;
  now?: () => number;
  /** Validate every envelope with zod (default false: the in-process path builds them itself). */
  validate?: boolean;
  /** Called when a leaf escalates (restart intensity exceeded); its agents are stopped. */
  onEscalate?: (error: LukhasError) => void;
}

type LeafEvent =
  | { type: 'runtime.spawn'; agents: { childId: string; agentType: string }[] }
  | { type: 'runtime.stop'; childId: string }
  | { type: `xstate.error.actor.${string}`; error: unknown };

type SpawnAny = (logic: unknown, options: { id: string }) => AnyActorRef;

interface Pending { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> | undefined; childId: string }

/**
 * An actor system after autogen-core: agents addressed `type/key`, `send` (a reply is expected) and `publish`
 * (broadcast to a topic's subscribers), agents created from registered factories, supervised one-for-one by a tree
 * of small XState supervisors. Everything is in-process; the envelope format is the one that crosses NATS.
 */
export function createActorSystem(options: ActorSystemOptions = {}) {
  const logger = options.logger ?? createLogger();
  const fanout = options.fanout ?? 25;
  const maxRestarts = options.maxRestarts ?? 3;
  const windowMs = options.restartWindowMs ?? 10_000;
  const now = options.now ?? Date.now;
  const handlers = new Map<string, AgentHandler>();
  const logics = new Map<string, ReturnType<typeof agentLogic>>();
  const leafOf = new Map<string, Actor<typeof leafMachine>>(); // childId (type/key) → leaf
  const leaves: Actor<typeof leafMachine>[] = [];
  const subscribers = new Map<string, Set<string>>();
  const pending = new Map<string, Pending>();
  let seq = 0;
  let restarts = 0;

  function settle(id: string, ok: boolean, value: unknown): void {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (p.timer) clearTimeout(p.timer);
    if (ok) p.resolve(value);
    else p.reject(value);
  }

  function agentLogic(agentType: string) {
    const handler = handlers.get(agentType)!;
    return fromTransition((state: number, event: { type: string; envelope?: Envelope }, { self }) => {
      if (event.type !== 'runtime.envelope' || !event.envelope) return state;
      const env = event.envelope;
      const out = handler(env.payload, env, parseAgentId(self.id)); // a synchronous throw crashes this actor
      if (env.recipient !== undefined) {
        if (out instanceof Promise) out.then((v) => settle(env.id, true, v), (e) => settle(env.id, false, toLukhasError(e)));
        else settle(env.id, true, out);
      }
      return state + 1;
    }, 0);
  }

  const leafMachine = setup({
    types: { context: {} as { restarts: number[] }, events: {} as LeafEvent },
    actors: {} as Record<string, never>,
  }).createMachine({
    id: 'supervisor',
    context: { restarts: [] },
    on: {
      'runtime.spawn': {
        actions: assign(({ event, spawn }) => {
          for (const a of event.agents) (spawn as SpawnAny)(logics.get(a.agentType)!, { id: a.childId });
          return {};
        }),
      },
      'runtime.stop': { actions: stopChild(({ event }) => event.childId) },
      'xstate.error.actor.*': {
        actions: enqueueActions(({ context, event, enqueue, self }) => {
          const childId = event.type.slice('xstate.error.actor.'.length);
          const err = toLukhasError((event as { error: unknown }).error);
          for (const [id, p] of pending) if (p.childId === childId) settle(id, false, new LukhasError('AGENT_FAILED', `agent ${childId} crashed: ${err.message}`, { cause: err }));
          enqueue(stopChild(childId));
          const since = now() - windowMs;
          const recent = [...context.restarts.filter((t) => t >= since), now()];
          if (recent.length > maxRestarts) {
            const e = new LukhasError('RESTART_INTENSITY', `supervisor ${self.id}: ${recent.length} restarts within ${windowMs} ms (limit ${maxRestarts}); escalated, its agents are stopped`);
            logger.error({ supervisor: self.id, restarts: recent.length }, 'restart intensity exceeded');
            // escalate: this supervisor gives up on all its agents (their pending sends fail), its parent decides
            for (const id of Object.keys(self.getSnapshot().children)) {
              if (id !== childId) enqueue(stopChild(id));
              leafOf.delete(id);
              for (const [mid, p] of pending) if (p.childId === id) settle(mid, false, e);
            }
            queueMicrotask(() => options.onEscalate?.(e));
            enqueue.assign({ restarts: recent });
            return;
          }
          restarts++;
          const agentType = parseAgentId(childId).type;
          enqueue.assign(({ spawn }) => { (spawn as SpawnAny)(logics.get(agentType)!, { id: childId }); return { restarts: recent }; });
        }),
      },
    },
  });

  function newLeaf(): Actor<typeof leafMachine> {
    const leaf = createActor(leafMachine, { id: `supervisor-${leaves.length}` });
    leaf.subscribe({ error: (e) => logger.error({ err: toLukhasError(e).toJSON() }, 'supervisor failed') }); // root error observer
    leaf.start();
    leaves.push(leaf);
    return leaf;
  }

  const deliver = (env: Envelope, childId: string) => {
    const leaf = leafOf.get(childId);
    const child = leaf?.getSnapshot().children[childId] as AnyActorRef | undefined;
    if (!child) throw new LukhasError('NOT_FOUND', `no agent ${childId}`);
    child.send({ type: 'runtime.envelope', envelope: env });
  };

  return {
    /** Registers an agent type with its handler (factory registration, as in autogen-core). */
    register(type: string, handler: AgentHandler): void {
      parseAgentId(`${type}/x`);
      handlers.set(type, handler);
      logics.set(type, agentLogic(type));
    },
    /** Spawns agents, in batches, into leaf supervisors of at most `fanout` agents. */
    spawn(ids: AgentId[]): void {
      let leaf = leaves[leaves.length - 1];
      let room = leaf ? fanout - leafSize(leaf) : 0;
      let batch: { childId: string; agentType: string }[] = [];
      const flush = () => { if (batch.length && leaf) leaf.send({ type: 'runtime.spawn', agents: batch }); batch = []; };
      for (const id of ids) {
        if (!handlers.has(id.type)) throw new LukhasError('BAD_INPUT', `no agent type ${JSON.stringify(id.type)} is registered`);
        const childId = formatAgentId(id);
        if (leafOf.has(childId)) throw new LukhasError('CONFLICT', `agent ${childId} exists already`);
        if (room <= 0) { flush(); leaf = newLeaf(); room = fanout; }
        batch.push({ childId, agentType: id.type });
        leafOf.set(childId, leaf!);
        room--;
      }
      flush();
    },
    /** Sends a message and resolves with the agent's reply (AGENT_FAILED if it crashes, MODEL_TIMEOUT past timeoutMs). */
    send<R = unknown>(recipient: AgentId | string, payload: unknown, opts: { sender?: string; traceId?: string; causationId?: string; timeoutMs?: number } = {}): Promise<R> {
      let childId: string;
      try {
        childId = typeof recipient === 'string' ? formatAgentId(parseAgentId(recipient)) : formatAgentId(recipient);
      } catch (e) {
        return Promise.reject(e);
      }
      const id = `m${++seq}`;
      const env: Envelope = { id, sender: opts.sender ?? 'runtime/system', recipient: childId, payload, traceId: opts.traceId ?? id, ...(opts.causationId ? { causationId: opts.causationId } : {}) };
      if (options.validate) envelopeSchema.parse(env);
      return new Promise<R>((resolve, reject) => {
        const timer = opts.timeoutMs ? setTimeout(() => settle(id, false, new LukhasError('MODEL_TIMEOUT', `no reply from ${childId} within ${opts.timeoutMs} ms`)), opts.timeoutMs) : undefined;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, childId });
        try { deliver(env, childId); } catch (e) { settle(id, false, e); }
      });
    },
    /** Broadcasts to the subscribers of a topic type; returns how many agents it reached. */
    publish(topic: TopicId, payload: unknown, opts: { sender?: string } = {}): number {
      const subs = subscribers.get(topic.type);
      if (!subs) return 0;
      let n = 0;
      for (const childId of subs) {
        const id = `m${++seq}`;
        const env: Envelope = { id, sender: opts.sender ?? 'runtime/system', topic: `${topic.type}/${topic.source}`, payload, traceId: id };
        if (options.validate) envelopeSchema.parse(env);
        try { deliver(env, childId); n++; } catch { /* a stopped subscriber is skipped */ }
      }
      return n;
    },
    /** Subscribes an agent to a topic type. */
    subscribe(topicType: string, agent: AgentId): void {
      let s = subscribers.get(topicType);
      if (!s) subscribers.set(topicType, (s = new Set()));
      s.add(formatAgentId(agent));
    },
    /** Number of live agents. */
    get size(): number { return leafOf.size; },
    get restarts(): number { return restarts; },
    get supervisors(): number { return leaves.length; },
    /** Stops every agent and supervisor; pending sends reject with CANCELLED. */
    async shutdown(): Promise<void> {
      for (const [id] of pending) settle(id, false, new LukhasError('CANCELLED', 'actor system shut down'));
      for (const leaf of leaves) leaf.stop();
      leaves.length = 0;
      leafOf.clear();
      subscribers.clear();
    },
  };

  function leafSize(leaf: Actor<typeof leafMachine>): number {
    return Object.keys(leaf.getSnapshot().children).length;
  }
}

/** The actor system's type. */
export type ActorSystem = ReturnType<typeof createActorSystem>;

import { assign, enqueueActions, fromPromise, setup, stopChild, type AnyActorRef } from 'xstate';
import type { Envelope } from '../runtime/actors/envelope.js';
import type { TurnInput } from '../runtime/deliberation/turn.port.js';
import { agentLogic, type TurnCompletedEvent } from './agent.machine.js';

/** What the colony decides after closing a round. */
export interface RoundVerdict {
  /** True when the deliberation stops after this round (decided and stable, unanimity, or a limit). */
  finished: boolean;
  /** True when the round's decision needs an asynchronous step (the judge protocol) before `finished` is known. */
  needsJudge: boolean;
}

/**
 * The effects and bookkeeping of one deliberation, supplied by the engine (agents/). The machine owns the control
 * flow — rounds, waiting, timeouts, supervision, escalation — and calls the host for everything that is data.
 */
export interface ColonyHost {
  /** Agent ids in agent order (`role/key`). */
  readonly agentIds: readonly string[];
  readonly turnTimeoutMs: number;
  /** One-for-one restart intensity: at most `maxRestarts` restarts within `restartWindowMs`, then escalate. */
  readonly maxRestarts: number;
  readonly restartWindowMs: number;
  now(): number;
  /** Builds the turns of a round; an empty list means a limit stops the deliberation before the round. */
  openRound(round: number): { agentId: string; envelope: Envelope<TurnInput> }[];
  recordTurn(event: TurnCompletedEvent): void;
  /** The agent's actor crashed during `round`; its turn there counts as failed. */
  recordCrash(agentId: string, round: number, error: unknown): void;
  closeRound(round: number, timedOut: boolean): RoundVerdict;
  /** The asynchronous part of closing a round (judge); resolves to whether the deliberation is finished. */
  judgeRound(round: number): Promise<boolean>;
  /** The wall-time limit passed. */
  wallTimeReached(): void;
  /** The deliberation has ended (the colony is idle again, ready for the next one unless it failed). */
  settled(outcome: ColonyOutput): void;
}

/** Input of the colony machine: the agents it supervises (one actor each, kept across deliberations). */
export interface ColonyInput {
  agentIds: readonly string[];
}

/** How a deliberation on the colony ended, as the colony tells its host (`settled`). */
export type ColonyOutput = { status: 'done' } | { status: 'failed'; error: unknown };

interface ColonyContext {
  /** The current deliberation's host; undefined while the colony is idle. */
  host: ColonyHost;
  round: number;
  /** Agents whose turn of the current round is outstanding. */
  pending: Set<string>;
  /** agentId → current child actor id (changes on restart). */
  childOf: Record<string, string>;
  /** agentId → current child actor (turn requests are sent straight to it). */
  refs: Map<string, AnyActorRef>;
  restarts: number[];
  generation: number;
  timedOut: boolean;
  /** True while the current round waits for turns (opened and not yet closed). */
  open: boolean;
  /** The current round's turn deadline (a host timer; cleared when the round closes or the colony stops). */
  timer: ReturnType<typeof setTimeout> | undefined;
  error: unknown;
}

type ColonyEvent =
  | { type: 'deliberation.requested'; host: ColonyHost }
  | TurnCompletedEvent
  | { type: 'wall.reached' }
  | { type: 'round.deadline'; round: number }
  | { type: 'round.drained' }
  | { type: 'colony.finished' }
  | { type: 'colony.judge' }
  | { type: `xstate.error.actor.${string}`; error: unknown; actorId?: string };

type Raise = (event: { type: 'colony.finished' } | { type: 'colony.judge' }) => void;

function agentOfChild(context: ColonyContext, childId: string): string | undefined {
  for (const a in context.childOf) if (context.childOf[a] === childId) return a;
  return undefined;
}

function clearDeadline(context: ColonyContext): void {
  if (context.timer !== undefined) { clearTimeout(context.timer); context.timer = undefined; }
}

/**
 * Opens `context.round`: asks every agent the host names (one `turn.requested` envelope each, sent to the child) and
 * arms the round's deadline. A round the host does not open (a limit stops the deliberation first) closes at once.
 * The colony's bookkeeping (round, pending set, timer) is this actor's own mutable state: no context copy per turn.
 */
function openRound(context: ColonyContext, self: AnyActorRef, raise: Raise): void {
  const turns = context.host.openRound(context.round);
  context.pending.clear();
  context.timedOut = false;
  if (turns.length === 0) { closeRound(context, self, raise); return; }
  for (const t of turns) context.pending.add(t.agentId);
  context.open = true;
  const round = context.round;
  context.timer = setTimeout(() => {
    if (self.getSnapshot().status === 'active') self.send({ type: 'round.deadline', round });
  }, context.host.turnTimeoutMs);
  for (const t of turns) context.refs.get(t.agentId)!.send({ type: 'turn.requested', envelope: t.envelope });
}

/** Closes the current round under the protocol; then opens the next one, or ends (finished or judge). */
function closeRound(context: ColonyContext, self: AnyActorRef, raise: Raise): void {
  clearDeadline(context);
  context.open = false;
  context.pending.clear();
  const verdict = context.host.closeRound(context.round, context.timedOut);
  if (verdict.needsJudge) raise({ type: 'colony.judge' });
  else if (verdict.finished) raise({ type: 'colony.finished' });
  else {
    // the host has checked the limits for the next round in closeRound: it opens with every agent asked
    context.round += 1;
    openRound(context, self, raise);
  }
}

/** The part of XState's action enqueuer that {@link restartChild} uses. */
interface Enqueue {
  (action: unknown): void;
  assign(f: (a: { spawn: (src: 'agent', o: { id: string; input: { agentId: string } }) => AnyActorRef }) => Partial<ColonyContext>): void;
  raise(event: { type: 'round.drained' }): void;
}
/**
 * One-for-one restart of a crashed child: stop it, spawn a fresh one under a new id (`agentId#generation`). During a
 * deliberation (`active`) the crash is recorded and counted against the restart intensity.
 */
function restartChild(context: ColonyContext, event: { type: string; error?: unknown }, enqueue: Enqueue, active: boolean): void {
  const childId = event.type.slice('xstate.error.actor.'.length);
  const agentId = agentOfChild(context, childId);
  if (!agentId) return;
  enqueue(stopChild(childId));
  const generation = context.generation + 1;
  const nextId = `${agentId}#${generation}`;
  const wasPending = active && context.pending.delete(agentId);
  if (wasPending) context.host.recordCrash(agentId, context.round, event.error);
  enqueue.assign(({ spawn }) => {
    context.refs.set(agentId, spawn('agent', { id: nextId, input: { agentId } }) as AnyActorRef);
    return {
      generation,
      childOf: { ...context.childOf, [agentId]: nextId },
      restarts: active ? [...context.restarts, context.host.now()] : context.restarts,
    };
  });
  // the crashed agent was the last one the round waited for: close it once the new child exists
  if (wasPending && context.pending.size === 0) enqueue.raise({ type: 'round.drained' });
}

/** What a colony running a deliberation (its rounds or its judge) answers in every state. */
const ACTIVE_ON = {
  // sent by the engine's wall-time timer (a timer exists only when a wall-time limit is set)
  'wall.reached': { target: 'idle', actions: 'wallTime' },
  'colony.finished': { target: 'idle' },
  'xstate.error.actor.*': [
    // escalate: more restarts than the intensity allows within the window
    { guard: 'intensityExceeded', target: 'idle', actions: 'escalate' },
    // one-for-one: the new child is asked from the next round on (the crashed turn counts as failed in this one)
    { actions: 'restartCrashed' },
  ],
} as const;

/**
 * The colony supervisor. Spawns one agent actor per agent and keeps them: a colony runs one deliberation at a time
 * and, between deliberations, waits `idle` with its agents for the next (`deliberation.requested`, which carries
 * the deliberation's host; the engine keeps a pool of idle colonies, so agents are spawned once, not per
 * deliberation). It runs rounds by message passing (`turn.requested` → `turn.completed`), closes a round when
 * every agent answered or the turn deadline passed, asks the host to decide, and loops or stops. Rounds follow
 * each other inside one state (`running`): opening and closing a round are actions, so a turn costs the colony
 * one event and no state change. When a deliberation ends, the colony tells its host (`settled`) and is idle.
 * Supervision is one-for-one: a crashed agent is restarted (its turn in that round counts as failed) unless
 * restarts within the deliberation exceed the intensity limit, which escalates: the deliberation fails with
 * RESTART_INTENSITY. Every spawned child's error is handled here, so no agent error ever reaches the process.
 */
export const colonyMachine = setup({
  types: {
    context: {} as ColonyContext,
    input: {} as ColonyInput,
    events: {} as ColonyEvent,
    output: {} as ColonyOutput,
  },
  actors: {
    agent: agentLogic,
    judge: fromPromise<boolean, { host: ColonyHost; round: number }>(({ input }) => input.host.judgeRound(input.round)),
  },
  actions: {
    /** A new deliberation: its host, round 0, a fresh restart window. */
    begin: ({ context, event }) => {
      context.host = (event as { host: ColonyHost }).host;
      context.round = 0;
      context.pending.clear();
      context.restarts = [];
      context.timedOut = false;
      context.open = false;
      context.error = undefined;
    },
    openRound: enqueueActions(({ context, self, enqueue }) => openRound(context, self, enqueue.raise)),
    recordTurn: ({ context, event }) => {
      const e = event as TurnCompletedEvent;
      if (e.envelope.payload.round !== context.round || !context.pending.delete(e.envelope.sender)) return;
      context.host.recordTurn(e);
    },
    recordLastTurn: enqueueActions(({ context, event, self, enqueue }) => {
      const e = event as TurnCompletedEvent;
      context.host.recordTurn(e);
      context.pending.delete(e.envelope.sender);
      closeRound(context, self, enqueue.raise);
    }),
    closeTimedOut: enqueueActions(({ context, self, enqueue }) => {
      context.timedOut = true;
      closeRound(context, self, enqueue.raise);
    }),
    closeRound: enqueueActions(({ context, self, enqueue }) => closeRound(context, self, enqueue.raise)),
    stopDeadline: ({ context }) => clearDeadline(context),
    wallTime: ({ context }) => context.host.wallTimeReached(),
    escalate: assign({ error: ({ context }) => ({ code: 'RESTART_INTENSITY', restarts: context.restarts.length + 1 }) }),
    restartCrashed: enqueueActions(({ context, event, enqueue }) => restartChild(context, event as { type: string; error?: unknown }, enqueue as unknown as Enqueue, true)),
    /** The deliberation is over: tell the host, forget it. */
    settle: ({ context }) => {
      const host = context.host;
      if (host === undefined) return;
      const outcome: ColonyOutput = context.error !== undefined ? { status: 'failed', error: context.error } : { status: 'done' };
      context.host = undefined as unknown as ColonyHost;
      context.pending.clear();
      context.open = false;
      host.settled(outcome);
    },
  },
  guards: {
    isLastTurn: ({ context, event }) => {
      const e = (event as TurnCompletedEvent).envelope;
      return e.payload.round === context.round && context.pending.size === 1 && context.pending.has(e.sender);
    },
    isCurrentDeadline: ({ context, event }) => (event as { round: number }).round === context.round && context.open,
    isDrained: ({ context }) => context.open && context.pending.size === 0,
    /** True when one more restart would exceed the intensity limit. */
    intensityExceeded: ({ context }) => {
      const since = context.host.now() - context.host.restartWindowMs;
      return context.restarts.filter((t) => t >= since).length + 1 > context.host.maxRestarts;
    },
  },
}).createMachine({
  id: 'colony',
  context: ({ input, spawn }) => {
    const childOf: Record<string, string> = {};
    const refs = new Map<string, AnyActorRef>();
    for (const agentId of input.agentIds) {
      const childId = `${agentId}#0`;
      refs.set(agentId, spawn('agent', { id: childId, input: { agentId } }));
      childOf[agentId] = childId;
    }
    return { host: undefined as unknown as ColonyHost, round: 0, pending: new Set<string>(), childOf, refs, restarts: [], generation: 0, timedOut: false, open: false, timer: undefined, error: undefined };
  },
  initial: 'idle',
  // flat on purpose: XState walks every active state node on every event, so a deliberation's states are
  // top-level siblings and the handlers they share are listed in each (ACTIVE_ON)
  states: {
    idle: {
      // entered at start (no host yet) and when a deliberation ends: after the transition's actions, so the
      // outcome (an escalation's error, a wall-time stop) is complete when the host hears it
      entry: 'settle',
      on: {
        'deliberation.requested': { target: 'running', actions: 'begin' },
        // an agent can only crash inside a turn; should one crash now, it is restarted (nothing is pending)
        'xstate.error.actor.*': { actions: enqueueActions(({ context, event, enqueue }) => restartChild(context, event, enqueue as unknown as Enqueue, false)) },
        // anything else (a late reply or deadline of a finished deliberation) is dropped
      },
    },
    running: {
      // round 0, and the round after a judge declined; later rounds open inside closeRound
      entry: 'openRound',
      exit: 'stopDeadline',
      on: {
        'turn.completed': [
          { guard: 'isLastTurn', actions: 'recordLastTurn' },
          // any other turn: recorded when it belongs to the open round (a late reply of a closed round is dropped)
          { actions: 'recordTurn' },
        ],
        'round.deadline': { guard: 'isCurrentDeadline', actions: 'closeTimedOut' },
        'round.drained': { guard: 'isDrained', actions: 'closeRound' },
        'colony.judge': { target: 'judging' },
        ...(ACTIVE_ON as unknown as Record<string, never>),
      },
    },
    judging: {
      invoke: {
        src: 'judge',
        input: ({ context }) => ({ host: context.host, round: context.round }),
        onDone: [
          { guard: ({ event }) => event.output, target: 'idle' },
          { target: 'running', actions: assign({ round: ({ context }) => context.round + 1 }) },
        ],
        // exact, so it is chosen before ACTIVE_ON's wildcard
        onError: { target: 'idle', actions: assign({ error: ({ event }) => event.error }) },
      },
      on: ACTIVE_ON as unknown as Record<string, never>,
    },
  },
});

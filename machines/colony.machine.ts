import { assign, enqueueActions, fromPromise, setup, stopChild } from 'xstate';
import type { Envelope } from '../runtime/actors/envelope.js';
import type { TurnInput } from '../runtime/deliberation/turn.port.js';
import { agentMachine, type TurnCompletedEvent } from './agent.machine.js';

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
}

/** Input of the colony machine. */
export interface ColonyInput {
  host: ColonyHost;
}

/** Final output of the colony machine. */
export type ColonyOutput = { status: 'done' } | { status: 'failed'; error: unknown };

interface ColonyContext {
  host: ColonyHost;
  round: number;
  /** Agents whose turn of the current round is outstanding. */
  pending: Set<string>;
  /** agentId → current child actor id (changes on restart). */
  childOf: Record<string, string>;
  restarts: number[];
  generation: number;
  timedOut: boolean;
  verdict: RoundVerdict | undefined;
  error: unknown;
}

type ColonyEvent = TurnCompletedEvent | { type: 'wall.reached' } | { type: `xstate.error.actor.${string}`; error: unknown; actorId?: string };

function agentOfChild(context: ColonyContext, childId: string): string | undefined {
  for (const a in context.childOf) if (context.childOf[a] === childId) return a;
  return undefined;
}

/**
 * The colony supervisor. Spawns one agent actor per agent, runs rounds by message passing (`turn.requested` →
 * `turn.completed`), closes a round when every agent answered or the turn deadline passed, asks the host to
 * decide, and loops or stops. Supervision is one-for-one: a crashed agent is restarted (its turn in that round
 * counts as failed) unless restarts exceed the intensity limit, which escalates: the colony fails with
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
    agent: agentMachine,
    judge: fromPromise<boolean, { host: ColonyHost; round: number }>(({ input }) => input.host.judgeRound(input.round)),
  },
  actions: {
    openRound: enqueueActions(({ context, enqueue }) => {
      const turns = context.host.openRound(context.round);
      const pending = new Set<string>();
      for (const t of turns) {
        pending.add(t.agentId);
        // by id: resolved when the action runs (children spawned at start exist only then)
        enqueue.sendTo(context.childOf[t.agentId]!, { type: 'turn.requested', envelope: t.envelope });
      }
      enqueue.assign({ pending, timedOut: false });
    }),
    recordTurn: ({ context, event }) => {
      const e = event as TurnCompletedEvent;
      context.host.recordTurn(e);
      context.pending.delete(e.envelope.sender);
    },
  },
  delays: {
    turnDeadline: ({ context }) => context.host.turnTimeoutMs,
  },
  guards: {
    isCurrentRound: ({ context, event }) => {
      const e = (event as TurnCompletedEvent).envelope;
      return e.payload.round === context.round && context.pending.has(e.sender);
    },
    isLastTurn: ({ context, event }) => {
      const e = (event as TurnCompletedEvent).envelope;
      return e.payload.round === context.round && context.pending.size === 1 && context.pending.has(e.sender);
    },
    roundComplete: ({ context }) => context.pending.size === 0,
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
    for (const agentId of input.host.agentIds) {
      const childId = `${agentId}#0`;
      spawn('agent', { id: childId, input: { agentId } });
      childOf[agentId] = childId;
    }
    return { host: input.host, round: 0, pending: new Set<string>(), childOf, restarts: [], generation: 0, timedOut: false, verdict: undefined, error: undefined };
  },
  initial: 'running',
  states: {
    running: {
      initial: 'opening',
      on: {
        // sent by the engine's wall-time timer (a timer exists only when a wall-time limit is set)
        'wall.reached': { target: 'done', actions: ({ context }) => context.host.wallTimeReached() },
        'xstate.error.actor.*': [
          {
            // escalate: more restarts than the intensity allows within the window
            guard: 'intensityExceeded',
            target: 'failed',
            actions: assign({ error: ({ context }) => ({ code: 'RESTART_INTENSITY', restarts: context.restarts.length + 1 }) }),
          },
          {
            // one-for-one: stop the crashed child, record, spawn a fresh one under a new id
            actions: enqueueActions(({ context, event, enqueue }) => {
              const childId = event.type.slice('xstate.error.actor.'.length);
              const agentId = agentOfChild(context, childId);
              if (!agentId) return;
              enqueue(stopChild(childId));
              const generation = context.generation + 1;
              const nextId = `${agentId}#${generation}`;
              const pending = new Set(context.pending);
              const wasPending = pending.delete(agentId);
              if (wasPending) context.host.recordCrash(agentId, context.round, (event as { error: unknown }).error);
              enqueue.assign(({ spawn }) => {
                spawn('agent', { id: nextId, input: { agentId } });
                return {
                  generation,
                  pending,
                  childOf: { ...context.childOf, [agentId]: nextId },
                  restarts: [...context.restarts, context.host.now()],
                };
              });
            }),
          },
        ],
      },
      states: {
        opening: {
          // round 0 only; later rounds are opened on the closing transition (one microstep less per round)
          entry: 'openRound',
          always: [{ guard: 'roundComplete', target: 'closing' }, { target: 'collecting' }],
        },
        collecting: {
          after: { turnDeadline: { target: 'closing', actions: assign({ timedOut: true }) } },
          on: {
            // the pending set is this actor's own mutable bookkeeping: no context copy per turn
            'turn.completed': [
              { guard: 'isLastTurn', target: 'closing', actions: 'recordTurn' },
              { guard: 'isCurrentRound', actions: 'recordTurn' },
            ],
          },
        },
        closing: {
          entry: assign({ verdict: ({ context }) => context.host.closeRound(context.round, context.timedOut) }),
          always: [
            { guard: ({ context }) => context.verdict!.needsJudge, target: 'judging' },
            { guard: ({ context }) => context.verdict!.finished, target: '#colony.done' },
            // the host has checked the limits for the next round in closeRound: it opens with every agent asked
            { target: 'collecting', reenter: true, actions: [assign({ round: ({ context }) => context.round + 1 }), 'openRound'] },
          ],
        },
        judging: {
          invoke: {
            src: 'judge',
            input: ({ context }) => ({ host: context.host, round: context.round }),
            onDone: [
              { guard: ({ event }) => event.output, target: '#colony.done' },
              { target: 'opening', actions: assign({ round: ({ context }) => context.round + 1 }) },
            ],
            onError: { target: '#colony.failed', actions: assign({ error: ({ event }) => event.error }) },
          },
        },
      },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
  output: ({ context }) => (context.error !== undefined ? { status: 'failed', error: context.error } : { status: 'done' }),
});

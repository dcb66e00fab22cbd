import { fromTransition, type AnyActorRef } from 'xstate';
import type { Envelope } from '../runtime/actors/envelope.js';
import type { TurnInput, TurnOutput } from '../runtime/deliberation/turn.port.js';

/** Events an agent actor accepts. */
export type AgentEvent =
  | { type: 'turn.requested'; envelope: Envelope<TurnInput> }
  | { type: 'runtime.envelope'; envelope: Envelope };

/** The payload of an agent's reply to its colony. */
export interface TurnReply {
  round: number;
  output: TurnOutput;
}

/**
 * What an agent tells its colony when a turn settles: an envelope from the agent to the colony whose
 * causationId is the id of the `turn.requested` envelope it answers.
 */
export interface TurnCompletedEvent {
  type: 'turn.completed';
  envelope: Envelope<TurnReply>;
}

/** Input of an agent actor. */
export interface AgentInput {
  agentId: string;
}

/**
 * The reply an agent sends its colony when a turn settles: an envelope from the agent to the colony whose
 * causationId is the id of the `turn.requested` envelope it answers.
 */
export function turnCompleted(agentId: string, request: Envelope<TurnInput>, output: TurnOutput): TurnCompletedEvent {
  return {
    type: 'turn.completed',
    envelope: {
      id: `${request.id}/reply`,
      sender: agentId,
      recipient: request.sender,
      payload: { round: request.payload.round, output },
      causationId: request.id,
      traceId: request.traceId,
    },
  };
}

/** The effects of an agent, supplied at run time (the engine binds them to its executor). */
export interface AgentEffects {
  /**
   * Start the model call for a `turn.requested` envelope and, when it settles, send the colony (`self`'s parent)
   * the {@link turnCompleted} envelope; must never block. A synchronous throw is a crash of the agent actor.
   */
  startTurn(self: AnyActorRef, agentId: string, envelope: Envelope<TurnInput>): void;
  /** Handle a generic envelope (runtime send/publish); ignored when absent. */
  handleEnvelope?(self: AnyActorRef, agentId: string, envelope: Envelope): void;
}

/**
 * One role agent, as XState transition logic (`fromTransition`) over its state, the agent id. An agent has no
 * control states of its own — it answers each `turn.requested` by starting the turn, and whether a turn is
 * outstanding is the colony's bookkeeping (it ignores a late reply of a closed round) — so transition logic says
 * exactly what a state machine with one root state and two targetless transitions said, at a fraction of the
 * cost: XState resolves a machine event through its full microstep (state sets, entry/exit sets, eventless
 * transitions, a snapshot copy), about 4.5 µs and a few hundred bytes here, where transition logic calls one
 * function (about 0.8 µs). The agent is still a spawned, supervised XState actor: an error thrown by `startTurn`
 * puts it in `error` status and reaches its colony as `xstate.error.actor.<id>`, which restarts it. Pure: the
 * effects are supplied by {@link createAgentLogic}'s caller.
 */
export function createAgentLogic(effects: AgentEffects) {
  return fromTransition(
    (agentId: string, event: AgentEvent, { self }) => {
      if (event.type === 'turn.requested') effects.startTurn(self, agentId, event.envelope);
      else if (event.type === 'runtime.envelope') effects.handleEnvelope?.(self, agentId, event.envelope);
      return agentId;
    },
    ({ input }: { input: AgentInput }) => input.agentId,
  );
}

/** The agent logic with no effects bound: the colony machine's default, which a host must provide. */
export const agentLogic = createAgentLogic({
  startTurn: () => {
    throw new Error('agent actor: startTurn must be provided (createAgentLogic)');
  },
});

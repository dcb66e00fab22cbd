import { setup } from 'xstate';
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

/**
 * One role agent. Pure: the model call is the `startTurn` action supplied at run time, which starts the agent's
 * turn and, when it settles, sends the colony (its parent) the `turn.completed` envelope built by
 * {@link turnCompleted} — straight from the settled promise, so a turn costs the agent one event (cheaper than one
 * invoked promise actor per call, see PITFALLS). A synchronous throw from `startTurn` is a crash of this actor,
 * which its supervisor (the colony) sees and answers with a restart. Context is one string: idle agents must stay
 * small; whether a turn is outstanding is the colony's bookkeeping (it ignores a late reply of a closed round).
 */
export const agentMachine = setup({
  types: {
    context: {} as AgentInput,
    input: {} as AgentInput,
    events: {} as AgentEvent,
  },
  actions: {
    /** Supplied at run time: start the model call for the `turn.requested` event's envelope; must never block. */
    startTurn: () => {
      throw new Error('agent machine: startTurn must be provided');
    },
    /** Supplied at run time: handle a generic envelope (runtime send/publish). */
    handleEnvelope: (_: unknown, _params: { envelope: Envelope }) => {},
  },
}).createMachine({
  id: 'agent',
  context: ({ input }) => ({ agentId: input.agentId }),
  on: {
    'turn.requested': { actions: 'startTurn' },
    'runtime.envelope': { actions: { type: 'handleEnvelope', params: ({ event }) => ({ envelope: event.envelope }) } },
  },
});

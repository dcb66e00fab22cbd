import type { AgentSpec } from '../../runtime/deliberation/deliberation.types.js';
import type { TurnExecutor, TurnInput, TurnOutput } from '../../runtime/deliberation/turn.port.js';
import { toLukhasError } from '../../runtime/errors.js';
import type { ModelAdapter, ModelRequest } from '../../runtime/models/model.port.js';
import { buildTurnRequest } from '../roles/prompt.builder.js';
import { isParseFailure, parseProposal } from '../roles/proposal.parser.js';
import type { RoleCatalogue } from '../roles/role.catalogue.js';

/** Picks the model adapter of an agent (the composition root builds it from `provider:model`). */
export type ModelFor = (agent: AgentSpec & { id?: string }) => ModelAdapter;

/**
 * Runs turns in this process: role prompt → the agent's model → tolerant parse. A model error or an unparseable
 * reply becomes a failed turn (the agent is excluded from the round), never an exception.
 */
export function createLocalExecutor(roles: RoleCatalogue, modelFor: ModelFor): TurnExecutor {
  return {
    async turn(input: TurnInput, options): Promise<TurnOutput> {
      const role = roles.get(input.agent.role);
      const request: ModelRequest = buildTurnRequest(role, input);
      let response;
      try {
        response = await modelFor({ ...input.agent, id: input.agentId }).generate(request, options?.signal ? { signal: options.signal } : undefined);
      } catch (err) {
        const e = toLukhasError(err);
        return { ok: false, error: { code: e.code, message: e.message }, request };
      }
      const parsed = parseProposal(response.text, input.options);
      if (isParseFailure(parsed)) return { ok: false, error: { code: 'MODEL_BAD_OUTPUT', message: parsed.error }, request, response };
      return { ok: true, proposal: parsed, request, response };
    },
  };
}

import type { AgentSpec } from '../../runtime/deliberation/deliberation.types.js';
import type { TurnExecutor, TurnInput, TurnOutput, TurnVerdict } from '../../runtime/deliberation/turn.port.js';
import { toLukhasError } from '../../runtime/errors.js';
import type { Gate } from '../../runtime/ethics/gate.js';
import { gatedCaller } from '../../runtime/ethics/with-gate.js';
import type { ModelAdapter, ModelRequest, ModelResponse } from '../../runtime/models/model.port.js';
import { buildTurnRequest } from '../roles/prompt.builder.js';
import { isParseFailure, parseProposal } from '../roles/proposal.parser.js';
import type { RoleCatalogue } from '../roles/role.catalogue.js';

/** Picks the model adapter of an agent (the composition root builds it from `provider:model`). */
export type ModelFor = (agent: AgentSpec & { id?: string }) => ModelAdapter;

/**
 * Runs turns in this process: role prompt → the ethics gate → the agent's model → the gate again → tolerant
 * parse. With a gate, every request and reply is validated (no way around it: the model is only reached through
 * the gate's caller, `gatedCaller`), and the verdicts travel with the turn into the journal. A model error, a
 * blocked call or an unparseable reply becomes a failed turn (the agent is excluded from the round), never an
 * exception.
 */
export function createLocalExecutor(roles: RoleCatalogue, modelFor: ModelFor, gate?: Gate): TurnExecutor {
  // every call through the gate: one wrapped adapter per model, each turn's verdicts collected by its own sink
  const call = gate ? gatedCaller(gate) : undefined;
  // the agent as modelFor sees it: the engine's spec carries its id already (one spec object per agent and
  // deliberation); a spec from elsewhere gets a copy with the id
  const withId = (spec: AgentSpec & { id?: string }, id: string): AgentSpec & { id: string } => (spec.id === id ? (spec as AgentSpec & { id: string }) : { ...spec, id });
  function turn(input: TurnInput, options: { signal?: AbortSignal } | undefined): Promise<TurnOutput> {
    const role = roles.get(input.agent.role);
    const request: ModelRequest = buildTurnRequest(role, input);
    const model = modelFor(withId(input.agent, input.agentId));
    const callOptions = options?.signal ? { signal: options.signal } : undefined;
    let verdicts: TurnVerdict[] | undefined;
    let reply: Promise<ModelResponse>;
    // the request the model is sent: the built one, or the gate's healed copy (PII redacted), which is what the
    // journal records and replay compares — never the text the gate removed
    let sent = request;
    if (call) {
      const sink: TurnVerdict[] = (verdicts = []);
      reply = call(model, request, callOptions, (e) => {
        if (e.request) sent = e.request;
        sink.push({ stage: e.stage, verdict: e.verdict.verdict, category: e.verdict.category, score: e.verdict.score, pass: e.pass });
      });
    } else reply = model.generate(request, callOptions);
    return reply.then(
      (response) => {
        const parsed = parseProposal(response.text, input.options);
        const out: TurnOutput = isParseFailure(parsed)
          ? { ok: false, error: { code: 'MODEL_BAD_OUTPUT', message: parsed.error }, request: sent, response }
          : { ok: true, proposal: parsed, request: sent, response };
        if (verdicts) out.gate = verdicts;
        return out;
      },
      (err: unknown) => {
        const e = toLukhasError(err);
        const failed: TurnOutput = { ok: false, error: { code: e.code, message: e.message }, request: sent };
        if (verdicts) failed.gate = verdicts;
        return failed;
      },
    );
  }
  return {
    // a promise chain, not an async function: one promise turn less per call; anything thrown before the call (an
    // unknown role, a model that cannot be built) is a rejected turn, as it was
    turn(input, options) {
      try {
        return turn(input, options);
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

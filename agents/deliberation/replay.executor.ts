import type { PositionKey, TurnExecutor, TurnInput, TurnOutput } from '../../runtime/deliberation/turn.port.js';
import { LukhasError, type ErrorCode, ERROR_CODES } from '../../runtime/errors.js';
import type { JournalRecord } from '../../runtime/journal/journal.js';
import { MODEL_PORT_VERSION, streamFromGenerate, type ModelAdapter, type ModelRequest, type ModelResponse } from '../../runtime/models/model.port.js';
import { canonicalJson } from '../../runtime/journal/canonical.js';
import type { RoleCatalogue } from '../roles/role.catalogue.js';
import type { Gate } from '../../runtime/ethics/gate.js';
import { createLocalExecutor } from './local.executor.js';

interface Recorded {
  request?: ModelRequest;
  response?: ModelResponse;
  error?: { code: string; message: string };
  timedOut?: boolean;
  crashed?: boolean;
}

const keyOf = (round: unknown, agent: unknown) => `${String(round)}\u0000${String(agent)}`;

/**
 * A model that answers from a journal: the recorded reply (or error) of the agent and round named in the
 * request's context. Before answering, it checks that the request the code just built equals the recorded one
 * (canonical JSON), so a changed prompt is a loud REPLAY_MISS rather than a silent divergence.
 */
export function createJournalModel(record: JournalRecord): ModelAdapter & { readonly served: number } {
  const calls = new Map<string, Recorded>();
  for (const e of record.entries) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'model.called' || e.type === 'judge.called') {
      const agent = e.type === 'judge.called' ? 'judge/1' : d.agent;
      const r = calls.get(keyOf(d.round, agent)) ?? {};
      if (d.request) r.request = d.request as ModelRequest;
      if (d.response) r.response = d.response as ModelResponse;
      calls.set(keyOf(d.round, agent), r);
    } else if (e.type === 'turn.failed' && d.request && !calls.get(keyOf(d.round, d.agent))?.response) {
      calls.set(keyOf(d.round, d.agent), { request: d.request as ModelRequest, error: d.error as { code: string; message: string } });
    }
  }
  let served = 0;
  const adapter = {
    portVersion: MODEL_PORT_VERSION,
    provider: 'replay',
    model: record.id,
    get served() { return served; },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const ctx = request.context;
      const rec = ctx ? calls.get(keyOf(ctx.round, ctx.agent)) : undefined;
      if (!ctx || !rec) throw new LukhasError('REPLAY_MISS', `journal ${record.id} holds no call of ${ctx?.agent ?? '(unknown agent)'} in round ${ctx?.round ?? '?'}`);
      if (rec.request && canonicalJson(rec.request) !== canonicalJson(request)) {
        throw new LukhasError('REPLAY_MISS', `the request of ${ctx.agent} in round ${ctx.round} differs from the one in journal ${record.id} (prompt or parameters changed)`);
      }
      served++;
      if (rec.response) return rec.response;
      const code = (rec.error?.code ?? 'MODEL_ERROR') as ErrorCode;
      throw new LukhasError(code in ERROR_CODES ? code : 'MODEL_ERROR', rec.error?.message ?? 'recorded failure');
    },
    stream: (request: ModelRequest) => streamFromGenerate(adapter, request),
  };
  return adapter;
}

/**
 * Serves the turns of a journal with zero model calls. It runs the same code path as the original run (prompt
 * builder, parser) against {@link createJournalModel}; recorded timeouts fail the same way, and a recorded actor
 * crash is reproduced as a crash (a synchronous throw), so supervision replays too.
 */
export function createReplayExecutor(record: JournalRecord, roles: RoleCatalogue, gate?: Gate): TurnExecutor & { model: ReturnType<typeof createJournalModel> } {
  const special = new Map<string, Recorded>();
  for (const e of record.entries) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'turn.failed' && d.timedOut) special.set(keyOf(d.round, d.agent), { timedOut: true, error: d.error as { code: string; message: string } });
    if (e.type === 'agent.restarted') special.set(keyOf(d.round, d.agent), { crashed: true, error: { code: 'AGENT_FAILED', message: String(d.error ?? '') } });
  }
  const model = createJournalModel(record);
  const local = createLocalExecutor(roles, () => model, gate);
  // position keys (canonical forms, embedding vectors) are served from the journal: zero embedding calls
  const keys = new Map<string, PositionKey>();
  for (const e of record.entries) {
    if (e.type !== 'position.keyed') continue;
    const { round, agent, ...key } = e.data as Record<string, unknown>;
    keys.set(keyOf(round, agent), key as unknown as PositionKey);
  }
  return {
    model,
    turn(input: TurnInput, options): Promise<TurnOutput> {
      const s = special.get(keyOf(input.round, input.agentId));
      if (s?.crashed) {
        special.delete(keyOf(input.round, input.agentId)); // the restarted actor is not asked again this round
        throw new Error(s.error?.message ?? 'replayed crash');
      }
      if (s?.timedOut) return new Promise(() => {}); // never settles: the turn deadline closes the round again
      const key = keys.get(keyOf(input.round, input.agentId));
      return key ? local.turn(input, options).then((o) => (o.ok ? { ...o, positionKey: key } : o)) : local.turn(input, options);
    },
  };
}

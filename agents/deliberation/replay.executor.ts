import type { TurnExecutor, TurnOutput } from '../../runtime/deliberation/turn.port.js';
import { LukhasError } from '../../runtime/errors.js';
import type { JournalRecord } from '../../runtime/journal/journal.js';
import type { ModelRequest, ModelResponse } from '../../runtime/models/model.port.js';
import { isParseFailure, parseProposal } from '../roles/proposal.parser.js';

/** Recorded judge calls of a journal, by round. */
export type RecordedJudges = Map<number, { decision: string | null; rationale: string; request?: unknown; response?: ModelResponse }>;

/**
 * Serves the turns recorded in a journal — the model's reply, or the failure — with zero model calls. A turn the
 * journal does not hold is a REPLAY_MISS naming the agent and round. The reply is parsed again (not copied from
 * the journal's proposal), so replay re-runs the same code path as the original run.
 */
export function createReplayExecutor(record: JournalRecord): TurnExecutor & { judges: RecordedJudges; readonly served: number } {
  const turns = new Map<string, TurnOutput>();
  const calls = new Map<string, { request: ModelRequest; response: ModelResponse }>();
  const judges: RecordedJudges = new Map();
  for (const e of record.entries) {
    const d = e.data as Record<string, unknown>;
    const key = `${d.round}\u0000${d.agent}`;
    if (e.type === 'model.called') calls.set(key, { request: d.request as ModelRequest, response: d.response as ModelResponse });
    else if (e.type === 'turn.failed') {
      const c = calls.get(key);
      const failed: TurnOutput = { ok: false, error: d.error as { code: string; message: string } };
      if (c) Object.assign(failed, { request: c.request, response: c.response });
      else if (d.request) Object.assign(failed, { request: d.request });
      turns.set(key, failed);
    } else if (e.type === 'judge.called') {
      judges.set(Number(d.round), { decision: (d.decision as string | null) ?? null, rationale: String(d.rationale ?? ''), request: d.request, ...(d.response ? { response: d.response as ModelResponse } : {}) });
    }
  }
  let served = 0;
  return {
    judges,
    get served() { return served; },
    async turn(input) {
      const key = `${input.round}\u0000${input.agentId}`;
      const failed = turns.get(key);
      if (failed) { served++; return failed; }
      const c = calls.get(key);
      if (!c) throw new LukhasError('REPLAY_MISS', `journal ${record.id} holds no turn of ${input.agentId} in round ${input.round}`);
      served++;
      const parsed = parseProposal(c.response.text, input.options);
      if (isParseFailure(parsed)) return { ok: false, error: { code: 'MODEL_BAD_OUTPUT', message: parsed.error }, request: c.request, response: c.response };
      return { ok: true, proposal: parsed, request: c.request, response: c.response };
    },
  };
}

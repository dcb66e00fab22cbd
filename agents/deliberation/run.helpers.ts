import { setMaxListeners } from 'node:events';
import type { Tally } from '../../runtime/consensus/consensus.types.js';
import type { ModelResponse } from '../../runtime/models/model.port.js';
import type { PeerView, TurnInput, TurnOutput } from '../../runtime/deliberation/turn.port.js';
import type { NormalisedRequest } from './request.normalise.js';

/**
 * A response as journaled: fixed key order and only port fields (plus fallback facts), whatever object the
 * adapter returned, so journals are byte-stable and replay returns exactly what was recorded.
 */
export function journalResponse(r: ModelResponse): Record<string, unknown> {
  const x = r as ModelResponse & { fallbackUsed?: boolean; attempts?: number };
  return {
    text: r.text,
    finishReason: r.finishReason,
    usage: { inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, cachedTokens: r.usage.cachedTokens },
    provider: r.provider,
    model: r.model,
    ...(x.fallbackUsed !== undefined ? { fallbackUsed: x.fallbackUsed } : {}),
    ...(x.attempts !== undefined ? { attempts: x.attempts } : {}),
  };
}

/** The part of a round that flip counting reads. */
export interface RoundPositions {
  outputs: Map<string, TurnOutput>;
  positionOf: Map<string, string>;
}

/**
 * Position changes of each agent between its consecutive successful proposals; with a ground truth, split into
 * right→wrong and wrong→right (the measure of the multi-agent-debate literature).
 */
export function countFlips(agentIds: readonly string[], rounds: readonly (RoundPositions | undefined)[], groundTruth: string | undefined): { rightToWrong: number; wrongToRight: number; total: number } {
  const flips = { rightToWrong: 0, wrongToRight: 0, total: 0 };
  for (const id of agentIds) {
    let prev: string | undefined;
    for (const round of rounds) {
      const o = round?.outputs.get(id);
      if (!o?.ok) continue;
      const cur = round!.positionOf.get(id) ?? o.proposal.position;
      if (prev !== undefined && cur !== prev) {
        flips.total++;
        if (groundTruth !== undefined) {
          if (prev === groundTruth && cur !== groundTruth) flips.rightToWrong++;
          else if (prev !== groundTruth && cur === groundTruth) flips.wrongToRight++;
        }
      }
      prev = cur;
    }
  }
  return flips;
}

const LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The anonymous label of the i-th peer an agent sees. */
export const peerLabel = (i: number) => (i < 26 ? `Agent ${LABELS[i]}` : `Agent ${i + 1}`);

/**
 * A deliberation's peer views: one view object per (label, peer), shared by every agent that sees that peer under
 * that label, and kept from round to round while the peer's proposal stays the same (read-only data; prompt
 * builders may remember what they derive from a view, such as its quoted block).
 */
export class PeerViews {
  private readonly views = new Map<string, PeerView>();
  of(labelIndex: number, agentId: string, p: { position: string; rationale: string; confidence: number }): PeerView {
    const key = `${labelIndex}\u0000${agentId}`;
    const v = this.views.get(key);
    if (v && v.position === p.position && v.rationale === p.rationale && v.confidence === p.confidence) return v;
    const fresh: PeerView = { label: peerLabel(labelIndex), position: p.position, rationale: p.rationale, confidence: p.confidence };
    this.views.set(key, fresh);
    return fresh;
  }
}

/** A deliberation's agent specs as its turns carry them, built once per agent. */
export class AgentSpecs {
  private readonly specs = new Map<string, TurnInput['agent']>();
  of(agent: NormalisedRequest['agents'][number]): TurnInput['agent'] {
    let spec = this.specs.get(agent.id);
    if (!spec) {
      // with its id (`role/key`), so a model resolver that wants it needs no copy per turn
      spec = { role: agent.role, key: agent.key, id: agent.id } as TurnInput['agent'];
      if (agent.model) spec.model = agent.model;
      if (agent.temperature !== undefined) spec.temperature = agent.temperature;
      if (agent.simulated) spec.simulated = agent.simulated;
      this.specs.set(agent.id, spec);
    }
    return spec;
  }
}

/** What a deliberation keeps of one round. */
export interface RoundState {
  outputs: Map<string, TurnOutput>;
  crashes: string[];
  crashErrors: Map<string, string>;
  asked: string[];
  tally?: Tally;
  /** position id → display text (open questions). */
  texts: Map<string, string>;
  positionOf: Map<string, string>;
}


/**
 * The deliberation's own abort controller. Every in-flight call (and each of its gate checks) listens to it, so a
 * large colony legitimately has more than Node's default 10 listeners: raise the warning threshold for this
 * signal only (it is ours; a caller's signal is never touched).
 */
export function newRunController(): AbortController {
  const c = new AbortController();
  setMaxListeners(1024, c.signal);
  return c;
}

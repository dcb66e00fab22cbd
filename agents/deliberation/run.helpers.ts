import type { ModelResponse } from '../../runtime/models/model.port.js';
import type { TurnOutput } from '../../runtime/deliberation/turn.port.js';

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

import { LukhasError } from '../errors.js';
import type { Ballot, JudgeFn, ProtocolSpec, RoundFacts, Tally } from './consensus.types.js';
import { countVotes, decide } from './protocols.js';
import { validateRound, validateSpec } from './validate-ballots.js';

/**
 * Decides one round under any protocol, including `judge`: an aggregator (a model, as in Mixture-of-Agents)
 * reads the ballots and names the decision. Every other protocol is delegated to {@link decide}.
 *
 * Judge rules: no ballots → `no-ballots`; quorum as in {@link decide} (the judge is not asked without quorum).
 * The judge's decision must be some ballot's position; a decision no ballot proposed, a null decision, a
 * malformed reply, or a judge that throws or rejects → not decided, reason `judge-declined` — never a thrown
 * error. scores = votes per position; support = the decision's votes / counted; confidence = mean confidence of
 * the ballots for the decision; `rationale` = the judge's rationale when it gave one (on failure, only the
 * error's code or name, never its message, which might quote a provider's response or a key).
 * The judge has no deadline here: wrap it with the runtime's timeout policy.
 *
 * @throws LukhasError BAD_INPUT for malformed ballots or facts (as {@link decide}); BAD_OPTION for a bad spec or
 *   for `judge` without a judge function.
 */
export async function decideAsync(ballots: readonly Ballot[], spec: ProtocolSpec, facts: RoundFacts, judge?: JudgeFn): Promise<Tally> {
  if (spec === null || typeof spec !== 'object' || spec.name !== 'judge') return decide(ballots, spec, facts);
  validateRound(ballots, facts);
  validateSpec(spec);
  if (typeof judge !== 'function') {
    throw new LukhasError('BAD_OPTION', 'invalid judge: protocol "judge" needs a judge function (decideAsync(ballots, spec, facts, judge))', {
      details: { option: 'judge' },
    });
  }
  const counted = ballots.length;
  if (counted === 0) {
    return { decided: false, decision: null, support: 0, confidence: 0, scores: {}, reason: 'no-ballots', counted: 0, abstained: facts.eligible };
  }
  const { tally, lookup } = countVotes(ballots, facts);
  if (tally.reason === 'no-quorum') return tally;
  const declined = (rationale?: string): Tally => ({ ...tally, reason: 'judge-declined', ...(rationale ? { rationale } : {}) });
  let verdict: unknown;
  try {
    verdict = await judge(ballots, { round: facts.round ?? 0 });
  } catch (err) {
    return declined(`judge failed (${failureName(err)})`);
  }
  if (verdict === null || typeof verdict !== 'object') return declined();
  const { decision, rationale } = verdict as { decision?: unknown; rationale?: unknown };
  const why = typeof rationale === 'string' && rationale !== '' ? rationale : undefined;
  const found = typeof decision === 'string' ? lookup(decision) : undefined;
  if (found === undefined) return declined(why);
  return {
    ...tally,
    decided: true,
    decision: decision as string,
    support: found.support,
    confidence: found.confidence,
    reason: 'decided',
    ...(why ? { rationale: why } : {}),
  };
}

function failureName(err: unknown): string {
  if (LukhasError.isInstance(err)) return err.code;
  if (err instanceof Error) return err.name;
  return typeof err;
}

import { LukhasError } from '../errors.js';
import type { Ballot, ProtocolSpec, RoundFacts } from './consensus.types.js';

/**
 * Input checks of the decision protocols. They run on the hot path (after every round), so they are plain
 * loops with no schema library and no allocation for rounds of up to {@link SMALL_ROUND} ballots.
 */

/** Up to this many ballots, duplicate agents are found by a nested loop instead of a Set (cheaper when small). */
const SMALL_ROUND = 16;

/** Every accepted protocol name, in the order the docs list them. */
export const PROTOCOL_NAMES = [
  'majority',
  'supermajority',
  'unanimity',
  'confidence-weighted',
  'ranked',
  'approval',
  'judge',
] as const;

/** The accepted protocol texts, as error messages list them. */
export const PROTOCOL_FORMS = 'one of majority, supermajority, supermajority:θ, unanimity, confidence-weighted, ranked, approval, judge';

/** The accepted supermajority thresholds, as error messages state them. */
export const THRESHOLD_RANGE = 'a number θ with 0.5 < θ ≤ 1, e.g. supermajority:0.75';

function bad(message: string, details: Record<string, unknown>): never {
  throw new LukhasError('BAD_INPUT', message, { details });
}

function who(b: Ballot, i: number): string {
  return typeof b.agent === 'string' && b.agent !== '' ? `ballot ${i} (agent ${JSON.stringify(b.agent)})` : `ballot ${i}`;
}

function checkList(b: Ballot, i: number, field: 'ranking' | 'approvals'): void {
  const list = b[field];
  if (list === undefined) return;
  if (!Array.isArray(list)) bad(`${who(b, i)}: ${field} must be an array of position strings`, { agent: b.agent, field });
  for (let j = 0; j < list.length; j++) {
    const p = list[j];
    if (typeof p !== 'string' || p === '') {
      bad(`${who(b, i)}: ${field}[${j}] must be a non-empty position string`, { agent: b.agent, field });
    }
  }
}

/**
 * Throws LukhasError('BAD_INPUT') naming the ballot, the agent and the field when a ballot is malformed:
 * an empty agent or position, a confidence that is not a number in [0, 1], a ranking or approval list that is
 * not a list of non-empty strings, the same agent twice in one round; or when the round facts are impossible
 * (eligible not an integer ≥ the number of ballots, quorum outside [0, 1]).
 */
export function validateRound(ballots: readonly Ballot[], facts: RoundFacts): void {
  if (!Array.isArray(ballots)) bad('ballots must be an array', { field: 'ballots' });
  const n = ballots.length;
  if (facts === null || typeof facts !== 'object') bad('round facts must be an object with eligible', { field: 'facts' });
  const { eligible, quorum } = facts;
  if (!Number.isInteger(eligible) || eligible < n) {
    bad(`eligible must be an integer ≥ the number of ballots (${n}), got ${String(eligible)}`, { field: 'eligible' });
  }
  if (quorum !== undefined && !(typeof quorum === 'number' && quorum >= 0 && quorum <= 1)) {
    bad(`quorum must be a number in [0, 1], got ${String(quorum)}`, { field: 'quorum' });
  }
  for (let i = 0; i < n; i++) {
    const b = ballots[i];
    if (b === null || typeof b !== 'object') bad(`ballot ${i} must be an object`, { field: 'ballot' });
    if (typeof b.agent !== 'string' || b.agent === '') bad(`ballot ${i}: agent must be a non-empty string`, { field: 'agent' });
    if (typeof b.position !== 'string' || b.position === '') {
      bad(`${who(b, i)}: position must be a non-empty string`, { agent: b.agent, field: 'position' });
    }
    const c = b.confidence;
    if (typeof c !== 'number' || !(c >= 0 && c <= 1)) {
      bad(`${who(b, i)}: confidence must be a number in [0, 1], got ${String(c)}`, { agent: b.agent, field: 'confidence' });
    }
    checkList(b, i, 'ranking');
    checkList(b, i, 'approvals');
  }
  if (n <= SMALL_ROUND) {
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) if (ballots[j]!.agent === ballots[i]!.agent) duplicate(ballots[i]!.agent, j, i);
    }
  } else {
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const a = ballots[i]!.agent;
      const j = seen.get(a);
      if (j !== undefined) duplicate(a, j, i);
      seen.set(a, i);
    }
  }
}

function duplicate(agent: string, first: number, second: number): never {
  bad(`duplicate agent ${JSON.stringify(agent)} in one round (ballots ${first} and ${second}): field agent`, { agent, field: 'agent' });
}

/**
 * Throws LukhasError('BAD_OPTION') when a spec is not one of the protocols or a supermajority threshold is
 * outside (0.5, 1]; both messages name what was wrong and what is accepted.
 */
export function validateSpec(spec: ProtocolSpec): void {
  const name = spec === null || typeof spec !== 'object' ? undefined : spec.name;
  if (!(PROTOCOL_NAMES as readonly unknown[]).includes(name)) {
    throw new LukhasError('BAD_OPTION', `invalid protocol: ${JSON.stringify(name ?? spec)} (expected ${PROTOCOL_FORMS})`, {
      details: { option: 'protocol' },
    });
  }
  if (spec.name === 'supermajority') checkThreshold(spec.threshold, spec.threshold);
}

/** Throws BAD_OPTION naming θ and its range unless `value` is a number in (0.5, 1]. */
export function checkThreshold(value: unknown, shown: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value > 0.5 && value <= 1)) {
    throw new LukhasError(
      'BAD_OPTION',
      `invalid supermajority threshold θ: ${typeof shown === 'string' ? JSON.stringify(shown) : String(shown)} (expected ${THRESHOLD_RANGE})`,
      { details: { option: 'protocol.threshold' } },
    );
  }
}

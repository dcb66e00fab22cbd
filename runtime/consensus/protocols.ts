import { LukhasError } from '../errors.js';
import type { Ballot, ProtocolSpec, RoundFacts, Tally, TallyReason } from './consensus.types.js';
import { validateRound, validateSpec } from './validate-ballots.js';

/**
 * The decision protocols. One call per round, synchronous and pure; the only allocations are one Map from
 * position to slot, a few arrays of one number per distinct position and the returned Tally.
 *
 * Every measure is summed as an integer (votes, tenths of a weight, Borda points, approvals, confidences in
 * fixed point at 2^-30), so the result is bit-for-bit the same whatever the order of the ballots.
 */

/** Default quorum: at least half of the eligible agents must cast a ballot. */
export const DEFAULT_QUORUM = 0.5;

/**
 * Confidences are summed as two fixed-point integers, units of 2^-30 and 2^-60: integer sums are exact, so the
 * mean does not depend on ballot order, and every confidence ≥ 2^-8 is represented without loss.
 */
const FIXED = 2 ** 30;

/** ReConcile weight in tenths, so that weights add up exactly. */
function weightTenths(c: number): number {
  if (c === 1) return 10;
  if (c >= 0.9) return 8;
  if (c >= 0.8) return 5;
  if (c > 0.6) return 3;
  return 1;
}

/**
 * The ReConcile confidence weight (Chen et al. 2023): 1.0 if c = 1, 0.8 if c ≥ 0.9, 0.5 if c ≥ 0.8, 0.3 if
 * c > 0.6, else 0.1. Coarse on purpose: models' self-reported confidences are poorly calibrated.
 */
export function confidenceWeight(confidence: number): number {
  return weightTenths(confidence) / 10;
}

/** Positions of a round, in first-seen order, with votes and fixed-point confidence sums. */
interface Round {
  index: Map<string, number>;
  names: string[];
  votes: number[];
  /** Confidence sums in units of 2^-30 (hi) and 2^-60 (lo). */
  hi: number[];
  lo: number[];
}

function collect(ballots: readonly Ballot[]): Round {
  const index = new Map<string, number>();
  const names: string[] = [];
  const votes: number[] = [];
  const hi: number[] = [];
  const lo: number[] = [];
  for (let i = 0; i < ballots.length; i++) {
    const b = ballots[i]!;
    let slot = index.get(b.position);
    if (slot === undefined) {
      slot = names.length;
      index.set(b.position, slot);
      names.push(b.position);
      votes.push(0);
      hi.push(0);
      lo.push(0);
    }
    votes[slot]!++;
    const scaled = b.confidence * FIXED;
    const whole = Math.floor(scaled);
    hi[slot]! += whole;
    lo[slot]! += Math.floor((scaled - whole) * FIXED);
  }
  return { index, names, votes, hi, lo };
}

/** Mean confidence of the ballots in one slot, from the exact fixed-point sums. */
function meanOf(r: Round, slot: number): number {
  return (r.hi[slot]! + r.lo[slot]! / FIXED) / FIXED / r.votes[slot]!;
}

/**
 * Adds, per ballot, `points(i)` to the i-th entry of its list (ranking or approvals; default [position]) that is
 * a position some ballot proposed. Other entries are ignored: only proposed positions can win. A proposed
 * position listed twice by one ballot is bad input.
 */
function scoreLists(ballots: readonly Ballot[], r: Round, field: 'ranking' | 'approvals', points: (rank: number) => number): number[] {
  const k = r.names.length;
  const score = new Array<number>(k).fill(0);
  const stamp = new Int32Array(k).fill(-1);
  for (let i = 0; i < ballots.length; i++) {
    const b = ballots[i]!;
    const list = b[field];
    if (list === undefined) {
      score[r.index.get(b.position)!]! += points(0);
      continue;
    }
    let rank = 0;
    for (let j = 0; j < list.length; j++) {
      const slot = r.index.get(list[j]!);
      if (slot === undefined) continue;
      if (stamp[slot] === i) {
        throw new LukhasError('BAD_INPUT', `ballot ${i} (agent ${JSON.stringify(b.agent)}): ${field} lists a position twice`, {
          details: { agent: b.agent, field },
        });
      }
      stamp[slot] = i;
      score[slot]! += points(rank++);
    }
  }
  return score;
}

function emptyTally(reason: TallyReason, eligible: number): Tally {
  return { decided: false, decision: null, support: 0, confidence: 0, scores: {}, reason, counted: 0, abstained: eligible };
}

/** Scores keyed by position in sorted order, so that the Tally's JSON does not depend on ballot order. */
function scoresOf(r: Round, measure: readonly number[], scale: number): Record<string, number> {
  const out: Record<string, number> = {};
  const sorted = r.names.slice();
  // few positions: insertion sort with `>` (UTF-16 code-unit order, exactly as Array#sort) costs far less
  if (sorted.length > 16) sorted.sort();
  else for (let i = 1; i < sorted.length; i++) {
    const x = sorted[i]!;
    let j = i - 1;
    for (; j >= 0 && sorted[j]! > x; j--) sorted[j + 1] = sorted[j]!;
    sorted[j + 1] = x;
  }
  for (let i = 0; i < sorted.length; i++) {
    const name = sorted[i]!;
    const value = measure[r.index.get(name)!]! / scale;
    // assigning "__proto__" would set the prototype instead of adding the position
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }
  return out;
}

/**
 * Builds the Tally from a measure per position: a unique top position decides when `wins(its measure)`; a tied
 * top never does. support = measure[top] / `denominator`; scores = measure / `scale`.
 */
function finish(
  r: Round,
  facts: RoundFacts,
  counted: number,
  measure: readonly number[],
  scale: number,
  denominator: number,
  wins: (top: number) => boolean,
): Tally {
  let top = 0;
  let ties = 1;
  for (let i = 1; i < measure.length; i++) {
    if (measure[i]! > measure[top]!) { top = i; ties = 1; } else if (measure[i] === measure[top]) ties++;
  }
  const quorumMet = counted / facts.eligible >= (facts.quorum ?? DEFAULT_QUORUM);
  const decided = quorumMet && ties === 1 && wins(measure[top]!);
  const scores = scoresOf(r, measure, scale);
  const abstained = facts.eligible - counted;
  if (!decided) {
    const reason: TallyReason = !quorumMet ? 'no-quorum' : ties > 1 ? 'tie' : 'below-threshold';
    return { decided: false, decision: null, support: 0, confidence: 0, scores, reason, counted, abstained };
  }
  return {
    decided: true,
    decision: r.names[top]!,
    support: denominator > 0 ? measure[top]! / denominator : 1,
    confidence: meanOf(r, top),
    scores,
    reason: 'decided',
    counted,
    abstained,
  };
}

/**
 * Decides one round under one protocol (every protocol but `judge`, which is asynchronous: see
 * {@link decideAsync}). Pure and synchronous. The rules (also in runtime/consensus/README.md):
 *
 * - No ballots → `no-ballots`. Quorum: counted / eligible must be ≥ facts.quorum (default 0.5), else
 *   `no-quorum`. Abstentions = eligible − counted; they never count as votes, for or against.
 * - `majority`: a position with strictly more than half of the counted ballots. `supermajority(θ)`,
 *   0.5 < θ ≤ 1: a position whose share of the counted ballots is ≥ θ. `unanimity`: every counted ballot
 *   holds the same position.
 * - `confidence-weighted` (ReConcile): each ballot weighs {@link confidenceWeight}(confidence); the top position
 *   must hold strictly more than half of the total weight, so equal confidences decide exactly as majority.
 * - `ranked` (Borda): the candidates are the k distinct ballot positions; each ballot's ranking (default
 *   [position]) gives k−1−i points to its i-th candidate entry (entries that are no ballot's position are
 *   skipped; unranked candidates get 0). The unique top scorer wins; there is no threshold.
 * - `approval`: each ballot approves its `approvals` (default [position]), restricted to candidates; the unique
 *   most-approved position wins if approved by more than half of the counted ballots.
 * - When no position wins: a tie at the top → `tie`, otherwise `below-threshold`.
 * - support = the decision's share of the measure: votes / counted (majority, supermajority, unanimity),
 *   weight / total weight (confidence-weighted), points / (counted × (k−1)) i.e. of the maximum possible
 *   (ranked; 1 when k = 1), approvals / counted (approval). confidence = mean confidence of the ballots whose
 *   position is the decision. scores = the measure per candidate. The decision is always some ballot's position.
 *
 * @throws LukhasError BAD_INPUT naming the ballot, agent and field for malformed ballots or facts;
 *   BAD_OPTION for an unknown protocol, a θ outside (0.5, 1], or `judge`.
 */
export function decide(ballots: readonly Ballot[], spec: ProtocolSpec, facts: RoundFacts): Tally {
  validateRound(ballots, facts);
  validateSpec(spec);
  if (spec.name === 'judge') {
    throw new LukhasError('BAD_OPTION', 'invalid protocol for decide(): "judge" asks an aggregator and is asynchronous; use decideAsync(ballots, spec, facts, judge)', {
      details: { option: 'protocol' },
    });
  }
  const counted = ballots.length;
  if (counted === 0) return emptyTally('no-ballots', facts.eligible);
  const r = collect(ballots);
  switch (spec.name) {
    case 'majority':
      return finish(r, facts, counted, r.votes, 1, counted, (m) => 2 * m > counted);
    case 'supermajority': {
      const theta = spec.threshold;
      return finish(r, facts, counted, r.votes, 1, counted, (m) => m / counted >= theta);
    }
    case 'unanimity':
      return finish(r, facts, counted, r.votes, 1, counted, (m) => m === counted);
    case 'confidence-weighted': {
      const w = new Array<number>(r.names.length).fill(0);
      let total = 0;
      for (let i = 0; i < counted; i++) {
        const b = ballots[i]!;
        const t = weightTenths(b.confidence);
        w[r.index.get(b.position)!]! += t;
        total += t;
      }
      return finish(r, facts, counted, w, 10, total, (m) => 2 * m > total);
    }
    case 'ranked': {
      const k = r.names.length;
      const points = scoreLists(ballots, r, 'ranking', (rank) => k - 1 - rank);
      return finish(r, facts, counted, points, 1, counted * (k - 1), () => true);
    }
    case 'approval': {
      const approvals = scoreLists(ballots, r, 'approvals', () => 1);
      return finish(r, facts, counted, approvals, 1, counted, (m) => 2 * m > counted);
    }
  }
}

/** What the judge protocol needs from a round: votes per position (its scores) and per-position lookups. */
export interface VoteCount {
  /** The undecided tally by votes (reason `no-quorum`, `tie` or `below-threshold`). */
  tally: Tally;
  /** Votes / counted and mean confidence of a position, or undefined when no ballot proposed it. */
  lookup(position: string): { support: number; confidence: number } | undefined;
}

/** Counts votes per position without deciding, for the judge protocol (ballots already validated, ≥ 1). */
export function countVotes(ballots: readonly Ballot[], facts: RoundFacts): VoteCount {
  const counted = ballots.length;
  const r = collect(ballots);
  const tally = finish(r, facts, counted, r.votes, 1, counted, () => false);
  return {
    tally,
    lookup(position) {
      const slot = r.index.get(position);
      return slot === undefined ? undefined : { support: r.votes[slot]! / counted, confidence: meanOf(r, slot) };
    },
  };
}

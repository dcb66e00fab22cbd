/**
 * Types of the decision protocols. A ballot is one agent's say in one round; a protocol turns the ballots of a
 * round into a {@link Tally}. Protocols are pure and synchronous, except `judge`, which asks an aggregator.
 */

/** One agent's say in a round. `position` is an option id (closed question) or a position-group id (open). */
export interface Ballot {
  agent: string;
  position: string;
  /** Self-reported confidence in [0, 1]. */
  confidence: number;
  /** Full preference order over positions, best first (ranked protocol); defaults to [position]. */
  ranking?: string[];
  /** Positions the agent finds acceptable (approval protocol); defaults to [position]. */
  approvals?: string[];
}

/** The protocols and their parameters. */
export type ProtocolSpec =
  | { name: 'majority' }
  | { name: 'supermajority'; threshold: number }
  | { name: 'unanimity' }
  | { name: 'confidence-weighted' }
  | { name: 'ranked' }
  | { name: 'approval' }
  | { name: 'judge' };

/** Names of the protocols. */
export type ProtocolName = ProtocolSpec['name'];

/** Quorum and eligibility of a round. */
export interface RoundFacts {
  /** Agents that were asked this round (abstentions = eligible − ballots). */
  eligible: number;
  /** Minimum fraction of eligible agents that must cast a ballot for the round to count (default 0.5). */
  quorum?: number;
  /** Round number, passed to the judge as context (default 0). */
  round?: number;
}

/** Why a tally decided or did not. */
export type TallyReason = 'decided' | 'tie' | 'below-threshold' | 'no-quorum' | 'no-ballots' | 'judge-declined';

/** The outcome of one round under one protocol. */
export interface Tally {
  decided: boolean;
  /** The winning position; null when not decided. Always one of the ballots' positions. */
  decision: string | null;
  /** Share of the protocol's measure held by the decision (votes, weight, points or approvals), in [0, 1]. */
  support: number;
  /** Mean confidence of the ballots for the decision (0 when none). */
  confidence: number;
  /** The measure per position (votes, weights, Borda points, approvals). */
  scores: Record<string, number>;
  reason: TallyReason;
  /** Number of ballots counted and abstentions (eligible − counted). */
  counted: number;
  abstained: number;
  /** The judge's rationale (judge protocol only, when the judge gave one). */
  rationale?: string;
}

/** An aggregator that decides among proposals (the judge protocol's hook). */
export type JudgeFn = (ballots: readonly Ballot[], context: { round: number }) => Promise<{ decision: string | null; rationale?: string }>;

import type { ProtocolSpec } from '../consensus/consensus.types.js';
import type { Usage } from '../models/model.port.js';

/** Parameters of the simulated model for one agent (see adapters/models/simulated). */
export interface SimulatedAgentParams {
  /** Probability of choosing the ground-truth option in a blind round (default 0.7). */
  competence?: number;
  /** Tendency in [0, 1] to move toward peers' confident positions in later rounds (default 0.3). */
  conformity?: number;
  /** An adversarial agent argues for a fixed wrong option with high confidence and never moves. */
  adversarial?: boolean;
}

/** One agent of a colony. */
export interface AgentSpec {
  /** Role name from the catalogue (ethical, creative, logical, empathetic, practical) or a custom role. */
  role: string;
  /** Key of the agent (AgentId `role/key`); defaults to the position in the list. */
  key?: string;
  /** `provider:model`, e.g. `openai:gpt-4o-mini`; default the simulated model. */
  model?: string;
  temperature?: number;
  simulated?: SimulatedAgentParams;
}

/** Limits that end a deliberation gracefully with its partial result. */
export interface DeliberationLimits {
  /** Maximum rounds including the blind round 0 (default 3). */
  rounds?: number;
  /** Maximum model calls. */
  calls?: number;
  /** Maximum input + output tokens. */
  tokens?: number;
  /** Maximum cost in USD. */
  usd?: number;
  /** Maximum wall time in ms. */
  wallMs?: number;
  /** Per-turn deadline in ms (default 60,000); a late agent is excluded from the round. */
  turnTimeoutMs?: number;
}

/** What a caller asks the colony to decide. */
export interface DeliberationRequest {
  question: string;
  /** Option ids for a closed question. */
  options?: readonly string[];
  agents?: (AgentSpec | string)[];
  protocol?: ProtocolSpec | string;
  limits?: DeliberationLimits;
  seed?: number;
  /** The correct option when known (simulation, evaluation): flips are counted against it. */
  groundTruth?: string;
  /** Minimum fraction of agents that must answer for a round to count (default 0.5). */
  quorum?: number;
  /** Stop once the same decision holds for this many consecutive rounds (default 2). */
  stableRounds?: number;
  id?: string;
}

/** One proposal in the result (and the journal). */
export interface ProposalView {
  agent: string;
  round: number;
  position: string;
  rationale: string;
  confidence: number;
  /** provider:model that answered. */
  answeredBy?: string;
}

/** Why a deliberation stopped. */
export type StopReason = 'unanimity' | 'stable' | 'max-rounds' | 'calls' | 'tokens' | 'budget' | 'wall-time' | 'no-quorum' | 'failed';

/** The outcome of a deliberation. `consensusReached: false` is a legal, reported outcome. */
export interface DeliberationResult {
  id: string;
  question: string;
  consensusReached: boolean;
  decision: string | null;
  support: number;
  confidence: number;
  dissentingViews: ProposalView[];
  rounds: number;
  flips: { rightToWrong: number; wrongToRight: number; total: number };
  usage: Usage & { calls: number; usd: number };
  degraded: boolean;
  journalId: string;
  protocol: string;
  stopReason: StopReason;
  /** Ground-truth correctness, when a ground truth was given. */
  correct?: boolean;
  /** True when some call's model had no price in the price table: `usage.usd` then understates the cost. */
  unpriced?: boolean;
  /** Final-round proposals, in agent order. */
  proposals: ProposalView[];
}

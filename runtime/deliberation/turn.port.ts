import type { ModelRequest, ModelResponse } from '../models/model.port.js';
import type { AgentSpec } from './deliberation.types.js';

/** A peer's previous proposal as shown to an agent: anonymised (a label, never the agent id), quoted as data. */
export interface PeerView {
  readonly label: string;
  readonly position: string;
  readonly rationale: string;
  readonly confidence: number;
}

/** Everything one agent needs for one turn. Plain data: it may cross a worker thread or NATS. */
export interface TurnInput {
  deliberationId: string;
  seed: number;
  round: number;
  /** The agent's id, written `role/key`. */
  agentId: string;
  agent: AgentSpec;
  question: string;
  options?: string[];
  peers: PeerView[];
  previous?: { position: string; rationale: string; confidence: number };
  /** The correct option when known (simulations): passed to the simulated model only, never put in a prompt. */
  groundTruth?: string;
}

/** The agent's structured answer. */
export interface ProposalBody {
  position: string;
  rationale: string;
  confidence: number;
  ranking?: string[];
  approvals?: string[];
}

/** One ethics-gate verdict on a turn's request (`input`) or reply (`output`), as journaled. */
export interface TurnVerdict {
  stage: 'input' | 'output';
  verdict: 'approved' | 'blocked' | 'needs-healing';
  category: string;
  score: number;
  pass: number;
}

/**
 * How an open answer was prepared for grouping (runtime/embedding/position-keys.ts): its canonical form when a
 * canonicaliser ran, and its vector when a provider embedder is configured. Journaled as `position.keyed` and
 * served back on replay, so grouping replays with zero embedding or canonicaliser calls.
 */
export interface PositionKey {
  /** The position as proposed. */
  position: string;
  /** The canonical form grouping uses instead of the position, and what produced it (`numeric`, `text`, `model:provider:model`). */
  canonical?: string;
  canonicalBy?: string;
  /** The canonicaliser model's call, when a model produced the canonical form. */
  call?: { request: ModelRequest; response: ModelResponse };
  /** The embedder's id and the vector (base64 of float32, little-endian) of the normalised grouping text. */
  embedder?: string;
  vector?: string;
}

/** What one turn produced, with the model call it made (journaled, and what replay serves back). */
export type TurnOutput =
  | { ok: true; proposal: ProposalBody; request: ModelRequest; response: ModelResponse; gate?: TurnVerdict[]; positionKey?: PositionKey }
  | { ok: false; error: { code: string; message: string }; request?: ModelRequest; response?: ModelResponse; gate?: TurnVerdict[] };

/**
 * Runs agent turns. The local executor builds the role prompt, calls the agent's model and parses the reply; a
 * remote executor forwards the same TurnInput to an agent hosted in another process (e.g. over NATS request/reply)
 * and returns its TurnOutput unchanged, so a colony can span processes and still journal and replay exactly.
 */
export interface TurnExecutor {
  turn(input: TurnInput, options?: { signal?: AbortSignal }): Promise<TurnOutput>;
}

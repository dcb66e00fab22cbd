import { LukhasError } from '../errors.js';
import { hash32 } from '../random.js';
import { canonicalJson } from '../journal/canonical.js';
import type { AgentSpec, DeliberationRequest, DeliberationResult } from '../deliberation/deliberation.types.js';
import type { Cell } from './sweep.js';
import type { AnswerSpec } from './datasets/answer-check.js';
import { analyseRun, judgeFields, type ExperimentFields, type JudgeFields } from './experiment.js';
import type { JournalRecord } from '../journal/journal.js';

/**
 * One deliberation of a simulation, as plain data: it crosses child processes and NATS unchanged. Everything a
 * worker needs is in the request, so the result never depends on which process ran it.
 */
export interface RunSpec {
  /** Global run index: the line number in results.jsonl. */
  index: number;
  cell: number;
  run: number;
  /** Index into the cell's questions. */
  question: number;
  request: DeliberationRequest;
  /** How the decision is checked (dataset questions, or inline questions with an `answer`). */
  answer?: AnswerSpec;
  /** The question's dataset id. */
  qid?: string;
  /** The self-consistency baseline's deliberation (one blind round of k samples), run after the colony's. */
  sc?: { request: DeliberationRequest; k: number };
  /** The judge model for free-text decisions no accepted answer matches (the scenario's `scoring.judge`). */
  judge?: string;
  /** How the engine groups open answers (the scenario's `grouping`): passed to the engine with each request. */
  grouping?: GroupingConfig;
}

/** The scenario's grouping settings as the engine receives them. */
export interface GroupingConfig { embedder?: string; canonicalise?: string; threshold?: number }

/** A contiguous range of run specs handed to one executor call (one child message, one NATS message). */
export interface RunBatch {
  /** Index of the first spec; batches are identified by it. */
  first: number;
  specs: RunSpec[];
}

/** One line of results.jsonl: only seeded, timing-free facts, so the bytes are the same for any execution. */
export interface RunRecord {
  index: number;
  cell: number;
  run: number;
  question: number;
  seed: number;
  decision: string | null;
  /** Decision equals the ground truth; null for a question without one. */
  correct: boolean | null;
  consensus: boolean;
  stopReason: string;
  support: number;
  confidence: number;
  rounds: number;
  rightToWrong: number;
  wrongToRight: number;
  calls: number;
  tokens: number;
  usd: number;
  degraded: boolean;
}

/** A results line of a run whose question has an answer spec: the experiment's fields beside the colony's. */
export type ExperimentRecord = RunRecord & ExperimentFields & Partial<JudgeFields>;

/**
 * The seed of one deliberation, from (scenario seed, cell index, run index) only: the same whatever process,
 * worker count or order runs it.
 */
export function runSeed(scenarioSeed: number, cell: number, run: number): number {
  return hash32(`${cell}/${run}`, scenarioSeed);
}

/**
 * Where run `index` lives: runs are interleaved across cells (run-major) so a partial or interrupted simulation
 * has every cell at nearly the same count.
 */
export function locate(index: number, cells: number): { cell: number; run: number } {
  return { cell: index % cells, run: Math.floor(index / cells) };
}

/** Expands agent groups into the request's agent list, passing the simulated-model parameters through. */
export function expandAgents(cell: Cell): AgentSpec[] {
  const out: AgentSpec[] = [];
  for (const g of cell.config.agents) {
    const simulated: AgentSpec['simulated'] = {};
    if (g.competence !== undefined) simulated.competence = g.competence;
    if (g.conformity !== undefined) simulated.conformity = g.conformity;
    if (g.adversarial !== undefined) simulated.adversarial = g.adversarial;
    for (let i = 0; i < g.count; i++) {
      const a: AgentSpec = { role: g.role, key: String(out.length), simulated: { ...simulated } };
      if (g.model !== undefined) a.model = g.model;
      if (g.temperature !== undefined) a.temperature = g.temperature;
      out.push(a);
    }
  }
  return out;
}

/** Builds the run spec for (cell, run) of a scenario. `name` makes the deliberation id stable and readable. */
export function buildSpec(name: string, scenarioSeed: number, cell: Cell, cells: number, run: number, agents = expandAgents(cell), extra?: (request: DeliberationRequest) => { request: DeliberationRequest; k: number } | null): RunSpec {
  const c = cell.config;
  const q = run % c.questions.length;
  const question = c.questions[q]!;
  const seed = runSeed(scenarioSeed, cell.index, run);
  const request: DeliberationRequest = {
    id: `${name}-${cell.index}-${run}`,
    question: question.text,
    agents,
    protocol: c.protocol,
    limits: { ...c.limits },
    seed,
  };
  if (question.options) request.options = question.options;
  if (question.groundTruth !== undefined) request.groundTruth = question.groundTruth;
  if (c.quorum !== undefined) request.quorum = c.quorum;
  if (c.stableRounds !== undefined) request.stableRounds = c.stableRounds;
  const spec: RunSpec = { index: run * cells + cell.index, cell: cell.index, run, question: q, request };
  if (question.answer) spec.answer = question.answer;
  if (question.id !== undefined) spec.qid = question.id;
  const sc = spec.answer ? extra?.(request) : null;
  if (sc) spec.sc = sc;
  return spec;
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Reduces a deliberation result to its results.jsonl record. With an answer spec the decision is scored by the
 * answer checker (`correct`, `scoredBy`, and flips counted by the checker), and the experiment's fields are added.
 */
export function toRunRecord(spec: RunSpec, result: DeliberationResult & { journal?: JournalRecord }, sc?: DeliberationResult & { journal?: JournalRecord }, judged?: DeliberationResult): RunRecord | ExperimentRecord {
  if (!result || typeof result !== 'object' || !result.flips || !result.usage) {
    throw new LukhasError('INTERNAL', `run ${spec.index}: the engine returned no usable result`);
  }
  if (spec.answer) {
    const { correct, flips, ...fields } = analyseRun(spec.request, spec.answer, result, sc, spec.sc?.k);
    const base = plainRecord(spec, result);
    const verdict = judged && spec.judge ? judgeFields(spec.judge, judged) : undefined;
    if (verdict) fields.scoredBy = 'text:judge';
    return {
      ...base, correct: verdict ? verdict.judge.verdict === 'correct' : correct, ...(flips ? { rightToWrong: flips.rightToWrong, wrongToRight: flips.wrongToRight } : {}),
      ...(spec.qid !== undefined ? { qid: spec.qid } : {}), ...fields, ...(verdict ?? {}),
    };
  }
  return plainRecord(spec, result);
}

function plainRecord(spec: RunSpec, result: DeliberationResult): RunRecord {
  const gt = spec.request.groundTruth;
  const correct = gt === undefined ? null : (result.correct ?? result.decision === gt);
  return {
    index: spec.index,
    cell: spec.cell,
    run: spec.run,
    question: spec.question,
    seed: spec.request.seed ?? 0,
    decision: result.decision,
    correct,
    consensus: result.consensusReached,
    stopReason: result.stopReason,
    support: r6(result.support),
    confidence: r6(result.confidence),
    rounds: result.rounds,
    rightToWrong: result.flips.rightToWrong,
    wrongToRight: result.flips.wrongToRight,
    calls: result.usage.calls,
    tokens: result.usage.inputTokens + result.usage.outputTokens,
    usd: Math.round(result.usage.usd * 1e9) / 1e9,
    degraded: result.degraded,
  };
}

/** The exact bytes of a record's line (canonical JSON, sorted keys, no newline). */
export function recordLine(r: RunRecord): string {
  return canonicalJson(r);
}

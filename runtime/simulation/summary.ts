import { condorcetForCell } from './condorcet.js';
import type { RunRecord } from './run-spec.js';
import type { Scenario } from './scenario.schema.js';
import { CappedCounter, RunningStats, round, wilsonInterval } from './statistics.js';
import { dimensionKey, type Cell } from './sweep.js';
import { ExperimentAccumulator, type ExperimentSummary } from './experiment.summary.js';

/** Aggregated figures of one grid cell. */
export interface CellSummary {
  cell: number;
  label: string;
  params: Record<string, unknown>;
  agents: number;
  protocol: string;
  maxRounds: number | null;
  runs: number;
  /** Runs whose question had a ground truth. */
  judged: number;
  correct: number;
  /** correct / judged; null without ground truth. */
  accuracy: number | null;
  accuracyCi95: [number, number] | null;
  /** The Condorcet formula's prediction where it applies (see condorcetForCell). */
  condorcet: number | null;
  /** accuracy − condorcet, in percentage points. */
  condorcetErrorPp: number | null;
  consensusRate: number | null;
  rounds: ReturnType<RunningStats['toJSON']>;
  roundsToConsensus: ReturnType<RunningStats['toJSON']>;
  roundsHistogram: Record<string, number>;
  flipsPerRun: { rightToWrong: number | null; wrongToRight: number | null };
  callsPerRun: number | null;
  /** Total calls / runs that reached a decision; null when none did. */
  callsPerDecision: number | null;
  usdPerDecision: number | null;
  tokensPerDecision: number | null;
  stopReasons: Record<string, number>;
  decisions: Record<string, number>;
  /** The colony beside its same-budget baselines, when the questions carry answer specs (experiment.summary.ts). */
  experiment?: ExperimentSummary;
}

/** The whole summary.json. */
export interface SimulationSummary {
  scenario: string;
  seed: number;
  runsPerCell: number;
  cells: number;
  totalRuns: number;
  completedRuns: number;
  complete: boolean;
  dimensions: { key: string; values: unknown[] }[];
  /** Largest |accuracy − Condorcet| over cells where the formula applies, in percentage points. */
  condorcetMaxErrorPp: number | null;
  cellSummaries: CellSummary[];
}

class CellAccumulator {
  runs = 0;
  judged = 0;
  correct = 0;
  consensus = 0;
  decided = 0;
  calls = 0;
  usd = 0;
  tokens = 0;
  rw = 0;
  wr = 0;
  readonly rounds = new RunningStats();
  readonly roundsToConsensus = new RunningStats();
  readonly histogram = new CappedCounter(64);
  readonly stops = new CappedCounter(16);
  readonly decisions = new CappedCounter(20);
  readonly experiment: ExperimentAccumulator;

  constructor(config: Cell['config']) {
    this.experiment = new ExperimentAccumulator(config);
  }

  add(r: RunRecord): void {
    this.experiment.add(r);
    this.runs++;
    if (r.correct !== null) {
      this.judged++;
      if (r.correct) this.correct++;
    }
    if (r.consensus) {
      this.consensus++;
      this.roundsToConsensus.push(r.rounds);
    }
    if (r.decision !== null) this.decided++;
    this.calls += r.calls;
    this.usd += r.usd;
    this.tokens += r.tokens;
    this.rw += r.rightToWrong;
    this.wr += r.wrongToRight;
    this.rounds.push(r.rounds);
    this.histogram.add(String(r.rounds));
    this.stops.add(r.stopReason);
    this.decisions.add(r.decision ?? '(none)');
  }
}

/**
 * Streaming aggregation of run records into per-cell summaries. Memory is constant per cell: feed it a
 * results.jsonl of any length.
 */
export class SummaryAggregator {
  private readonly acc: CellAccumulator[];

  constructor(private readonly scenario: Scenario, private readonly cells: readonly Cell[]) {
    this.acc = cells.map((c) => new CellAccumulator(c.config));
  }

  /** Adds one record (any order). */
  add(r: RunRecord): void {
    const a = this.acc[r.cell];
    if (!a) throw new RangeError(`record ${r.index}: cell ${r.cell} is not in the grid of ${this.cells.length}`);
    a.add(r);
  }

  /** Records added so far. */
  get completed(): number {
    return this.acc.reduce((n, a) => n + a.runs, 0);
  }

  /** The summary of everything added so far. */
  summary(): SimulationSummary {
    const s = this.scenario;
    const cellSummaries = this.cells.map((cell, i) => summariseCell(cell, this.acc[i]!));
    const errs = cellSummaries.map((c) => c.condorcetErrorPp).filter((e): e is number => e !== null);
    const totalRuns = s.runs * this.cells.length;
    const completedRuns = this.completed;
    return {
      scenario: s.name,
      seed: s.seed,
      runsPerCell: s.runs,
      cells: this.cells.length,
      totalRuns,
      completedRuns,
      complete: completedRuns === totalRuns,
      dimensions: s.sweep.map((d) => ({ key: dimensionKey(d), values: 'path' in d ? d.values : d.sets.map((_, k) => d.labels?.[k] ?? `${d.name}#${k}`) })),
      condorcetMaxErrorPp: errs.length ? round(Math.max(...errs.map(Math.abs)), 4) : null,
      cellSummaries,
    };
  }
}

function summariseCell(cell: Cell, a: CellAccumulator): CellSummary {
  const c = cell.config;
  const accuracy = a.judged ? a.correct / a.judged : null;
  const condorcet = condorcetForCell(c);
  const per = (x: number, n: number): number | null => (n ? round(x / n) : null);
  return {
    cell: cell.index,
    label: cell.label,
    params: cell.params,
    agents: c.agents.reduce((n, g) => n + g.count, 0),
    protocol: c.protocol,
    maxRounds: c.limits.rounds ?? null,
    runs: a.runs,
    judged: a.judged,
    correct: a.correct,
    accuracy: round(accuracy),
    accuracyCi95: a.judged ? (wilsonInterval(a.correct, a.judged).map((x) => round(x)) as [number, number]) : null,
    condorcet: round(condorcet),
    condorcetErrorPp: accuracy !== null && condorcet !== null && a.runs > 0 ? round((accuracy - condorcet) * 100, 4) : null,
    consensusRate: per(a.consensus, a.runs),
    rounds: a.rounds.toJSON(),
    roundsToConsensus: a.roundsToConsensus.toJSON(),
    roundsHistogram: a.histogram.toJSON(),
    flipsPerRun: { rightToWrong: per(a.rw, a.runs), wrongToRight: per(a.wr, a.runs) },
    callsPerRun: per(a.calls, a.runs),
    callsPerDecision: per(a.calls, a.decided),
    usdPerDecision: per(a.usd, a.decided),
    tokensPerDecision: per(a.tokens, a.decided),
    stopReasons: a.stops.toJSON(),
    decisions: a.decisions.toJSON(),
    ...experimentOf(a, c.protocol),
  };
}

function experimentOf(a: CellAccumulator, protocol: string): { experiment?: ExperimentSummary } {
  const e = a.experiment.summary(protocol);
  return e ? { experiment: e } : {};
}

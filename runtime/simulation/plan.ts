import { createHash } from 'node:crypto';
import { LukhasError } from '../errors.js';
import { canonicalJson } from '../journal/canonical.js';
import type { AgentSpec } from '../deliberation/deliberation.types.js';
import { buildSpec, expandAgents, locate, type RunBatch, type RunSpec } from './run-spec.js';
import type { Scenario } from './scenario.schema.js';
import { expandCells, type Cell } from './sweep.js';
import { selfConsistencyOf, selfConsistencyRequest } from './experiment.js';

/**
 * A scenario made runnable: its cells, the total run count and a way to make the spec of any run index on demand
 * (specs are never all held in memory). `fingerprint` identifies what would be produced, so `--resume` refuses a
 * results file from a different scenario, seed or run count.
 */
export class SimulationPlan {
  readonly cells: Cell[];
  readonly total: number;
  readonly fingerprint: string;
  private readonly agents: AgentSpec[][];

  constructor(readonly scenario: Scenario) {
    this.cells = expandCells(scenario);
    this.total = scenario.runs * this.cells.length;
    this.agents = this.cells.map((c) => expandAgents(c));
    const { description: _d, $schema: _s, ...rest } = scenario;
    this.fingerprint = createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 32);
  }

  /** The spec of run `index` (0 ≤ index < total). */
  specAt(index: number): RunSpec {
    if (!Number.isInteger(index) || index < 0 || index >= this.total) throw new LukhasError('BAD_INPUT', `run index ${index} out of range 0..${this.total - 1}`);
    const { cell, run } = locate(index, this.cells.length);
    const c = this.cells[cell]!;
    const sc = selfConsistencyOf(this.scenario, c.config);
    const agents = this.agents[cell]!;
    const spec = buildSpec(this.scenario.name, this.scenario.seed, c, this.cells.length, run, agents,
      sc ? (request) => ({ request: selfConsistencyRequest(request, agents, c.config, sc, this.scenario.seed, cell, run), k: sc.k }) : undefined);
    if (this.scenario.grouping) spec.grouping = this.scenario.grouping;
    if (this.scenario.scoring?.judge && spec.answer?.format === 'text') spec.judge = this.scenario.scoring.judge;
    return spec;
  }

  /** The batch of up to `size` specs starting at `first`. */
  batchAt(first: number, size: number): RunBatch {
    const end = Math.min(this.total, first + size);
    const specs: RunSpec[] = [];
    for (let i = first; i < end; i++) specs.push(this.specAt(i));
    return { first, specs };
  }
}

/** Applies `--runs` / `--seed` / `--embedder` overrides to a scenario (validated ranges, errors name the flag). */
export function withOverrides(s: Scenario, o: { runs?: number; seed?: number; embedder?: string }): Scenario {
  if (o.embedder !== undefined) s = { ...s, grouping: { ...s.grouping, embedder: o.embedder } };
  if (o.runs !== undefined && (!Number.isInteger(o.runs) || o.runs < 1 || o.runs > 10_000_000)) {
    throw new LukhasError('BAD_OPTION', `invalid --runs: ${o.runs} (expected an integer 1..10000000)`);
  }
  if (o.seed !== undefined && (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)) {
    throw new LukhasError('BAD_OPTION', `invalid --seed: ${o.seed} (expected an integer 0..4294967295)`);
  }
  return { ...s, runs: o.runs ?? s.runs, seed: o.seed ?? s.seed };
}

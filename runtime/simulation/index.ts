/** Simulation core: pure scenario schema, grid expansion, per-run seeds, statistics, Condorcet, summaries. */
export {
  agentGroupSchema, cellConfigSchema, dimensionSchema, formatIssues, limitsSchema, parseScenario, parseScenarioText,
  protocolSchema, questionSchema, scenarioSchema,
  type CellConfig, type Scenario, type ScenarioInput, type ScenarioQuestion, type SweepDimension,
} from './scenario.schema.js';
export { baseConfig, cellAt, cellCount, dimensionKey, dimensionSize, expandCells, setPath, type Cell } from './sweep.js';
export { buildSpec, expandAgents, locate, recordLine, runSeed, toRunRecord, type RunBatch, type RunRecord, type RunSpec } from './run-spec.js';
export { condorcetForCell, condorcetMajority, condorcetUniform, DEFAULT_COMPETENCE } from './condorcet.js';
export { CappedCounter, RunningStats, round, wilsonInterval } from './statistics.js';
export { SummaryAggregator, type CellSummary, type SimulationSummary } from './summary.js';
export { SimulationPlan, withOverrides } from './plan.js';
export type { DeliberateFn, EngineModule, RunExecutor, SimulationEngine } from './executor.port.js';
export { DEFAULT_LANES, runBatch } from './run-batch.js';

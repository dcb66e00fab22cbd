import type { DeliberationRequest, DeliberationResult } from '../deliberation/deliberation.types.js';
import type { GroupingConfig, RunBatch, RunRecord } from './run-spec.js';

/** The engine a simulation runs: one deliberation per call. Injected, so tests use a fake and the CLI the real one. */
export type DeliberateFn = (request: DeliberationRequest, options?: { grouping?: GroupingConfig }) => Promise<DeliberationResult>;

/** An engine instance a process owns (created once per process, closed at the end). */
export interface SimulationEngine {
  deliberate: DeliberateFn;
  close(): Promise<void>;
}

/**
 * A module that provides an engine: what `--engine MODULE` and child processes load. Its export `createEngine`
 * is called once per process.
 */
export interface EngineModule {
  createEngine(): Promise<SimulationEngine> | SimulationEngine;
}

/**
 * Where batches of runs are executed: in-process, in child processes, or on NATS JetStream workers. The runner
 * keeps at most `slots` batches in flight and writes records in run-index order whatever order batches finish in.
 */
export interface RunExecutor {
  /** Human name for progress lines (`local`, `2 child processes`, `nats`). */
  readonly name: string;
  /** How many batches the runner should keep in flight to keep every worker busy. */
  readonly slots: number;
  /** Runs one batch; resolves with one record per spec (any order within the batch is fine). */
  run(batch: RunBatch): Promise<RunRecord[]>;
  /** Releases processes, subscriptions and streams. Safe to call twice. */
  close(): Promise<void>;
}

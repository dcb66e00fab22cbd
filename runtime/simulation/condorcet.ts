import { LukhasError } from '../errors.js';
import type { CellConfig } from './scenario.schema.js';

/**
 * The Condorcet jury theorem's formula: the probability that a strict majority of independent voters chooses the
 * correct one of two options, each voter being right with its own probability (Poisson-binomial; with equal
 * competences it is Σ_{k>n/2} C(n,k) p^k (1−p)^(n−k)). A tie (even n) counts as not correct, which is what a
 * majority protocol that reports "tie / no consensus" gives.
 */
export function condorcetMajority(competences: readonly number[]): number {
  const n = competences.length;
  if (n === 0) throw new LukhasError('BAD_INPUT', 'condorcet: at least one voter is needed');
  for (const p of competences) {
    if (!(p >= 0 && p <= 1)) throw new LukhasError('BAD_INPUT', `condorcet: competence ${p} is not in [0, 1]`);
  }
  // dist[k] = P(exactly k voters right so far): O(n²) dynamic programme, exact for unequal competences
  let dist = new Float64Array(n + 1);
  dist[0] = 1;
  competences.forEach((p, i) => {
    const next = new Float64Array(n + 1);
    for (let k = 0; k <= i; k++) {
      const d = dist[k]!;
      if (d === 0) continue;
      next[k] = next[k]! + d * (1 - p);
      next[k + 1] = next[k + 1]! + d * p;
    }
    dist = next;
  });
  let sum = 0;
  for (let k = Math.floor(n / 2) + 1; k <= n; k++) sum += dist[k]!;
  return Math.min(1, Math.max(0, sum));
}

/** Equal-competence form: n voters each right with probability p. */
export function condorcetUniform(n: number, p: number): number {
  if (!Number.isInteger(n) || n < 1) throw new LukhasError('BAD_INPUT', `condorcet: n must be a positive integer, got ${n}`);
  return condorcetMajority(new Array<number>(n).fill(p));
}

/** Default competence of the simulated model when a group does not set one (see SimulatedAgentParams). */
export const DEFAULT_COMPETENCE = 0.7;

/**
 * The Condorcet prediction for a cell, or null where the theorem does not apply: it needs every question to be
 * closed with two options and a ground truth, a majority vote, one blind round (no debate, so votes are
 * independent), the simulated model and no adversaries.
 */
export function condorcetForCell(config: CellConfig): number | null {
  if (config.protocol !== 'majority') return null;
  if (config.limits.rounds !== 1) return null;
  if (!config.questions.every((q) => q.options?.length === 2 && q.groundTruth !== undefined)) return null;
  const ps: number[] = [];
  for (const g of config.agents) {
    if (g.adversarial) return null;
    if (g.model !== undefined && !g.model.startsWith('simulated')) return null;
    for (let i = 0; i < g.count; i++) ps.push(g.competence ?? DEFAULT_COMPETENCE);
  }
  return condorcetMajority(ps);
}

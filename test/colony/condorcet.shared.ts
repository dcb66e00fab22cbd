import { createRuntime } from '../../adapters/lukhas.main.js';

/** Condorcet's jury theorem: P(majority of n independent voters of competence p is right), n odd. */
export function condorcet(n: number, p: number): number {
  let sum = 0;
  for (let k = Math.floor(n / 2) + 1; k <= n; k++) sum += binom(n, k) * p ** k * (1 - p) ** (n - k);
  return sum;
}
function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Accuracy of `runs` seeded one-round majority deliberations of n independent simulated agents of competence p. */
export async function measuredAccuracy(n: number, p: number, runs: number, seedBase = 0): Promise<number> {
  const runtime = createRuntime();
  const agents = Array.from({ length: n }, (_, i) => ({ role: 'logical', key: `juror${i}`, simulated: { competence: p, conformity: 0 } }));
  let correct = 0;
  let next = 0;
  const lane = async () => {
    while (next < runs) {
      const i = next++;
      const r = await runtime.deliberate({ question: 'Is the defendant guilty?', options: ['guilty', 'innocent'], groundTruth: 'guilty', agents, protocol: 'majority', limits: { rounds: 1 }, seed: seedBase + i });
      if (r.decision === 'guilty') correct++;
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
  return correct / runs;
}

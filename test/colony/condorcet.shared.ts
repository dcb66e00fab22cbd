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

/**
 * The Condorcet suite for one jury size (one test file per n, so vitest runs the sizes in parallel): n independent
 * voters of competence p, one round, majority — the measured accuracy over 20,000 seeded deliberations through
 * the full runtime must match the formula within 1 percentage point.
 */
export function condorcetSuite(n: number, t: { describe: (name: string, fn: () => void) => void; it: (name: string, fn: () => Promise<void>, timeout: number) => void; expect: (v: number) => { toBeLessThanOrEqual: (x: number) => void } }): void {
  t.describe(`Condorcet jury accuracy, n = ${n}`, () => {
    for (const p of [0.55, 0.6, 0.7]) {
      t.it(`p = ${p}: measured accuracy within 1 percentage point of the formula`, async () => {
        const expected = condorcet(n, p);
        const measured = await measuredAccuracy(n, p, 20_000, 1_000_000 * n + Math.round(p * 100) * 1000);
        console.log(`n=${n} p=${p}: formula ${(expected * 100).toFixed(2)}%, measured ${(measured * 100).toFixed(2)}%`);
        t.expect(Math.abs(measured - expected)).toBeLessThanOrEqual(0.01);
      }, 300_000);
    }
  });
}

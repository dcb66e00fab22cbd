import { describe, expect, it } from 'vitest';
import { condorcet, measuredAccuracy } from './condorcet.shared.js';

// Condorcet's jury theorem (1785) as tabulated in the literature: n independent voters of competence p, one
// round, majority. Measured over 20,000 seeded deliberations through the full runtime; must match within 1 pp.
describe('Condorcet jury accuracy, n = 5', () => {
  for (const p of [0.55, 0.6, 0.7]) {
    it(`p = ${p}: measured accuracy within 1 percentage point of the formula`, async () => {
      const expected = condorcet(5, p);
      const measured = await measuredAccuracy(5, p, 20_000, 1_000_000 * 5 + Math.round(p * 100) * 1000);
      console.log(`n=5 p=${p}: formula ${(expected * 100).toFixed(2)}%, measured ${(measured * 100).toFixed(2)}%`);
      expect(Math.abs(measured - expected)).toBeLessThanOrEqual(0.01);
    }, 300_000);
  }
});

import { describe, expect, it } from 'vitest';
import { condorcet } from './condorcet.shared.js';
import { condorcetUniform } from '../../runtime/simulation/condorcet.js';

describe('Condorcet formula', () => {
  it('matches published values', () => {
    // n = 3, p = 0.6: 3·0.6²·0.4 + 0.6³ = 0.648; n = 1 is p itself; p = 0.5 gives 0.5 for any odd n
    expect(condorcet(3, 0.6)).toBeCloseTo(0.648, 10);
    expect(condorcet(1, 0.7)).toBeCloseTo(0.7, 10);
    expect(condorcet(7, 0.5)).toBeCloseTo(0.5, 10);
    expect(condorcet(5, 0.7)).toBeCloseTo(0.83692, 5);
  });

  it('the closed form (the paper\'s sum) and the simulation report\'s dynamic programme agree', () => {
    for (const n of [1, 3, 5, 7, 9, 21]) for (const p of [0.3, 0.55, 0.6, 0.7, 0.9]) expect(condorcetUniform(n, p)).toBeCloseTo(condorcet(n, p), 12);
  });
});

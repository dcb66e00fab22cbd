import { describe, expect, it } from 'vitest';
import { condorcet } from './condorcet.shared.js';

describe('Condorcet formula', () => {
  it('matches published values', () => {
    // n = 3, p = 0.6: 3·0.6²·0.4 + 0.6³ = 0.648; n = 1 is p itself; p = 0.5 gives 0.5 for any odd n
    expect(condorcet(3, 0.6)).toBeCloseTo(0.648, 10);
    expect(condorcet(1, 0.7)).toBeCloseTo(0.7, 10);
    expect(condorcet(7, 0.5)).toBeCloseTo(0.5, 10);
    expect(condorcet(5, 0.7)).toBeCloseTo(0.83692, 5);
  });
});

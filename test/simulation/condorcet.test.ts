import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../adapters/simulation/simulate.main.js';
import { tempDir, ROOT } from './sim-fixtures.js';

/**
 * The condorcet-jury scenario against the Condorcet formula, with the REAL engine (createRuntime and its simulated
 * model) at 20,000 runs per cell. CI runs two of its cells (CPU: ~40,000 deliberations on two child processes);
 * the full 18-cell file is measured by simulations/bench/simulate.bench.ts and reported in the closing note.
 */
describe('condorcet-jury reproduces the Condorcet formula', () => {
  it('within 1 percentage point at 20,000 runs per cell (two cells of the shipped scenario)', async () => {
    const dir = tempDir('condorcet');
    const shipped = JSON.parse(readFileSync(join(ROOT, 'simulations/condorcet-jury.json'), 'utf8'));
    expect(shipped.runs).toBe(20_000);
    // same colony, question, protocol and seed as the shipped file; the sweep cut to two cells
    const file = join(dir, 'condorcet-ci.json');
    writeFileSync(file, JSON.stringify({ ...shipped, sweep: [{ name: 'jury', sets: [
      { 'agents.0.competence': 0.7, 'agents.0.count': 1 },
      { 'agents.0.competence': 0.6, 'agents.0.count': 3 },
    ], labels: ['p=0.7,n=1', 'p=0.6,n=3'] }] }));
    const r = await simulate({ file, out: join(dir, 'o'), workers: 2, batch: 200 });
    const cells = r.summary.cellSummaries;
    expect(cells.map((c) => c.runs)).toEqual([20_000, 20_000]);
    expect(cells[0]!.condorcet).toBeCloseTo(0.7, 9);
    expect(cells[1]!.condorcet).toBeCloseTo(0.648, 9);
    for (const c of cells) {
      expect(Math.abs(c.condorcetErrorPp!), `${c.label}: accuracy ${c.accuracy} vs Condorcet ${c.condorcet}`).toBeLessThan(1);
    }
    console.log(`condorcet (CI cells): ${cells.map((c) => `${c.label} accuracy ${(c.accuracy! * 100).toFixed(2)} % vs ${(c.condorcet! * 100).toFixed(2)} %`).join('; ')}; ${r.summary.timing.deliberationsPerSecond}/s`);
  }, 180_000);
});

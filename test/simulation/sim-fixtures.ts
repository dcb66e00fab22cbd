/** Shared fixtures of the simulation tests: a small scenario written to a temp folder, file helpers. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the temporary fake engine module (see fake-engine.ts). */
export const FAKE_ENGINE = fileURLToPath(new URL('./fake-engine.ts', import.meta.url));

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh temp folder. */
export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `lukhas-sim-${tag}-`));
}

/** Writes a small three-cell scenario (two questions, a sweep, a debate dimension) and returns its path. */
export function writeSmallScenario(dir: string, runs = 300, extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'small.json');
  writeFileSync(path, JSON.stringify({
    name: 'small', seed: 11, runs,
    questions: [
      { text: 'a or b?', options: ['a', 'b'], groundTruth: 'a' },
      { text: 'x, y or z?', options: ['x', 'y', 'z'], groundTruth: 'z' },
    ],
    agents: [{ role: 'logical', count: 5, competence: 0.6, conformity: 0.4 }, { role: 'practical', count: 1, adversarial: true }],
    limits: { rounds: 3 },
    sweep: [{ path: 'agents.0.competence', values: [0.5, 0.6, 0.8] }],
    ...extra,
  }));
  return path;
}

/** The bytes of a results file. */
export function bytes(path: string): Buffer {
  return readFileSync(path);
}

/** Indices of a results file, in file order. */
export function indices(path: string): number[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { index: number }).index);
}

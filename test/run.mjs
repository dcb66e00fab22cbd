#!/usr/bin/env node
// Runs the whole vitest suite and closes with the plain line CI reads: "N passed, N failed, N skipped".
// Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const report = `${root}.vitest-report.json`;
rmSync(report, { force: true });
const args = ['vitest', 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: process.env });
let passed = 0, failed = 0, skipped = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + countFilesFailedOnTheirOwn(r);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} catch {
  failed = Math.max(1, failed);
  console.error('test/run.mjs: no vitest JSON report was written');
}
function countFilesFailedOnTheirOwn(r) {
  // a test file that failed because a test failed is already counted by its test; count only files that failed on their
  // own (an import error, a hook that threw). numFailedTestSuites counts describe blocks too, so it cannot be used here.
  return (r.testResults ?? []).filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);

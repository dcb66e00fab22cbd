/**
 * `npm run bench`: builds, then runs every `*.bench.js` of dist/simulations/bench (or those named on the command
 * line) in its own process, one after another, so that one benchmark's heap and threads never disturb the next.
 * Benchmarks run the compiled JavaScript that users run (tsx, used for tests, wraps every nested function in a
 * naming helper that costs microseconds on hot paths). Run from source with `tsx simulations/bench/run.ts`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const ext = self.endsWith('.ts') ? '.bench.ts' : '.bench.js';
const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith(ext) && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const args = ext === '.bench.ts' ? ['--expose-gc', '--import', 'tsx', `${dir}${f}`] : ['--expose-gc', `${dir}${f}`];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: fileURLToPath(new URL(ext === '.bench.ts' ? '../..' : '../../..', import.meta.url)) });
  if (r.status !== 0) { failed++; console.log(`bench ${f} exited with ${r.status}`); }
}
process.exit(failed ? 1 : 0);

/**
 * `npm run bench`: runs every `*.bench.ts` in this folder (or those named on the command line) in its own
 * process, one after another, so that one benchmark's heap and threads never disturb the next.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${f}`], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.log(`bench ${f} exited with ${r.status}`); }
}
process.exit(failed ? 1 : 0);

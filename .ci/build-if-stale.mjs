#!/usr/bin/env node
// The package's `prepare` step: builds dist/ with tsc unless dist/ is newer than every input of the build.
// Why: `npx lukhas` inside a clone of lukhas resolves the name to this very project and runs `prepare` again on
// its first use in that directory; right after `npm ci` (which built dist/) that second full tsc run cost the
// newcomer ~25 s. A build that fails type checking still exits 0 with a note (the CLI then runs through tsx),
// except with --strict (CI), where it fails; a dist/ built cleanly by prepare is not built again.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');
const INPUTS = ['runtime', 'machines', 'agents', 'adapters', 'test', 'simulations'];

/** The newest modification time of the build's inputs (TypeScript and JSON under the source folders, the configs). */
function newestInput() {
  let newest = Math.max(statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'package.json')).mtimeMs);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of INPUTS) if (existsSync(join(root, d))) walk(join(root, d));
  return newest;
}

if (existsSync(stamp) && statSync(stamp).mtimeMs > newestInput()) process.exit(0);
const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (tsc.status === 0) writeFileSync(stamp, `${new Date().toISOString()}\n`);
else if (process.argv.includes('--strict')) process.exit(tsc.status ?? 1);
else console.log('lukhas: the build reported type errors (npm run build shows them); the CLI still runs through tsx');

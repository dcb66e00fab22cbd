#!/usr/bin/env node
// The `lukhas` executable: runs the compiled CLI from dist/, or the TypeScript source through tsx when dist/ is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const compiled = `${root}dist/adapters/cli/lukhas.main.js`;
let mod;
if (existsSync(compiled)) {
  mod = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(`${root}adapters/cli/lukhas.main.ts`).href);
}
process.exitCode = await mod.runCli(process.argv.slice(2));

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('no global side effects on import', () => {
  it('importing the package entry writes nothing, prints nothing, starts nothing', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lukhas-import-'));
    const entry = join(root, 'adapters', 'lukhas.main.ts');
    const script = `const m = await import(${JSON.stringify(entry)}); if (typeof m.createRuntime !== 'function') process.exit(3);`;
    const tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx/esm')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd, encoding: 'utf8', env: { ...process.env, LUKHAS_DATA_DIR: '' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(readdirSync(cwd)).toEqual([]); // no .lukhas, no key file, no journal
  });
});

describe('start-up loads only what the command needs', () => {
  it('the CLI loads no provider SDK, transport or chart library until one is used', () => {
    const entry = join(root, 'adapters', 'cli', 'lukhas.main.ts');
    // a loader hook that reports every package a module is loaded from (after tsx's own hooks)
    const hook = `export async function load(url, context, next) { const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(url); if (m) process.stderr.write('PKG ' + m[1] + '\\n'); return next(url, context); }`;
    const script = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)}); const m = await import(${JSON.stringify(entry)}); if (typeof m.buildProgram !== 'function') process.exit(3);`;
    const tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx/esm')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = new Set(r.stderr.split('\n').filter((l) => l.startsWith('PKG ')).map((l) => l.slice(4)));
    expect(loaded.has('commander')).toBe(true); // the hook sees the packages the CLI does load
    for (const heavy of ['openai', '@anthropic-ai/sdk', '@google/genai', 'undici', 'vega', 'vega-lite']) expect(loaded.has(heavy), `${heavy} loaded at start-up`).toBe(false);
  });
});

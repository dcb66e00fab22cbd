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

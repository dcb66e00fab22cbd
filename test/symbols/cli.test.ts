import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/lukhas.main.js';
import type { CliIo } from '../../adapters/cli/cli.shared.js';
import { fixture } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'lukhas-symbols-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [], err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, color: false };
  const code = await runCli([...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const store = ['--store', 'file', '--data-dir', dir];

describe('lukhas symbols', () => {
  it('adds, lists, exports, imports and translates with the file store', async () => {
    const add = await cli('symbols', 'add', '--user', 'zoe', '--symbol', '🌧️', '--description', 'rain falling from a grey sky and a low mood', '--tags', 'rain,gloomy', '--tone', '-0.5', ...store, '--json');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.out)).toEqual({ user: 'zoe', version: 1, entries: 1 });
    expect(add.err).toMatch(/plaintext JSON/);
    const list = await cli('symbols', 'list', '--user', 'zoe', ...store);
    expect(list.out).toContain('🌧️  rain falling from a grey sky and a low mood [rain, gloomy]  tone -0.5');

    const bobFile = join(dir, 'bob.json');
    writeFileSync(bobFile, JSON.stringify(fixture.users.bob));
    const imp = await cli('symbols', 'import', bobFile, ...store);
    expect(imp.out).toBe(`bob: version 1, ${(fixture.users.bob as { entries: unknown[] }).entries.length} symbols`);
    const exp = await cli('symbols', 'export', '--user', 'bob', '--out', join(dir, 'out.json'), ...store);
    expect(exp.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).entries).toHaveLength((fixture.users.bob as { entries: unknown[] }).entries.length);

    const tr = await cli('symbols', 'translate', '--from', 'zoe', '--to', 'bob', 'feeling 🌧️ today', ...store, '--json');
    expect(tr.code).toBe(0);
    const r = JSON.parse(tr.out);
    expect(r).toMatchObject({ translated: 'feeling ☔ today', integrityOk: true, privacy: 'low' });
    const human = await cli('symbols', 'translate', '--from', 'zoe', '--to', 'bob', 'feeling 🌧️ today', ...store);
    expect(human.out.split('\n')[0]).toBe('feeling ☔ today');
    expect(human.out).toMatch(/🌧️ → ☔ {2}score 1\.000/);
  });

  it('exits 2 on bad usage and 1 on an unknown user, with a clear message', async () => {
    const bad = await cli('symbols', 'translate', '--from', 'zoe', '--to', 'bob', 'x', '--privacy', 'max', ...store);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('invalid --privacy: "max" (expected low or high)');
    const unknown = await cli('symbols', 'translate', '--from', 'zoe', '--to', 'nobody', 'hi', ...store, '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
    expect(JSON.parse(unknown.err.split('\n').at(-1)!).error).toMatchObject({ code: 'NOT_FOUND', message: 'unknown user "nobody": no vocabulary is stored for this user' });
    const malformed = join(dir, 'bad.json');
    writeFileSync(malformed, JSON.stringify({ schema: 'lukhas.vocabulary/v1', user: 'x', entries: [{ symbol: '☕', concept: { description: 'c', tone: 9 } }] }));
    const imp = await cli('symbols', 'import', malformed, ...store);
    expect(imp.code).toBe(2);
    expect(imp.err).toMatch(/entries\[0\]\.concept\.tone/);
    const tone = await cli('symbols', 'add', '--user', 'zoe', '--symbol', 'x', '--description', 'd', '--tone', 'loud', ...store);
    expect(tone.err).toContain('invalid --tone: "loud" (expected a number in [-1, 1])');
  });
});

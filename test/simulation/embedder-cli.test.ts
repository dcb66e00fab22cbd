import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/lukhas.main.js';
import type { CliIo } from '../../adapters/cli/cli.shared.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { fixture } from '../symbols/fixture.js';

async function cli(...args: string[]) {
  const out: string[] = [], err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, color: false };
  const code = await runCli([...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('--embedder on the command line: symbol translation through a provider embedder', () => {
  let emu: ProviderEmulator;
  const dir = mkdtempSync(join(tmpdir(), 'lukhas-embedder-cli-'));
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
  beforeAll(async () => {
    emu = await startProviderEmulator();
    process.env.OPENAI_API_KEY = 'sk-emulated';
    process.env.OPENAI_BASE_URL = emu.baseUrls.openai;
  });
  afterAll(async () => {
    if (saved.key === undefined) delete process.env.OPENAI_API_KEY; else process.env.OPENAI_API_KEY = saved.key;
    if (saved.url === undefined) delete process.env.OPENAI_BASE_URL; else process.env.OPENAI_BASE_URL = saved.url;
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('symbols translate --embedder openai:… embeds the concepts at the provider; a bad spec exits 2 naming the flag', async () => {
    const store = ['--store', 'file', '--data-dir', dir];
    for (const u of ['alice', 'bob'] as const) {
      const f = join(dir, `${u}.json`);
      writeFileSync(f, JSON.stringify(fixture.users[u]));
      expect((await cli('symbols', 'import', f, ...store)).code).toBe(0);
    }
    const r = await cli('symbols', 'translate', '--from', 'alice', '--to', 'bob', 'hello', ...store, '--embedder', 'openai:text-embedding-3-small', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toHaveProperty('translated');
    expect(emu.stats().embeddings.requests.openai).toBeGreaterThan(0);
    const bad = await cli('symbols', 'translate', '--from', 'alice', '--to', 'bob', 'hello', ...store, '--embedder', 'anthropic:x');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/invalid --embedder: "anthropic:x": anthropic has no embeddings API/);
  });
});

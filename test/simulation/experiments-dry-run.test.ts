import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/lukhas.main.js';
import type { CliIo } from '../../adapters/cli/cli.shared.js';
import { startProviderEmulator, type ProviderEmulator } from '../emulator/index.js';
import { ROOT } from './sim-fixtures.js';

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, color: false };
}

const ENV_KEYS = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_GEMINI_BASE_URL'] as const;

describe('lukhas simulate --dry-run (the replication files)', () => {
  let emu: ProviderEmulator;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    emu = await startProviderEmulator();
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    // keys and base URLs point at the emulator: had anything been sent, it would have counted it
    Object.assign(process.env, { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: emu.baseUrls.openai, ANTHROPIC_API_KEY: 'sk-x', ANTHROPIC_BASE_URL: emu.baseUrls.anthropic, GEMINI_API_KEY: 'x', GOOGLE_GEMINI_BASE_URL: emu.baseUrls.gemini });
  });
  afterAll(async () => {
    for (const k of ENV_KEYS) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
    await emu.close();
  });

  it('prints the calls and the estimated cost and sends nothing', async () => {
    const o = io();
    expect(await runCli(['simulate', join(ROOT, 'simulations/experiments/du-2023-arithmetic.json'), '--dry-run'], o)).toBe(0);
    const text = o.stdout.join('\n');
    expect(text).toMatch(/dry run of du-2023-arithmetic: nothing is sent/);
    expect(text).toMatch(/100 colony deliberations \+ 100 self-consistency deliberations/);
    expect(text).toMatch(/600 colony \+ 600 self-consistency = 1,200/); // 3 agents × 2 rounds, and k = 6
    expect(text).toMatch(/openai:gpt-4o-mini\s+1,200 calls/);
    expect(text).toMatch(/estimated cost ~\$\d+\.\d+, at most \$\d+\.\d+ \(prices as of 2025-11-01/);
    const j = io();
    expect(await runCli(['simulate', join(ROOT, 'simulations/experiments/heterogeneous-colony.json'), '--dry-run', '--json'], j)).toBe(0);
    const e = JSON.parse(j.stdout[0]!);
    expect(e).toMatchObject({ dryRun: true, scenario: 'heterogeneous-colony', calls: { colony: 900, selfConsistency: 900, total: 1800 } });
    expect(e.models.map((m: { model: string }) => m.model)).toEqual(['anthropic:claude-haiku-4-5', 'gemini:gemini-2.5-flash', 'openai:gpt-4o-mini']);
    expect(e.embeddings).toMatchObject({ embedder: 'openai:text-embedding-3-small', texts: 1800 });
    expect(e.usd).toBeGreaterThan(0);
    expect(e.usdMax).toBeGreaterThan(e.usd);
    expect(emu.stats().requests.total + emu.stats().embeddings.requests.total).toBe(0);
    // the GSM8K file needs its data: a clear error, exit 2, nothing sent
    const g = io();
    expect(await runCli(['simulate', join(ROOT, 'simulations/experiments/du-2023-gsm8k.json'), '--dry-run'], g)).toBe(2);
    expect(g.stderr.join('\n')).toMatch(/dataset\.file: cannot read .*gsm8k\/test\.jsonl \(ENOENT\); --dataset FILE names another file/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/lukhas.main.js';
import type { CliIo } from '../../adapters/cli/cli.shared.js';
import { FAKE_ENGINE, tempDir, writeSmallScenario } from './sim-fixtures.js';

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, color: false };
}

describe('lukhas simulate / worker (CLI)', () => {
  const dir = tempDir('cli');
  const file = writeSmallScenario(dir, 20);

  it('--json prints one object on stdout and nothing else; exit 0', async () => {
    const o = io();
    const code = await runCli(['simulate', file, '--engine', FAKE_ENGINE, '--out', join(dir, 'o'), '--runs', '10', '--seed', '5', '--json'], o);
    expect(code).toBe(0);
    expect(o.stdout).toHaveLength(1);
    const r = JSON.parse(o.stdout[0]!);
    expect(r).toMatchObject({ scenario: 'small', completedRuns: 30, totalRuns: 30, interrupted: false });
    expect(readFileSync(r.files.results, 'utf8').trim().split('\n')).toHaveLength(30);
    expect(JSON.parse(readFileSync(r.files.summary, 'utf8')).seed).toBe(5);
  });

  it('people output goes to stderr; bad usage exits 2 naming the flag', async () => {
    const o = io();
    expect(await runCli(['simulate', file, '--engine', FAKE_ENGINE, '--out', join(dir, 'p')], o)).toBe(0);
    expect(o.stdout).toEqual([]);
    expect(o.stderr.join('\n')).toMatch(/small: 60\/60 deliberations/);
    const bad = io();
    expect(await runCli(['simulate', file, '--workers', 'two'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/invalid --workers: "two"/);
    const again = io();
    expect(await runCli(['simulate', file, '--engine', FAKE_ENGINE, '--out', join(dir, 'p')], again)).toBe(1);
    expect(again.stderr.join('\n')).toMatch(/exists: pass --resume/);
    const missing = io();
    expect(await runCli(['simulate', join(dir, 'nope.json')], missing)).toBe(2);
    expect(missing.stderr.join('\n')).toMatch(/cannot read scenario/);
  });

  it('worker without --nats or NATS_URL is bad usage', async () => {
    const saved = process.env.NATS_URL;
    delete process.env.NATS_URL;
    try {
      const o = io();
      expect(await runCli(['worker'], o)).toBe(2);
      expect(o.stderr.join('\n')).toMatch(/missing --nats \(or NATS_URL\)/);
    } finally {
      if (saved !== undefined) process.env.NATS_URL = saved;
    }
  });
});

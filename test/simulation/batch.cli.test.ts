/** The `--batch` flags of `lukhas simulate`: batch-API mode alone, the old `--batch N` meaning kept, bad usage named. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/lukhas.main.js';
import type { CliIo } from '../../adapters/cli/cli.shared.js';
import { FAKE_ENGINE, tempDir, writeSmallScenario } from './sim-fixtures.js';
import { writeBatchScenario } from './batch.fixtures.js';

function io(): CliIo & { stderr: string[]; stdout: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, color: false };
}

describe('lukhas simulate --batch (flags)', () => {
  const dir = tempDir('batch-cli');

  it('--batch N keeps its meaning (runs per work item), as does --batch-size N', async () => {
    const file = writeSmallScenario(dir, 4);
    for (const flags of [['--batch', '3'], ['--batch-size', '3']]) {
      const o = io();
      expect(await runCli(['simulate', file, '--engine', FAKE_ENGINE, '--out', join(dir, flags[0]!), ...flags, '--json'], o)).toBe(0);
      expect(JSON.parse(o.stdout[0]!)).toMatchObject({ completedRuns: 12 });
    }
  });

  it('bad usage exits 2 naming the flag', async () => {
    const file = writeBatchScenario(dir, 2);
    const cases: [string[], RegExp][] = [
      [['--batch', 'ten'], /invalid --batch: "ten"/],
      [['--batch', '--poll-ms', '0'], /invalid --poll-ms: 0 \(expected 1\.\.3600000\)/],
      [['--batch', '--workers', '2'], /invalid --batch with --workers/],
    ];
    for (const [flags, message] of cases) {
      const o = io();
      expect(await runCli(['simulate', file, '--out', join(dir, 'bad'), ...flags], o), flags.join(' ')).toBe(2);
      expect(o.stderr.join('\n')).toMatch(message);
    }
  });

  it('batch mode without the provider keys is refused before anything starts, naming the variable', async () => {
    const file = writeBatchScenario(dir, 2);
    const saved = { o: process.env.OPENAI_API_KEY, a: process.env.ANTHROPIC_API_KEY };
    delete process.env.OPENAI_API_KEY;
    try {
      const o = io();
      expect(await runCli(['simulate', file, '--batch', '--out', join(dir, 'nokey')], o)).toBe(2);
      expect(o.stderr.join('\n')).toMatch(/OPENAI_API_KEY/);
    } finally {
      if (saved.o !== undefined) process.env.OPENAI_API_KEY = saved.o;
      if (saved.a !== undefined) process.env.ANTHROPIC_API_KEY = saved.a;
    }
  });
});
